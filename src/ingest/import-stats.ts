import Papa from "papaparse";
import { z } from "zod";
import { deleteFactsById, factsOfParks, insertFacts } from "../db/facts-repo.ts";
import type { SqlClient } from "../db/sql-client.ts";
import { AppError } from "../errors.ts";
import { stripForbiddenChars } from "../text/clean.ts";
import { findFigures } from "../text/parse-number.ts";
import { contradictsStat } from "./document-conflicts.ts";
import { resolveIndicator } from "../domain/indicators.ts";
import type { Fact, FactInput } from "../domain/fact-types.ts";

const REQUIRED = ["park", "period", "indicator", "value", "unit"] as const;
const OPTIONAL = ["yoy_pct", "scope", "note"] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];

/** Header names as offices write them (Chinese, or the English ones), case and spacing ignored. */
const HEADER_ALIASES: Record<string, Column> = {
  park: "park", 园区: "park", 园区名称: "park", 开发区: "park",
  period: "period", 期间: "period", 时期: "period", 年份: "period", 年度: "period", 统计期: "period",
  indicator: "indicator", 指标: "indicator", 指标名称: "indicator",
  value: "value", 数值: "value", 值: "value", 数据: "value",
  unit: "unit", 单位: "unit", 计量单位: "unit",
  yoy_pct: "yoy_pct", 同比: "yoy_pct", "同比(%)": "yoy_pct", "同比（%）": "yoy_pct", 同比增长: "yoy_pct", "同比增长(%)": "yoy_pct", "同比增长（%）": "yoy_pct", 增速: "yoy_pct",
  scope: "scope", 口径: "scope", 范围: "scope",
  note: "note", 备注: "note", 说明: "note",
};

/** Beyond this a value is a typo or an overflow, not a statistic (the largest park figures are ~1e4 亿元). */
const MAX_ABS_VALUE = 1e15;

/** "1,568,000" and "1 568 000" are one number; a full-width minus or digits are the ASCII ones. */
function plainNumber(cell: string): string {
  return cell.trim().replace(/[０-９．－]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/^−/, "-")
    .replace(/^(-?\d{1,3})((?:[,，]\d{3})+)(\.\d+)?$/, (_, lead: string, groups: string, fraction = "") => `${lead}${groups.replace(/[,，]/g, "")}${fraction}`);
}

const numberCell = (what: string) => z.string().transform(plainNumber).pipe(z.string().regex(/^-?\d+(\.\d+)?$/, `${what}应为数字`))
  .refine((value) => Math.abs(Number(value)) <= MAX_ABS_VALUE, `${what}超出合理范围（绝对值不超过 1e15）`);

const rowSchema = z.object({
  park: z.string().trim().min(1, "园区不能为空").max(100, "园区名称过长"),
  period: z.string().trim().regex(/^\d{4}(H[12]|Q[1-4]|M\d{2}(-\d{2})?)?$/, "期间应为 2022、2022H1、2022Q3 或 2022M01-11"),
  indicator: z.string().trim().min(1, "指标不能为空").max(100, "指标名称过长"),
  value: numberCell("数值"),
  unit: z.string().trim().max(20, "单位过长"),
  yoy_pct: z.union([z.literal(""), numberCell("同比")]).optional(),
  scope: z.string().trim().max(100).optional(),
  note: z.string().trim().max(500).optional(),
});

/** UTF-8, else GB18030 (what Excel on Chinese Windows writes); anything else is refused rather than garbled. */
export function decodeStatsCsv(bytes: Uint8Array): string {
  for (const encoding of ["utf-8", "gb18030"]) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      // try the next encoding
    }
  }
  throw new AppError("bad_request", "CSV 编码无法识别：请另存为“CSV UTF-8”");
}

export interface StatsConflict {
  row: number;
  park: string;
  period: string;
  indicator: string;
  scope: string;
  imported: { value: number; unit: string };
  existing: { value: number; unit: string; origin: "text" | "stats"; fact_id: string; document_id: string | null; quote: string };
}

export interface StatsImportResult {
  imported: number;
  conflicts: StatsConflict[];
}

/** Parse and validate a statistics CSV into facts; all row errors are reported at once. */
export function parseStatsCsv(input: string): Array<{ row: number; fact: FactInput }> {
  const csv = stripForbiddenChars(input.replace(/^\uFEFF/, "")).text;
  const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: "greedy" });
  const broken = parsed.errors.find((error) => error.type === "Quotes");
  if (broken) throw new AppError("bad_request", `CSV 第 ${(broken.row ?? 0) + 1} 行引号不成对`);
  const table = parsed.data;
  if (table.length === 0) throw new AppError("bad_request", "CSV 为空");
  const header = table[0].map((cell) => HEADER_ALIASES[cell.trim().toLowerCase().replace(/\s+/g, "")] ?? cell.trim().toLowerCase());
  const missing = REQUIRED.filter((column) => !header.includes(column));
  if (missing.length) {
    throw new AppError("bad_request", `CSV 表头缺少列：${missing.join(", ")}（应为 park,period,indicator,value,unit[,yoy_pct][,scope][,note]，或 园区,期间,指标,数值,单位[,同比][,口径][,备注]）`);
  }
  const errors: Array<{ row: number; error: string }> = [];
  const facts: Array<{ row: number; fact: FactInput }> = [];
  table.slice(1).forEach((cells, index) => {
    const rowNumber = index + 2;
    const record = Object.fromEntries([...REQUIRED, ...OPTIONAL].filter((column) => header.includes(column)).map((column) => [column, cells[header.indexOf(column)] ?? ""]));
    const parsedRow = rowSchema.safeParse(record);
    if (!parsedRow.success) {
      errors.push({ row: rowNumber, error: `${parsedRow.error.issues[0].path.join(".")}: ${parsedRow.error.issues[0].message}` });
      return;
    }
    const row = parsedRow.data;
    const figure = row.unit === "" ? null : findFigures(`${row.value}${row.unit}`)[0];
    if (row.unit !== "" && (!figure || figure.start !== 0 || figure.end !== `${row.value}${row.unit}`.length)) {
      errors.push({ row: rowNumber, error: `unit: 无法识别的单位“${row.unit}”` });
      return;
    }
    const value = Number(row.value);
    const indicator = resolveIndicator(row.indicator);
    facts.push({
      row: rowNumber,
      fact: {
        park: row.park, period: row.period, year: Number(row.period.slice(0, 4)),
        indicatorKey: indicator?.key ?? `label:${row.indicator}`, label: row.indicator,
        scope: row.scope || "园区", value, unit: row.unit, valueBase: figure ? figure.valueBase : value,
        baseUnit: figure ? figure.baseUnit : "", yoyPct: row.yoy_pct ? Number(row.yoy_pct) : null,
        qualifier: "exact", status: "actual", decimals: (row.value.split(".")[1] ?? "").length,
        spanStart: null, spanEnd: null, quote: `${row.park} ${row.period} ${row.indicator} ${row.value}${row.unit}`,
        origin: "stats", confidence: 1, note: row.note || null,
      },
    });
  });
  if (errors.length) {
    throw new AppError("bad_request", `CSV 有 ${errors.length} 行无效，未导入任何数据：第 ${errors[0].row} 行 ${errors[0].error}`, { extra: { errors: errors.slice(0, 1000) } });
  }
  return facts;
}

const statKey = (fact: Pick<FactInput, "park" | "period" | "indicatorKey" | "scope" | "status">) =>
  `${fact.park}\u0001${fact.period}\u0001${fact.indicatorKey}\u0001${fact.scope}\u0001${fact.status}`;
const differs = (a: { valueBase: number }, b: { valueBase: number }) => Math.abs(a.valueBase - b.valueBase) > 1e-9 * Math.max(1, Math.abs(b.valueBase));

/**
 * Import statistics all-or-nothing in one transaction: the CSV is compared with the stored statistics in memory
 * and written with multi-row INSERTs (100k rows in seconds, not minutes). Imported rows outrank extracted ones; a
 * row that changes an earlier import, or disagrees with a document, is reported in `conflicts`. Accepts the
 * CSV's bytes (UTF-8 or GB18030) or its text.
 */
export async function importStats(db: SqlClient, input: string | Uint8Array): Promise<StatsImportResult> {
  const rows = parseStatsCsv(typeof input === "string" ? input : decodeStatsCsv(input));
  const conflicts: StatsConflict[] = [];
  const parks = [...new Set(rows.map(({ fact }) => fact.park))];
  // Within the CSV the last row of a key wins, as if imported one after another.
  const latest = new Map<string, { row: number; fact: FactInput }>();
  for (const entry of rows) {
    const earlier = latest.get(statKey(entry.fact));
    if (earlier && differs(earlier.fact, entry.fact)) conflicts.push(conflictOf(entry.row, entry.fact, { ...earlier.fact, id: "", documentId: null }));
    latest.set(statKey(entry.fact), entry);
  }
  await db.transaction(async (tx) => {
    const stored = new Map((await factsOfParks(tx, "stats", parks)).map((fact) => [statKey(fact), fact]));
    const replaced: string[] = [];
    for (const { row, fact } of latest.values()) {
      const previous = stored.get(statKey(fact));
      if (!previous) continue;
      replaced.push(previous.id);
      if (differs(previous, fact)) conflicts.push(conflictOf(row, fact, previous));
    }
    await deleteFactsById(tx, replaced);
    await insertFacts(tx, [...latest.values()].map(({ fact }) => ({ ...fact, documentId: null, chunkId: null })));
  });
  // Disagreements with figures extracted from documents (read after commit; reporting only): the same comparison
  // the verifier and a document upload make (same 口径 and status, stock vs flow apart, at the text's precision).
  const extracted = new Map<string, Fact[]>();
  for (const fact of await factsOfParks(db, "text", parks)) {
    const key = `${fact.park}\u0001${fact.period}\u0001${fact.indicatorKey}`;
    extracted.set(key, [...(extracted.get(key) ?? []), fact]);
  }
  for (const { row, fact } of rows) {
    for (const other of extracted.get(`${fact.park}\u0001${fact.period}\u0001${fact.indicatorKey}`) ?? []) {
      if (contradictsStat(other, fact)) conflicts.push(conflictOf(row, fact, other));
    }
  }
  return { imported: rows.length, conflicts };
}

function conflictOf(row: number, fact: FactInput, other: { id: string; value: number; unit: string; origin: "text" | "stats"; documentId: string | null; quote: string }): StatsConflict {
  return {
    row, park: fact.park, period: fact.period, indicator: fact.label, scope: fact.scope,
    imported: { value: fact.value, unit: fact.unit },
    existing: { value: other.value, unit: other.unit, origin: other.origin, fact_id: other.id, document_id: other.documentId, quote: other.quote },
  };
}
