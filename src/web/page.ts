/**
 * What the app's own pages share: the stylesheet, the header with navigation, and the token a person
 * enters when the service runs with API_TOKENS (kept in sessionStorage, never in a URL).
 */
import { createClient, type Client } from "./api.ts";
import { listedParks } from "../domain/park-names.ts";
import { h } from "./dom.ts";
import { STYLES } from "./styles.ts";

const TOKEN_KEY = "park-assistant-token";

export function pageToken(): string | undefined {
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

/** Build the page frame; returns the main element and a client on the page's own origin. */
export function pageFrame(current: "/" | "/draft" | "/admin" | "/docs", title: string): { main: HTMLElement; client: Client } {
  const style = document.createElement("style");
  style.textContent = STYLES;
  document.head.appendChild(style);
  document.body.classList.add("pa-root");
  const link = (href: string, text: string) => h("a", { href, "aria-current": href === current ? "page" : null }, text);
  const tokenInput = h("input", { type: "password", "aria-label": "访问令牌", placeholder: "访问令牌（未启用可留空）", autocomplete: "off", value: pageToken() ?? "" });
  tokenInput.addEventListener("change", () => {
    if (tokenInput.value.trim()) sessionStorage.setItem(TOKEN_KEY, tokenInput.value.trim());
    else sessionStorage.removeItem(TOKEN_KEY);
  });
  const main = h("main", { class: "page-body" });
  const app = document.getElementById("app") ?? document.body;
  app.appendChild(h("div", { class: "page" },
    h("header", { class: "page-head" }, h("h1", {}, title),
      h("nav", { "aria-label": "页面导航" }, link("/", "问答"), link("/draft", "起草"), link("/admin", "资料管理"), link("/docs", "接口文档")),
      tokenInput),
    main));
  return { main, client: createClient({ base: "", token: pageToken }) };
}

/** The parks on record (from the document list), sorted, without placeholders (XX工业园区, 未命名园区…). */
export async function parksOnRecord(client: Client): Promise<string[]> {
  const { documents } = await client.documents();
  return listedParks([...new Set(documents.map((document) => document.park))]).sort((a, b) => a.localeCompare(b, "zh-CN"));
}
