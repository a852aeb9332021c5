import { listParkAliases } from "../db/documents-repo.ts";
import { factCoverage, factIndicators } from "../db/facts-repo.ts";
import { UNKNOWN_YEAR } from "../domain/periods.ts";
export { parkAliases } from "../domain/park-names.ts";
import type { SqlClient } from "../db/sql-client.ts";

/** What the database holds, as the question parser needs it: parks, years, indicator labels. */
export interface Vocabulary {
  /** Canonical park names (facts and documents). */
  parks: string[];
  /** Years with facts, per park, ascending. */
  yearsByPark: Map<string, number[]>;
  /** Latest year on record (targets included: a plan for next year makes it 今年), over all parks; null when empty. */
  latestYear: number | null;
  /** Latest year on record per park. */
  latestYearByPark: Map<string, number>;
  /** Latest year with actual (non-plan) figures, over all parks (近三年 ends there). */
  latestActualYear: number | null;
  /** Latest actual year per park. */
  latestActualYearByPark: Map<string, number>;
  /** Indicator keys and labels present in the facts table, most facts first. */
  indicators: Array<{ key: string; label: string; facts: number }>;
  /** Names documents use for parks (桐山高新区 for a park stored as an office's own label), most mentions first. */
  aliases: Array<{ alias: string; park: string; mentions: number }>;
}

/**
 * Read the vocabulary from the database: three small aggregate queries.
 * @example const vocabulary = await loadVocabulary(deps.db)
 */
export async function loadVocabulary(db: SqlClient): Promise<Vocabulary> {
  const [allCoverage, indicators, actual, documentParks, aliases] = await Promise.all([
    factCoverage(db),
    factIndicators(db),
    db.query<{ park: string; year: number }>(
      "SELECT park, max(year)::int AS year FROM facts WHERE status = 'actual' GROUP BY park",
    ),
    db.query<{ park: string }>("SELECT DISTINCT park FROM documents WHERE park <> ''"),
    listParkAliases(db),
  ]);
  // Figures of documents that state no year are kept under year 0: they are on record, but no year of it.
  const coverage = allCoverage.filter((row) => row.year !== UNKNOWN_YEAR);
  const parksWithFacts = new Set(allCoverage.map((row) => row.park));
  const yearsByPark = new Map<string, number[]>();
  for (const row of coverage) {
    const years = yearsByPark.get(row.park) ?? [];
    years.push(row.year);
    yearsByPark.set(row.park, years);
  }
  const latestActualYearByPark = new Map(actual.rows.filter((row) => Number(row.year) !== UNKNOWN_YEAR).map((row) => [row.park, Number(row.year)] as const));
  const latestYearByPark = new Map([...yearsByPark].map(([park, years]) => [park, Math.max(...years)] as const));
  const actualValues = [...latestActualYearByPark.values()];
  const parks = [...new Set([...parksWithFacts, ...documentParks.rows.map((row) => row.park)])].filter(Boolean);
  return {
    parks,
    yearsByPark,
    latestYear: coverage.length ? Math.max(...coverage.map((row) => row.year)) : null,
    latestYearByPark,
    latestActualYear: actualValues.length ? Math.max(...actualValues) : null,
    latestActualYearByPark,
    indicators,
    aliases,
  };
}
