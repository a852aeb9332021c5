/**
 * Where a figure extracted from a document contradicts an imported statistic. One rule, used both ways:
 * by `importStats` (new statistics against stored document figures) and by `ingestDocument` (a new
 * document's figures against stored statistics). It is the verifier's comparison: same park, period,
 * indicator and status, compatible 口径, stock vs flow kept apart, judged at the text's stated precision.
 */
import { findFacts } from "../db/facts-repo.ts";
import type { SqlClient } from "../db/sql-client.ts";
import { periodText } from "../domain/periods.ts";
import { isIncrementFact, matchesStated, scopesCompatible } from "../verify/match-figure.ts";
import type { Fact, FactInput } from "../domain/fact-types.ts";

/** The parts of a fact the comparison reads. */
export type ComparableFact = Pick<
  FactInput,
  "park" | "period" | "indicatorKey" | "label" | "scope" | "status" | "value" | "valueBase" | "baseUnit" | "decimals" | "qualifier" | "note" | "origin"
>;

/** Whether an imported statistic and a document figure speak of the same thing (same key, 口径, stock/flow). */
export function comparableWithStat(documentFact: ComparableFact, stat: ComparableFact): boolean {
  if (documentFact.origin !== "text" || stat.origin !== "stats") return false;
  if (documentFact.park !== stat.park || documentFact.period !== stat.period || documentFact.indicatorKey !== stat.indicatorKey) return false;
  if (documentFact.status !== stat.status) return false;
  return scopesCompatible(documentFact.scope, stat.scope, stat.indicatorKey) && isIncrementFact(documentFact) === isIncrementFact(stat);
}

/** Whether the document's figure, at its own stated precision, says the statistic's value. */
export function agreesWithStat(documentFact: ComparableFact, stat: ComparableFact): boolean {
  const scale = documentFact.value === 0 ? 1 : documentFact.valueBase / documentFact.value;
  const stated = { value: documentFact.value, decimals: documentFact.decimals, scale, baseUnit: documentFact.baseUnit, qualifier: documentFact.qualifier };
  return matchesStated(stated, stat.valueBase);
}

/** A document figure that states another value than a comparable imported statistic. */
export function contradictsStat(documentFact: ComparableFact, stat: ComparableFact): boolean {
  return comparableWithStat(documentFact, stat) && !agreesWithStat(documentFact, stat);
}

/** One document figure that contradicts the statistics, in the upload response's shape. */
export interface DocumentConflict {
  quote: string;
  /** Indicator key, as in /api/facts. */
  indicator: string;
  label: string;
  period: string;
  scope: string;
  document_value: { value: number; unit: string };
  stats_value: { value: number; unit: string };
  /** The imported statistic's fact id. */
  fact_id: string;
}

/**
 * The figures of `facts` (extracted from one document) that contradict the statistics on record. As the
 * verifier decides: a figure that agrees with any comparable statistic is no conflict; otherwise it is
 * reported against the first one. All statistics of the document's parks and years are read in one query.
 */
export async function findDocumentConflicts(db: SqlClient, facts: FactInput[]): Promise<{ conflicts: DocumentConflict[]; warnings: string[] }> {
  const conflicts: DocumentConflict[] = [];
  const warnings: string[] = [];
  const figures = facts.filter((fact) => fact.origin === "text");
  if (!figures.length) return { conflicts, warnings };
  const parks = [...new Set(figures.map((fact) => fact.park))];
  const years = [...new Set(figures.map((fact) => fact.year))];
  const indicatorKeys = [...new Set(figures.map((fact) => fact.indicatorKey))];
  const stored = await findFacts(db, { parks, years, indicatorKeys });
  const stats = stored.filter((fact) => fact.origin === "stats");
  for (const fact of figures) {
    const comparable = stats.filter((stat) => comparableWithStat(fact, stat));
    if (!comparable.length || comparable.some((stat) => agreesWithStat(fact, stat))) continue;
    conflicts.push(conflictOf(fact, comparable[0]));
    warnings.push(conflictWarning(fact, comparable[0]));
  }
  return { conflicts, warnings };
}

function conflictOf(fact: FactInput, stat: Fact): DocumentConflict {
  return {
    quote: fact.quote, indicator: fact.indicatorKey, label: fact.label, period: fact.period, scope: fact.scope,
    document_value: { value: fact.value, unit: fact.unit },
    stats_value: { value: stat.value, unit: stat.unit },
    fact_id: stat.id,
  };
}

const QUALIFIER_WORDS: Partial<Record<FactInput["qualifier"], string>> = {
  more_than: "超", less_than: "近", about: "约", at_least: "不低于", at_most: "不超过",
};

/**
 * The warning line of a conflict, each figure at its stated precision.
 * @example 与统计数据不一致：2022年工业总产值 文中352.0亿元，统计数据352.9亿元
 */
export function conflictWarning(fact: FactInput, stat: Fact): string {
  const stated = `${QUALIFIER_WORDS[fact.qualifier] ?? ""}${fact.value.toFixed(fact.decimals)}${fact.unit}`;
  const recorded = `${stat.value.toFixed(stat.decimals)}${stat.unit}`;
  return `与统计数据不一致：${periodText(fact.period)}${fact.label} 文中${stated}，统计数据${recorded}`;
}
