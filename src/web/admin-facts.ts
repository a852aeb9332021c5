/** The admin page's fact browser: the facts on record by park, period and indicator, each with its source. */
import type { ApiFact, Client } from "./api.ts";
import { errorBox, heading, messageOf } from "./messages.ts";
import { FACT_STATUS_TEXT, clear, h, periodLabel } from "./dom.ts";
import { parksOnRecord } from "./page.ts";

export function factsBrowser({ client, openDocument }: { client: Client; openDocument: (id: string) => Promise<void> }): { card: HTMLElement; loadParks: () => Promise<void> } {
  const factPark = h("select", { "aria-label": "园区" }, h("option", { value: "" }, "全部园区"));
  const factPeriod = h("input", { type: "text", "aria-label": "期间", placeholder: "如 2022 或 2022H1", style: "width:10em" });
  const factIndicator = h("input", { type: "text", "aria-label": "指标", placeholder: "如 工业总产值", style: "width:12em" });
  const factButton = h("button", { type: "submit", class: "primary" }, "查询");
  const factResult = h("div", { "aria-live": "polite" });
  const factForm = h("form", { style: "display:flex;flex-wrap:wrap;align-items:flex-end" },
    h("label", { class: "field" }, h("span", {}, "园区"), factPark),
    h("label", { class: "field" }, h("span", {}, "期间"), factPeriod),
    h("label", { class: "field" }, h("span", {}, "指标"), factIndicator),
    h("div", { class: "field" }, factButton));
  const factsCard = h("section", { class: "card", "aria-label": "事实数据库" }, heading("事实数据库"), factForm, factResult);
  const FACT_LIMIT = 500;

  factForm.addEventListener("submit", (event) => {
    event.preventDefault();
    void queryFacts();
  });

  async function queryFacts(): Promise<void> {
    clear(factResult);
    factButton.disabled = true;
    factResult.append(h("p", { class: "muted" }, "正在查询…"));
    try {
      const { facts } = await client.facts({ park: factPark.value, period: factPeriod.value.trim(), indicator: factIndicator.value.trim() });
      clear(factResult);
      factResult.append(h("p", { class: "muted", style: "margin:0 0 6px" },
        facts.length ? `共 ${facts.length} 条${facts.length > FACT_LIMIT ? `，显示前 ${FACT_LIMIT} 条（请缩小查询条件）` : ""}。` : "没有符合条件的事实。"));
      if (!facts.length) return;
      factResult.append(h("div", { style: "overflow-x:auto" }, h("table", {},
        h("thead", {}, h("tr", {}, ...["指标", "数值", "单位", "期间", "口径", "性质", "园区", "来源"].map((name) => h("th", {}, name)))),
        h("tbody", {}, ...facts.slice(0, FACT_LIMIT).map(factRow)))));
    } catch (error) {
      clear(factResult);
      factResult.append(errorBox(messageOf(error, "查询失败")));
    } finally {
      factButton.disabled = false;
    }
  }

  function factRow(fact: ApiFact): HTMLElement {
    const title = fact.source.title ?? (fact.origin === "stats" ? "统计数据导入" : "—");
    let source: Node = document.createTextNode(title);
    if (fact.source.document_id) {
      const id = fact.source.document_id;
      const button = h("button", { type: "button", style: "border:0;background:transparent;padding:0;color:var(--pa-blue);text-align:left;text-decoration:underline" }, title);
      button.addEventListener("click", () => void openDocument(id));
      source = button;
    }
    return h("tr", {},
      h("td", {}, fact.label), h("td", {}, fact.value), h("td", {}, fact.unit), h("td", {}, periodLabel(fact.period)),
      h("td", {}, fact.scope || "园区"), h("td", {}, FACT_STATUS_TEXT[fact.status] ?? fact.status), h("td", {}, fact.park),
      h("td", { style: "word-break:break-all" }, source));
  }

  async function loadParks(): Promise<void> {
    try {
      const parks = await parksOnRecord(client);
      const chosen = factPark.value;
      clear(factPark);
      factPark.append(h("option", { value: "" }, "全部园区"), ...parks.map((park) => h("option", { value: park }, park)));
      factPark.value = parks.includes(chosen) ? chosen : "";
    } catch {
      // The documents card already shows why the list is unreadable.
    }
  }

  return { card: factsCard, loadParks };
}
