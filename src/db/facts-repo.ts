import type { Fact, FactFilter, FactInput } from "../domain/fact-types.ts";
import { AppError } from "../errors.ts";
import { insertRows } from "./bulk-insert.ts";
import type { SqlClient, SqlExecutor } from "./sql-client.ts";

/** Most facts one `findFacts` call without a `limit` returns; more is an error, never a silent cut. */
export const MAX_FACT_ROWS = 100_000;

type StoredFact = FactInput & { documentId: string | null; chunkId: string | null };

const insertSql = `INSERT INTO facts (id, park, period, year, indicator_key, label, scope, value, unit, value_base, base_unit,
  yoy_pct, qualifier, status, decimals, document_id, chunk_id, span_start, span_end, quote, origin, confidence, note, context)
  VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24)`;

function params(id: string, fact: StoredFact): unknown[] {
  return [id, fact.park, fact.period, fact.year, fact.indicatorKey, fact.label, fact.scope, fact.value, fact.unit,
    fact.valueBase, fact.baseUnit, fact.yoyPct, fact.qualifier, fact.status, fact.decimals, fact.documentId,
    fact.chunkId, fact.spanStart, fact.spanEnd, fact.quote, fact.origin, fact.confidence, fact.note ?? null, fact.context ?? ""];
}

const FACT_COLUMNS = ["id", "park", "period", "year", "indicator_key", "label", "scope", "value", "unit", "value_base", "base_unit",
  "yoy_pct", "qualifier", "status", "decimals", "document_id", "chunk_id", "span_start", "span_end", "quote", "origin", "confidence", "note", "context"];

/** Insert facts inside the caller's transaction, 500 to a statement. */
export async function insertFacts(tx: SqlExecutor, facts: StoredFact[]): Promise<string[]> {
  const ids = facts.map(() => crypto.randomUUID());
  await insertRows(tx, "facts", FACT_COLUMNS, facts.map((fact, index) => params(ids[index], fact)));
  return ids;
}

/**
 * Replace-or-insert one imported statistic (origin 'stats'), keyed by park, period, indicator, scope, status.
 * @returns the previous stats value when it differed, for conflict reports
 */
export async function upsertStat(tx: SqlExecutor, fact: FactInput): Promise<{ id: string; previous: Fact | null }> {
  const { rows } = await tx.query<FactRow>(
    `SELECT f.*, NULL::text AS document_title FROM facts f WHERE origin = 'stats' AND park = $1 AND period = $2
     AND indicator_key = $3 AND scope = $4 AND status = $5`,
    [fact.park, fact.period, fact.indicatorKey, fact.scope, fact.status],
  );
  const previous = rows[0] ? toFact(rows[0]) : null;
  if (previous) await tx.query("DELETE FROM facts WHERE id = $1", [previous.id]);
  const id = crypto.randomUUID();
  await tx.query(insertSql, params(id, { ...fact, documentId: null, chunkId: null }));
  return { id, previous };
}

/** Every fact of `origin` for these parks (the statistics import compares a whole CSV against them at once). */
export async function factsOfParks(tx: SqlExecutor, origin: "stats" | "text", parks: readonly string[]): Promise<Fact[]> {
  const { rows } = await tx.query<FactRow>(
    "SELECT f.*, NULL::text AS document_title FROM facts f WHERE f.origin = $1 AND f.park = ANY($2::text[])", [origin, [...parks]],
  );
  return rows.map(toFact);
}

export async function deleteFactsById(tx: SqlExecutor, ids: readonly string[]): Promise<void> {
  for (let start = 0; start < ids.length; start += 5_000) {
    await tx.query("DELETE FROM facts WHERE id = ANY($1::text[])", [ids.slice(start, start + 5_000)]);
  }
}

export interface FactRow {
  id: string; park: string; period: string; year: number; indicator_key: string; label: string; scope: string;
  value: number; unit: string; value_base: number; base_unit: string; yoy_pct: number | null; qualifier: string;
  status: string; decimals: number; document_id: string | null; chunk_id: string | null; span_start: number | null;
  span_end: number | null; quote: string; origin: string; confidence: number; note: string | null; context?: string | null;
  document_title: string | null;
}

export function toFact(row: FactRow): Fact {
  return {
    id: row.id, park: row.park, period: row.period, year: Number(row.year), indicatorKey: row.indicator_key,
    label: row.label, scope: row.scope, value: Number(row.value), unit: row.unit, valueBase: Number(row.value_base),
    baseUnit: row.base_unit, yoyPct: row.yoy_pct === null ? null : Number(row.yoy_pct),
    qualifier: row.qualifier as Fact["qualifier"], status: row.status as Fact["status"], decimals: Number(row.decimals),
    documentId: row.document_id, chunkId: row.chunk_id, spanStart: row.span_start, spanEnd: row.span_end,
    quote: row.quote, context: row.context ?? "", origin: row.origin as Fact["origin"], confidence: Number(row.confidence), note: row.note,
    documentTitle: row.document_title,
  };
}

/**
 * Facts matching a filter; imported statistics first, then by confidence, so callers that take the first
 * candidate get the authoritative one.
 */
export async function findFacts(db: SqlClient, filter: FactFilter): Promise<Fact[]> {
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    values.push(value);
    where.push(clause.replace("?", `$${values.length}`));
  };
  if (filter.park !== undefined) add("f.park = ?", filter.park);
  if (filter.parks?.length) add("f.park = ANY(?::text[])", filter.parks);
  if (filter.period !== undefined) add("f.period = ?", filter.period);
  if (filter.year !== undefined) add("f.year = ?", filter.year);
  if (filter.years?.length) add("f.year = ANY(?::int[])", filter.years);
  if (filter.indicatorKey !== undefined) add("f.indicator_key = ?", filter.indicatorKey);
  if (filter.indicatorKeys?.length) add("f.indicator_key = ANY(?::text[])", filter.indicatorKeys);
  if (filter.status !== undefined) add("f.status = ?", filter.status);
  // A caller's own limit is honoured as given; without one every matching row is returned, up to a safety
  // ceiling that fails loudly instead of cutting the list short (a verifier missing candidates would certify wrongly).
  const limit = filter.limit !== undefined ? Math.max(0, Math.floor(filter.limit)) : MAX_FACT_ROWS + 1;
  const { rows } = await db.query<FactRow>(
    `SELECT f.*, d.title AS document_title FROM facts f LEFT JOIN documents d ON d.id = f.document_id
     ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY f.park, f.year, f.indicator_key, (f.origin = 'stats') DESC, f.confidence DESC, f.span_start NULLS FIRST
     LIMIT ${limit}`,
    values,
  );
  if (filter.limit === undefined && rows.length > MAX_FACT_ROWS) {
    throw new AppError("internal", `符合条件的事实超过 ${MAX_FACT_ROWS} 条，未截断返回；请按园区、年份或指标缩小查询范围`);
  }
  return rows.map(toFact);
}

/** Distinct parks and years on record, for refusals and relative years (去年/前年). */
export async function factCoverage(db: SqlClient): Promise<Array<{ park: string; year: number; facts: number }>> {
  const { rows } = await db.query<{ park: string; year: number; facts: number }>(
    "SELECT park, year, count(*)::int AS facts FROM facts GROUP BY park, year ORDER BY park, year",
  );
  return rows.map((row) => ({ park: row.park, year: Number(row.year), facts: Number(row.facts) }));
}

/** Distinct indicator keys and labels present in the facts table (for fuzzy matching of questions). */
export async function factIndicators(db: SqlClient): Promise<Array<{ key: string; label: string; facts: number }>> {
  const { rows } = await db.query<{ key: string; label: string; facts: number }>(
    `SELECT indicator_key AS key, min(label) AS label, count(*)::int AS facts FROM facts GROUP BY indicator_key ORDER BY facts DESC`,
  );
  return rows.map((row) => ({ key: row.key, label: row.label, facts: Number(row.facts) }));
}

/** Facts extracted from one document, in text order. */
export async function findFactsOfDocument(db: SqlClient, documentId: string): Promise<Fact[]> {
  const { rows } = await db.query<FactRow>(
    `SELECT f.*, d.title AS document_title FROM facts f JOIN documents d ON d.id = f.document_id
     WHERE f.document_id = $1 ORDER BY f.span_start NULLS LAST`,
    [documentId],
  );
  return rows.map(toFact);
}
