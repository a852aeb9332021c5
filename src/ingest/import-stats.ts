import { z } from "zod";
import { findFacts, upsertStat } from "../db/facts-repo.ts";
import type { SqlClient } from "../db/sql-client.ts";
import { AppError } from "../errors.ts";
import { findFigures } from "../text/parse-number.ts";
import { contradictsStat } from "./document-conflicts.ts";
import { resolveIndicator } from "../domain/indicators.ts";
import { parseCsv } from "../facts/parse-csv.ts";
import type { FactInput } from "../domain/fact-types.ts";

const REQUIRED = ["park", "period", "indicator", "value", "unit"] as const;
const OPTIONAL = ["yoy_pct", "scope", "note"] as const;

const rowSchema = z.object({
  park: z.string().trim().min(1, "园区不能为空"),
  period: z.string().trim().regex(/^\d{4}(H[12]|Q[1-4]|M\d{2}(-\d{2})?)?$/, "期间应为 2022、2022H1、2022Q3 或 2022M01-11"),
  indicator: z.string().trim().min(1, "指标不能为空"),
  value: z.string().trim().regex(/^-?\d+(\.\d+)?$/, "数值应为数字"),
  unit: z.string().trim(),
  yoy_pct: z.string().trim().regex(/^(-?\d+(\.\d+)?)?$/, "同比应为数字或留空").optional(),
  scope: z.string().trim().optional(),
  note: z.string().trim().optional(),
});

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
export function parseStatsCsv(csv: string): Array<{ row: number; fact: FactInput }> {
  let table: string[][];
  try {
    table = parseCsv(csv);
  } catch (error) {
    throw new AppError("bad_request", (error as Error).message);
  }
  if (table.length === 0) throw new AppError("bad_request", "CSV 为空");
  const header = table[0].map((cell) => cell.trim().toLowerCase());
  const missing = REQUIRED.filter((column) => !header.includes(column));
  if (missing.length) throw new AppError("bad_request", `CSV 表头缺少列：${missing.join(", ")}（应为 park,period,indicator,value,unit[,yoy_pct][,scope][,note]）`);
  const errors: Array<{ row: number; error: string }> = [];
  const facts: Array<{ row: number; fact: FactInput }> = [];
  table.slice(1).forEach((cells, index) => {
    const rowNumber = index + 2;
    const record = Object.fromEntries([...REQUIRED, ...OPTIONAL].filter((column) => header.includes(column)).map((column) => [column, cells[header.indexOf(column)] ?? ""]));
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) {
      errors.push({ row: rowNumber, error: `${parsed.error.issues[0].path.join(".")}: ${parsed.error.issues[0].message}` });
      return;
    }
    const row = parsed.data;
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
    throw new AppError("bad_request", `CSV 有 ${errors.length} 行无效，未导入任何数据：第 ${errors[0].row} 行 ${errors[0].error}`, { extra: { errors } });
  }
  return facts;
}

/**
 * Import statistics all-or-nothing in one transaction. Imported rows outrank extracted ones; where a
 * document or an earlier import disagrees, the row is reported in `conflicts`.
 */
export async function importStats(db: SqlClient, csv: string): Promise<StatsImportResult> {
  const rows = parseStatsCsv(csv);
  const conflicts: StatsConflict[] = [];
  await db.transaction(async (tx) => {
    for (const { row, fact } of rows) {
      const { previous } = await upsertStat(tx, fact);
      if (previous && Math.abs(previous.valueBase - fact.valueBase) > 1e-9 * Math.max(1, Math.abs(fact.valueBase))) {
        conflicts.push(conflictOf(row, fact, previous));
      }
    }
  });
  // Disagreements with figures extracted from documents (read after commit; reporting only).
  for (const { row, fact } of rows) {
    const extracted = await findFacts(db, { park: fact.park, period: fact.period, indicatorKey: fact.indicatorKey });
    for (const other of extracted) {
      // The same comparison the verifier (and a document upload) makes: same 口径 and status, stock vs flow
      // kept apart, at the text's stated precision.
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
