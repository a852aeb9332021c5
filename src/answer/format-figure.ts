import { indicatorByKey } from "../domain/indicators.ts";
import type { Fact, Qualifier } from "../domain/fact-types.ts";
import { formatFixed, growthPercent, roundedPercent, roundTo } from "../domain/figure-math.ts";

const PREFIX: Partial<Record<Qualifier, string>> = { more_than: "超过", less_than: "近", about: "约", at_least: "不低于", at_most: "不超过" };

/** The stored figure as a reader sees it: qualifier, value at its stated precision, unit. 第12位 for ranks. */
export function formatFact(fact: Fact): string {
  if (isRankFact(fact)) return `第${formatFixed(fact.value, fact.decimals)}${fact.unit === "名" ? "名" : "位"}`;
  return `${PREFIX[fact.qualifier] ?? ""}${formatFixed(fact.value, fact.decimals)}${fact.unit}`;
}

/** A rank such as 全省第12位 (lower is better). */
export function isRankFact(fact: Fact): boolean {
  return indicatorByKey(fact.indicatorKey)?.unitKind === "rank" || (fact.baseUnit === fact.unit && /^(位|名)$/.test(fact.unit) && fact.indicatorKey.includes("rank"));
}

/** Scale of the stored unit (亿元 → 1e8), recovered from value and value_base. */
export function unitScale(fact: Fact): number {
  return fact.value !== 0 && fact.valueBase !== 0 ? fact.valueBase / fact.value : 1;
}

/** Percent change from `from` to `to`, rounded to one decimal; null when not computable. */
export function growthPct(from: Fact, to: Fact): number | null {
  if (from.baseUnit !== to.baseUnit || from.valueBase === 0) return null;
  return roundedPercent(growthPercent(to.valueBase, from.valueBase));
}

/** "增长8.1%" / "下降3.0%" / "持平". */
export function describeChange(pct: number, rise = "增长", fall = "下降"): string {
  if (pct === 0) return "持平";
  return pct > 0 ? `${rise}${formatFixed(pct, 1)}%` : `${fall}${formatFixed(-pct, 1)}%`;
}

/** A stated yoy as written in the source (16.6 → "增长16.6%"), keeping the source precision. */
export function describeStatedYoy(yoy: number): string {
  const text = String(Math.abs(yoy));
  if (yoy === 0) return "与上年持平";
  return yoy > 0 ? `同比增长${text}%` : `同比下降${text}%`;
}

/** The difference b − a expressed in a's unit, at the larger precision of the two. */
export function formatDifference(a: Fact, b: Fact): { text: string; value: number } | null {
  if (a.baseUnit !== b.baseUnit) return null;
  const scale = unitScale(a);
  const decimals = Math.max(a.decimals, b.decimals);
  const value = roundTo((b.valueBase - a.valueBase) / scale, decimals);
  return { text: `${formatFixed(Math.abs(value), decimals)}${a.unit}`, value };
}

/** Chinese label of an indicator key, with a sub-scope when the fact is not about the whole park. */
export function indicatorLabel(key: string, fact?: Fact): string {
  const base = key.startsWith("label:") ? key.slice("label:".length) : indicatorByKey(key)?.label ?? fact?.label ?? key;
  if (!fact || !isSubScope(fact.scope)) return base;
  const scope = fact.scope.replace(/^其中[：:，,]?/, "");
  return fact.label && fact.label !== base && !fact.label.includes(base) ? `${scope}${fact.label}` : `${scope}${base}`;
}

/** A part of the park (其中…, 10亿元以上项目), as opposed to the whole park or a descriptive 口径 (年末总数). */
export function isSubScope(scope: string): boolean {
  return /^其中/.test(scope) || /以上|以下|以内/.test(scope);
}

/** 园区 / 规上企业 / 全园区 are the whole park; 其中… and named industries are sub-scopes. */
export function isWholeParkScope(scope: string): boolean {
  return /^(|园区|全园区|全区|规上企业|规上|规模以上企业|规模以上工业企业|规上工业企业|全部企业)$/.test(scope.trim());
}

/** Years as 2020—2022年 when consecutive, else 2019、2021年. */
export function formatYears(years: number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  if (sorted.length === 0) return "";
  const consecutive = sorted.every((year, index) => index === 0 || year === sorted[index - 1] + 1);
  if (consecutive && sorted.length > 2) return `${sorted[0]}—${sorted[sorted.length - 1]}年`;
  return `${sorted.join("、")}年`;
}

/** Two facts measure the same thing: same scope, or both the whole park (园区 and 规上企业 alike). */
export function comparableScopes(a: Fact, b: Fact): boolean {
  return a.scope === b.scope || (isWholeParkScope(a.scope) && isWholeParkScope(b.scope));
}
