import type { Fact } from "../domain/fact-types.ts";
import { indicatorLabel, isSubScope, isWholeParkScope } from "./format-figure.ts";
import { chooseFact, type FactSlot, yearsWith } from "./select-facts.ts";
import type { AnswerQuery } from "./types.ts";

/** Everything a figure composer reads: the query with parks resolved, and the facts fetched for it. */
export interface FigureContext {
  query: AnswerQuery;
  /** Parks to answer for (never empty). */
  parks: string[];
  /** All facts of those parks and indicators, every year and status. */
  facts: Fact[];
}

/** A composed figure answer: sentences, the facts they rest on, and what was asked but not on record. */
export interface Composition {
  sentences: string[];
  used: Fact[];
  missing: Array<{ park: string; year: number | null; key: string }>;
  /** Years the answer settled on (stored with the turn for follow-ups). */
  years: number[];
}

/** 上半年 / 一季度 / 1—11月 for a period suffix. */
export function periodLabel(suffix: string | undefined): string {
  if (!suffix) return "";
  if (suffix === "H1") return "上半年";
  if (suffix === "H2") return "下半年";
  const quarter = /^Q([1-4])$/.exec(suffix);
  if (quarter) return `${"一二三四"[Number(quarter[1]) - 1]}季度`;
  const months = /^M(\d{2})-(\d{2})$/.exec(suffix);
  if (months) return `${Number(months[1])}—${Number(months[2])}月`;
  return "";
}

/** "2022年" or "2022年上半年". */
export function yearLabel(year: number, suffix?: string): string {
  return `${year}年${periodLabel(suffix)}`;
}

/** The slot of one park, year and indicator under the query's status and words. */
export function slotOf(context: FigureContext, park: string, year: number, key: string, overrides: Partial<FactSlot> = {}): FactSlot {
  return { park, year, key, periodSuffix: context.query.periodSuffix, status: context.query.status, topic: context.query.topic, ...overrides };
}

/** Choose the fact of a slot and record it as used or missing. */
export function take(context: FigureContext, composition: Composition, slot: FactSlot): Fact | null {
  const fact = chooseFact(context.facts, slot);
  if (fact) {
    if (!composition.used.includes(fact)) composition.used.push(fact);
  } else composition.missing.push({ park: slot.park, year: slot.year, key: slot.key });
  return fact;
}

/** Latest year with a fact of this indicator for the park (under the query's status and period). */
export function latestYearOf(context: FigureContext, park: string, key: string): number | null {
  const years = yearsWith(context.facts, park, key, context.query.status, context.query.periodSuffix);
  return years.length ? years[years.length - 1] : null;
}

/**
 * The years to answer for when the question named none: the latest year on record for the first
 * indicator, common to all parks when possible.
 */
export function defaultYears(context: FigureContext, parks: string[] = context.parks): number[] {
  if (context.query.years.length) return context.query.years;
  const key = context.query.indicators[0];
  if (!key) return [];
  const latest = parks.map((park) => latestYearOf(context, park, key)).filter((year): year is number => year !== null);
  if (latest.length === 0) return [];
  return [Math.min(...latest)];
}

/** A new empty composition. */
export function emptyComposition(): Composition {
  return { sentences: [], used: [], missing: [], years: [] };
}

/** "江屿经济开发区2022年工业总产值" — the subject of a sentence. */
export function subject(park: string, year: number, key: string, fact: Fact | null, suffix?: string): string {
  return `${park}${yearLabel(year, suffix)}${indicatorLabel(key, fact ?? undefined)}`;
}

/**
 * The label of a fact in an answer. A descriptive 口径 is shown only when it tells two different figures of
 * the same slot apart (高新技术企业 新增认定 28家 vs 年末总数 150家): "高新技术企业（新增认定）".
 */
export function labelFor(context: FigureContext, key: string, fact: Fact): string {
  const base = indicatorLabel(key, fact);
  if (isWholeParkScope(fact.scope) || isSubScope(fact.scope)) return base;
  const rival = context.facts.some(
    (other) => other.park === fact.park && other.period === fact.period && other.indicatorKey === fact.indicatorKey &&
      other.status === fact.status && other.scope !== fact.scope && !isSubScope(other.scope) &&
      Math.abs(other.valueBase - fact.valueBase) > Math.abs(fact.valueBase) * 0.01,
  );
  return rival ? `${base}（${fact.scope}）` : base;
}
