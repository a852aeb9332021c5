export { periodText } from "../domain/periods.ts";
/**
 * Precision-aware comparison of a stated figure with a stored value, plus the compatibility rules
 * (units, scopes, statuses) that decide which stored facts a claim may be compared with at all.
 */
import { isDefiningScope } from "../domain/indicators.ts";
import { INCREMENT_SCOPES } from "../domain/lexicon.ts";
import type { Fact, FactStatus, Qualifier } from "../domain/fact-types.ts";

/** What the text states: the number as written, its precision and the scale to the base unit. */
export interface StatedFigure {
  value: number;
  valueHigh?: number;
  decimals: number;
  /** Written unit → base unit multiplier (亿元 → 1e8). */
  scale: number;
  baseUnit: string;
  qualifier: Qualifier;
}

const EPSILON = 1e-9;

/** One unit in the last stated place: 110 → 10 (110余 = 110–120), 6000 → 1000, 2.385 → 0.001. */
export function precisionStep(value: number, decimals: number): number {
  if (decimals > 0) return 10 ** -decimals;
  let magnitude = Math.abs(Math.round(value));
  if (magnitude === 0) return 1;
  let step = 1;
  while (magnitude % 10 === 0) {
    magnitude /= 10;
    step *= 10;
  }
  return step;
}

/**
 * Whether a stored value (in base units) is what the stated figure says, at the stated precision.
 * 202亿元 matches 202.3亿元; 2.385亿元 does not match 2.4亿元; 110余万元 matches 1,150,000元;
 * 近5家 matches 4.6; 约30亿元 matches within 5 %. Rounding is 四舍五入 (half up), compared in the written unit.
 * @example matchesStated({ value: 202, decimals: 0, scale: 1e8, baseUnit: "元", qualifier: "exact" }, 2.023e10) // true
 */
export function matchesStated(stated: StatedFigure, storedBase: number): boolean {
  // 下降2.4%: 四舍五入 rounds the magnitude the text writes (−2.35 → 下降2.4%), as figure-math's roundTo does.
  if (stated.value < 0 && stated.qualifier !== "range") return matchesStated({ ...stated, value: -stated.value }, -storedBase);
  const stored = storedBase / stated.scale;
  const value = stated.value;
  const half = 0.5 * 10 ** -stated.decimals;
  const tolerance = EPSILON * Math.max(1, Math.abs(value));
  const step = precisionStep(value, stated.decimals);
  switch (stated.qualifier) {
    case "more_than":
      return stored >= value - tolerance && stored < value + step + tolerance;
    case "less_than":
      return stored <= value + tolerance && stored > value - step - tolerance;
    case "about":
      return Math.abs(stored - value) <= Math.max(half, 0.05 * Math.abs(value)) + tolerance;
    case "at_least":
      return stored >= value - tolerance;
    case "at_most":
      return stored <= value + tolerance;
    case "range":
      return stored >= value - half - tolerance && stored < (stated.valueHigh ?? value) + half - tolerance;
    default:
      // 四舍五入: the stored value rounds to the stated one (202.5 → 203, so 202 does not match it).
      return stored >= value - half - tolerance && stored < value + half - tolerance;
  }
}

/** A percentage or rate stated with `decimals` digits against a computed or stored one. */
export function matchesRate(stated: number, decimals: number, actual: number, qualifier: Qualifier = "exact"): boolean {
  return matchesStated({ value: stated, decimals, scale: 1, baseUnit: "%", qualifier }, actual);
}

const UNIT_GROUPS = [["家", "户", "个"], ["个", "项", "批"], ["人", "名", "位"]];

/** Whether two base units measure the same thing (a bare 亿 fits any). */
export function unitsCompatible(a: string, b: string): boolean {
  if (a === b || a === "" || b === "") return true;
  return UNIT_GROUPS.some((group) => group.includes(a) && group.includes(b));
}

const DEFAULT_SCOPES = new Set(["", "园区", "全园", "全园区", "规上企业", "规模以上工业企业", "规上工业企业", "规上工业", "规模以上企业"]);

/**
 * Scope in a comparable form: the park's own totals (园区, 规上企业 — park statistics are 规上
 * statistics) become "", sub-scopes lose 其中 and their count (其中10家有色金属加工企业 → 有色金属加工企业,
 * 其中：亿元以上项目 → 1亿元以上项目). Given the indicator, a scope that only restates what it counts
 * (项目数 of 新落户项目, 贷款 of 融资平台) is the park's total too.
 */
export function normalizeScope(scope: string, indicatorKey?: string): string {
  const trimmed = scope
    .trim()
    .replace(/^其中[：:，,]?/, "")
    .replace(/^[\d一二三四五六七八九十两]+(家|个|户)/, "")
    .replace(/^(亿|万|千万)元以/, "1$1元以");
  if (indicatorKey !== undefined && isDefiningScope(indicatorKey, trimmed)) return "";
  return DEFAULT_SCOPES.has(trimmed) ? "" : trimmed;
}

/** Same 口径: both the park's totals, or the same sub-scope. */
export function scopesCompatible(a: string, b: string, indicatorKey?: string): boolean {
  return normalizeScope(a, indicatorKey) === normalizeScope(b, indicatorKey);
}

/** Reported figures are checked against reported facts; plans and forecasts against plans and forecasts. */
export function statusesCompatible(claim: FactStatus, fact: FactStatus): boolean {
  return (claim === "actual") === (fact === "actual");
}

/** A 新增… count (flow) as opposed to a stock total. */
export function isIncrementFact(fact: Pick<Fact, "label" | "note"> & { scope?: string }): boolean {
  return /^(新增|新认定|新引进|新培育|新纳入|净增)/.test(fact.label) || fact.note === "新增量" || INCREMENT_SCOPES.has(fact.scope ?? "");
}

/** Orders candidate facts: imported statistics first, then the most confident. */
export function preferred(facts: Fact[]): Fact[] {
  return [...facts].sort(
    (a, b) => Number(b.origin === "stats") - Number(a.origin === "stats") || b.confidence - a.confidence,
  );
}

/** Display of a number without floating-point noise (20.400000000000002 → 20.4). */
export function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

