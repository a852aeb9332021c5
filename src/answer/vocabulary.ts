import { factCoverage, factIndicators } from "../db/facts-repo.ts";
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
}

/**
 * Read the vocabulary from the database: three small aggregate queries.
 * @example const vocabulary = await loadVocabulary(deps.db)
 */
export async function loadVocabulary(db: SqlClient): Promise<Vocabulary> {
  const [coverage, indicators, actual, documentParks] = await Promise.all([
    factCoverage(db),
    factIndicators(db),
    db.query<{ park: string; year: number }>(
      "SELECT park, max(year)::int AS year FROM facts WHERE status = 'actual' GROUP BY park",
    ),
    db.query<{ park: string }>("SELECT DISTINCT park FROM documents WHERE park <> ''"),
  ]);
  const yearsByPark = new Map<string, number[]>();
  for (const row of coverage) {
    const years = yearsByPark.get(row.park) ?? [];
    years.push(row.year);
    yearsByPark.set(row.park, years);
  }
  const latestActualYearByPark = new Map(actual.rows.map((row) => [row.park, Number(row.year)] as const));
  const latestYearByPark = new Map([...yearsByPark].map(([park, years]) => [park, Math.max(...years)] as const));
  const actualValues = [...latestActualYearByPark.values()];
  const parks = [...new Set([...yearsByPark.keys(), ...documentParks.rows.map((row) => row.park)])].filter(Boolean);
  return {
    parks,
    yearsByPark,
    latestYear: coverage.length ? Math.max(...coverage.map((row) => row.year)) : null,
    latestYearByPark,
    latestActualYear: actualValues.length ? Math.max(...actualValues) : null,
    latestActualYearByPark,
    indicators,
  };
}

const PARK_SUFFIXES = [
  "经济技术开发区", "高新技术产业开发区", "高新技术开发区", "经济开发区", "工业开发区", "产业开发区", "工业园区",
  "产业园区", "开发区", "高新区", "经开区", "工业园", "产业园", "园区",
];

/** Short forms of a park name a user may type: 明湖经济开发区 → 明湖. */
export function parkAliases(park: string): string[] {
  const aliases = new Set<string>([park]);
  for (const suffix of PARK_SUFFIXES) {
    if (park.endsWith(suffix) && park.length - suffix.length >= 2) {
      const core = park.slice(0, -suffix.length);
      aliases.add(core);
      // 江屿经开区, 江屿园区, 江屿开发区 all contain the core; keep the core as the key alias.
      break;
    }
  }
  return [...aliases].sort((a, b) => b.length - a.length);
}
