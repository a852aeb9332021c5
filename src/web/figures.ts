/**
 * Text with its figures as chips: each claim the verifier found becomes a button coloured by its status that
 * opens the fact behind it (value, unit, period, 口径, status, the source quote, a link to the document).
 */
import type { ApiClaim, ApiFact } from "./api.ts";
import { FACT_STATUS_TEXT, STATUS_TEXT, h, periodLabel } from "./dom.ts";

export interface FigureContext {
  facts: ApiFact[];
  /** Service origin for document links ("" on the app's own pages). */
  base: string;
  /** Where the popup is placed (the panel or the page). */
  popupHost: HTMLElement;
}

/** The text as nodes: plain runs as text, claims as chips. Claims are non-overlapping offsets into `text`. */
export function renderWithChips(text: string, claims: ApiClaim[], context: FigureContext): DocumentFragment {
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const claim of [...claims].sort((a, b) => a.start - b.start)) {
    if (claim.start < at || claim.end > text.length) continue;
    if (claim.start > at) fragment.append(document.createTextNode(text.slice(at, claim.start)));
    fragment.append(chip(text.slice(claim.start, claim.end), claim, context));
    at = claim.end;
  }
  if (at < text.length) fragment.append(document.createTextNode(text.slice(at)));
  return fragment;
}

function chip(label: string, claim: ApiClaim, context: FigureContext): HTMLButtonElement {
  const status = STATUS_TEXT[claim.status] ?? claim.status;
  const button = h("button", {
    type: "button", class: `chip chip-${claim.status}`, "data-status": claim.status,
    "aria-haspopup": "dialog", "aria-label": `${label}（${status}），查看来源`, title: status,
  }, label);
  button.addEventListener("click", (event) => {
    event.stopPropagation();
    openFactPopup(claim, context, button);
  });
  return button;
}

/** The popup of one claim: its status, and each fact it rests on with its quote and document. */
export function openFactPopup(claim: ApiClaim, context: FigureContext, opener: HTMLElement): void {
  context.popupHost.querySelector(".fact-popup")?.remove();
  const facts = claim.fact_ids.map((id) => context.facts.find((fact) => fact.id === id)).filter((fact): fact is ApiFact => Boolean(fact));
  const close = () => {
    popup.remove();
    opener.focus();
  };
  const popup = h("div", { class: "fact-popup", role: "dialog", "aria-modal": "false", "aria-label": `数字“${claim.text}”的来源`, tabindex: "-1" },
    h("div", { class: "popup-head" },
      h("strong", {}, claim.text),
      h("span", { class: `badge badge-${claim.status}` }, STATUS_TEXT[claim.status] ?? claim.status),
      h("button", { type: "button", class: "popup-close", "aria-label": "关闭", onclick: close }, "×")),
    claim.expected ? h("p", { class: "expected" }, `数据库数值：${claim.expected.value}${claim.expected.unit}`) : null,
    claim.reason ? h("p", { class: "reason" }, claim.reason) : null,
    facts.length === 0 ? h("p", { class: "muted" }, "没有可引用的数据库记录。") : null,
    ...facts.map((fact) => factCard(fact, context.base)));
  popup.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      // The popup takes this Escape: the panel around it stays open.
      event.stopPropagation();
      close();
    }
  });
  context.popupHost.appendChild(popup);
  popup.focus();
}

/** One fact as a card: the fields, the quote as text, the document link. */
export function factCard(fact: ApiFact, base: string): HTMLElement {
  const rows: Array<[string, string]> = [
    ["指标", fact.label],
    ["数值", `${fact.value}${fact.unit}${fact.yoy_pct !== null && fact.yoy_pct !== undefined ? `（同比${fact.yoy_pct >= 0 ? "增长" : "下降"}${Math.abs(fact.yoy_pct)}%）` : ""}`],
    ["园区", fact.park],
    ["期间", periodLabel(fact.period)],
    ["口径", fact.scope || "园区"],
    ["性质", FACT_STATUS_TEXT[fact.status] ?? fact.status],
  ];
  const documentId = fact.source.document_id;
  return h("div", { class: "fact-card" },
    h("dl", {}, ...rows.flatMap(([name, value]) => [h("dt", {}, name), h("dd", {}, value)])),
    fact.source.quote ? h("blockquote", { class: "quote" }, fact.source.quote) : null,
    documentId
      ? h("a", { class: "doc-link", href: `${base}/admin?doc=${encodeURIComponent(documentId)}`, target: "_blank", rel: "noopener" }, `出处：${fact.source.title ?? "原文"}`)
      : h("span", { class: "muted" }, `出处：${fact.source.title ?? "统计数据导入"}`));
}
