/**
 * A tiny element builder. Text is always set with textContent and attributes with setAttribute: nothing a
 * document, an answer or a quote contains is ever parsed as HTML.
 */
import { CLAIM_STATUS_TEXT } from "../domain/claim-status.ts";
import { periodText } from "../domain/periods.ts";

type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === "function") element.addEventListener(name.replace(/^on/, ""), value);
    else if (value === true) element.setAttribute(name, "");
    else element.setAttribute(name, String(value));
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
}

export function clear(element: Element): void {
  while (element.firstChild) element.removeChild(element.firstChild);
}

/** Chinese names of verification statuses (one list for the pages and the command line). */
export const STATUS_TEXT: Record<string, string> = CLAIM_STATUS_TEXT;

export const FACT_STATUS_TEXT: Record<string, string> = { actual: "实际", plan: "计划", target: "目标", forecast: "预计" };

/** A fact's period in words (2022年, 2021年1-11月), as answers print it. */
export function periodLabel(period: string): string {
  return periodText(period);
}

/** Save a blob as a file through a temporary link. */
export function saveBlob(blob: Blob, name: string): void {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
