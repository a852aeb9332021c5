/** The admin page's statistics import card: a CSV, its imported count, its conflicts and its row errors. */
import { ApiError, type Client } from "./api.ts";
import { errorBox, heading, messageOf, valueText } from "./messages.ts";
import { clear, h, periodLabel } from "./dom.ts";

export function statsImportCard({ client, openDocument, onImported }: { client: Client; openDocument: (id: string) => Promise<void>; onImported: () => void }): HTMLElement {
  const csvInput = h("input", { type: "file", accept: ".csv", "aria-label": "选择统计表CSV" });
  const csvButton = h("button", { type: "button", class: "primary" }, "导入统计表");
  const csvResult = h("div", { "aria-live": "polite", style: "margin-top:10px" });
  const statsCard = h("section", { class: "card", "aria-label": "导入统计表" }, heading("导入统计表"),
    h("p", { class: "muted", style: "margin:0 0 8px;font-size:14px" },
      "CSV 表头：park,period,indicator,value,unit[,yoy_pct][,scope][,note]；期间如 2022、2022H1、2022Q3、2022M01-11。整表导入：任何一行有误则全部不导入。导入的统计数据优先于文中提取的数字。"),
    h("div", { style: "display:flex;flex-wrap:wrap;gap:10px;align-items:center" }, csvInput, csvButton),
    csvResult);

  interface StatsConflict {
    row: number;
    park: string;
    period: string;
    indicator: string;
    scope: string;
    imported: { value: number; unit: string };
    existing: { value: number; unit: string; origin: string; fact_id: string; document_id: string | null; quote: string };
  }

  csvButton.addEventListener("click", () => void importCsv());

  async function importCsv(): Promise<void> {
    clear(csvResult);
    const file = csvInput.files?.[0];
    if (!file) {
      csvResult.append(errorBox("请先选择统计表 CSV 文件。"));
      return;
    }
    csvButton.disabled = true;
    csvResult.append(h("p", { class: "muted" }, `正在导入 ${file.name}…`));
    try {
      const answer = await client.importStats(file);
      const conflicts = (answer.conflicts ?? []) as StatsConflict[];
      clear(csvResult);
      csvResult.append(h("p", { style: "color:var(--pa-green);font-weight:600;margin:0 0 6px" }, `已导入 ${answer.imported} 行统计数据。`));
      if (conflicts.length) {
        csvResult.append(
          h("p", { style: "margin:0 0 4px;color:var(--pa-amber)" }, `其中 ${conflicts.length} 处与已有数字不一致（已以导入的统计数据为准）：`),
          h("ul", { style: "margin:0;padding-left:22px" }, ...conflicts.map(conflictItem)));
      } else csvResult.append(h("p", { class: "muted", style: "margin:0" }, "没有与已有数字冲突的行。"));
      csvInput.value = "";
      onImported();
    } catch (error) {
      clear(csvResult);
      csvResult.append(errorBox(messageOf(error, "导入失败")));
      const rows = error instanceof ApiError ? rowErrors(error.body) : [];
      if (rows.length) {
        csvResult.append(h("p", { style: "margin:8px 0 4px" }, `有问题的行（共 ${rows.length} 行，未导入任何数据）：`),
          h("ul", { style: "margin:0;padding-left:22px;color:var(--pa-red)" }, ...rows.map((row) => h("li", {}, `第 ${row.row} 行：${row.error}`))));
      }
    } finally {
      csvButton.disabled = false;
    }
  }

  /** The row errors a 400 problem of /api/stats carries: `errors: [{ row, error }]`. */
  function rowErrors(body: unknown): Array<{ row: number; error: string }> {
    const errors = (body as { errors?: unknown } | undefined)?.errors;
    if (!Array.isArray(errors)) return [];
    return errors
      .filter((item): item is { row: number; error: string } => typeof item === "object" && item !== null && "row" in item)
      .map((item) => ({ row: Number(item.row), error: String(item.error ?? "") }));
  }

  function conflictItem(conflict: StatsConflict): HTMLElement {
    const existing = conflict.existing;
    const source = existing.origin === "stats" ? "此前导入的统计数据" : "文档中的数字";
    const link = existing.document_id
      ? h("button", { type: "button", style: "margin-left:6px;font-size:13px" }, "查看来源资料")
      : null;
    link?.addEventListener("click", () => void openDocument(existing.document_id!));
    return h("li", { style: "margin-bottom:6px" },
      `第 ${conflict.row} 行 ${conflict.park} ${periodLabel(conflict.period)} ${conflict.indicator}（${conflict.scope || "园区"}）：导入 ${valueText(conflict.imported.value, conflict.imported.unit)}，${source}为 ${valueText(existing.value, existing.unit)}`,
      link,
      existing.quote ? h("blockquote", { class: "quote", style: "font-size:13px" }, existing.quote) : null);
  }

  return statsCard;
}
