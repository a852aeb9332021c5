/**
 * Figures that are computed from stored facts rather than stored themselves: growth rates (stored
 * yoy, or this period over the previous one), shares (part / whole), 新增 counts (this stock minus
 * last year's), differences (比上年增加…), changes in 百分点, and totals as sums of their 其中 parts.
 */
import { resolveIndicator } from "../facts/indicators.ts";
import type { ClaimStatus, Fact } from "../facts/types.ts";
import type { FactIndex } from "./candidates.ts";
import type { ClaimCandidate } from "./find-claims.ts";
import { matchesRate, matchesStated, normalizeScope, periodText, preferred, tidy } from "./match-figure.ts";

/** The verdict on one claim. */
export interface Decision {
  status: ClaimStatus;
  expected?: { value: number; unit: string };
  factIds: string[];
  reason: string;
}

/** The period a year earlier: 2020 → 2019, 2020H1 → 2019H1, 2020M01-11 → 2019M01-11. */
export function previousPeriod(period: string): string | null {
  const match = /^(\d{4})(.*)$/.exec(period);
  return match ? `${Number(match[1]) - 1}${match[2]}` : null;
}

const ids = (facts: Fact[]) => facts.map((fact) => fact.id);
const fmt = (value: number, unit: string) => `${tidy(value)}${unit}`;
const when = (fact: Fact) => periodText(fact.period);

/** Verdict on a computed number: derived when it matches at the stated precision, else mismatch. */
function judgeComputed(claim: ClaimCandidate, computed: number, unit: string, used: Fact[], how: string): Decision {
  const value = claim.direction * claim.stated.value;
  const ok = unit === "%" || unit === "百分点"
    ? matchesRate(value, claim.stated.decimals, computed, claim.stated.qualifier)
    : matchesStated({ ...claim.stated, value }, computed);
  const shown = unit === "%" || unit === "百分点" ? Number(computed.toFixed(Math.max(1, claim.stated.decimals))) : tidy(computed / claim.stated.scale);
  return ok
    ? { status: "derived", factIds: ids(used), reason: `由数据库计算：${how}` }
    : { status: "mismatch", expected: { value: shown, unit: unit === "%" || unit === "百分点" ? unit : claim.unit }, factIds: ids(used), reason: `与计算值不符：${how}` };
}

/** Current and previous-period facts of the claim's indicator and scope, when both exist. */
function twoPeriods(claim: ClaimCandidate, index: FactIndex): [Fact, Fact] | null {
  const previous = previousPeriod(claim.period);
  if (!previous) return null;
  const current = preferred(index.candidates(claim, claim.indicatorKey, { anyIncrement: claim.role !== "value" }))[0];
  const before = preferred(index.candidates(claim, claim.indicatorKey, { period: previous, anyIncrement: claim.role !== "value" }))[0];
  return current && before ? [current, before] : null;
}

/** 同比增长X%: the stored yoy of the value it belongs to, else computed from two periods. */
export function checkGrowth(claim: ClaimCandidate, index: FactIndex): Decision | null {
  const stated = claim.direction * claim.stated.value;
  const withYoy = preferred([
    ...index.candidates(claim, claim.indicatorKey).filter((fact) => fact.yoyPct !== null),
    ...index.candidates(claim, `yoy:${claim.indicatorKey}`),
  ]);
  if (withYoy.length) {
    const hit = withYoy.filter((fact) => matchesRate(stated, claim.stated.decimals, fact.yoyPct ?? fact.value, claim.stated.qualifier));
    if (hit.length) return { status: "verified", factIds: ids(hit), reason: "与数据库记录的同比增速一致" };
    const best = withYoy[0];
    return { status: "mismatch", expected: { value: best.yoyPct ?? best.value, unit: "%" }, factIds: [best.id], reason: `数据库记录的同比增速为${fmt(best.yoyPct ?? best.value, "%")}` };
  }
  const pair = twoPeriods(claim, index);
  if (!pair || pair[1].valueBase === 0) return null;
  const [current, before] = pair;
  const growth = (current.valueBase / before.valueBase - 1) * 100;
  return judgeComputed(claim, growth, "%", pair, `${when(before)}${fmt(before.value, before.unit)} → ${when(current)}${fmt(current.value, current.unit)}，增长${growth.toFixed(2)}%`);
}

/** 占…比重X%: a stored share, else part (the claim's scope) over whole (the park's total). */
export function checkShare(claim: ClaimCandidate, index: FactIndex): Decision | null {
  const stored = preferred(index.candidates(claim, `share:${claim.indicatorKey}`));
  if (stored.length) {
    const hit = stored.filter((fact) => matchesRate(claim.stated.value, claim.stated.decimals, fact.value, claim.stated.qualifier));
    if (hit.length) return { status: "verified", factIds: ids(hit), reason: "与数据库记录的占比一致" };
    return { status: "mismatch", expected: { value: stored[0].value, unit: "%" }, factIds: [stored[0].id], reason: `数据库记录的占比为${fmt(stored[0].value, "%")}` };
  }
  if (normalizeScope(claim.scope, claim.indicatorKey) === "") return null;
  const part = preferred(index.candidates(claim, claim.indicatorKey))[0];
  const whole = preferred(index.candidates(claim, claim.indicatorKey, { scope: "园区" }))[0];
  if (!part || !whole || whole.valueBase === 0) return null;
  const share = (part.valueBase / whole.valueBase) * 100;
  return judgeComputed(claim, share, "%", [part, whole], `${fmt(part.value, part.unit)} ÷ ${fmt(whole.value, whole.unit)} = ${share.toFixed(2)}%`);
}

/** 比上年增加X / 提高X个百分点: a stored difference, else this period minus the previous one. */
export function checkDifference(claim: ClaimCandidate, index: FactIndex): Decision | null {
  const key = claim.role === "pp_change" ? `pp:${claim.indicatorKey}` : `delta:${claim.indicatorKey}`;
  const stated = claim.direction * claim.stated.value;
  const stored = preferred(index.candidates(claim, key));
  if (stored.length) {
    const hit = stored.filter((fact) => matchesStated({ ...claim.stated, value: stated }, fact.valueBase));
    if (hit.length) return { status: "verified", factIds: ids(hit), reason: "与数据库记录的增减量一致" };
    return { status: "mismatch", expected: { value: stored[0].value, unit: stored[0].unit }, factIds: [stored[0].id], reason: `数据库记录为${fmt(stored[0].value, stored[0].unit)}` };
  }
  const pair = twoPeriods(claim, index);
  if (!pair) return null;
  const [current, before] = pair;
  const unit = claim.role === "pp_change" ? "百分点" : current.baseUnit;
  return judgeComputed(claim, current.valueBase - before.valueBase, unit, pair, `${when(current)}${fmt(current.value, current.unit)} − ${when(before)}${fmt(before.value, before.unit)}`);
}

/** 新增X家 with no stored flow: this period's stock minus the previous period's. */
export function checkIncrement(claim: ClaimCandidate, index: FactIndex): Decision | null {
  if (!claim.increment) return null;
  const previous = previousPeriod(claim.period);
  if (!previous) return null;
  const stock = (period: string) =>
    preferred(index.candidates({ ...claim, increment: false }, claim.indicatorKey, { period }))[0];
  const current = stock(claim.period);
  const before = stock(previous);
  if (!current || !before) return null;
  return judgeComputed(claim, current.valueBase - before.valueBase, current.baseUnit, [current, before], `${when(current)}${fmt(current.value, current.unit)} − ${when(before)}${fmt(before.value, before.unit)}`);
}

/** A park total with no stored fact that equals the sum of its stored 其中 parts. */
export function checkSum(claim: ClaimCandidate, index: FactIndex): Decision | null {
  if (normalizeScope(claim.scope, claim.indicatorKey) !== "") return null;
  const parts = index
    .ofPeriod(claim.indicatorKey, claim.period)
    .filter((fact) => fact.scope.startsWith("其中") && fact.status === claim.status);
  if (parts.length < 2) return null;
  const total = parts.reduce((sum, fact) => sum + fact.valueBase, 0);
  if (!matchesStated(claim.stated, total)) return null;
  return { status: "derived", factIds: ids(parts), reason: `由数据库中各分项相加得出：${parts.map((fact) => fmt(fact.value, fact.unit)).join(" + ")}` };
}

/**
 * 年均增长X% over growth years start…end: the compound rate (end ÷ base)^(1/n) − 1 from the stored
 * values of the base year (start − 1) and the end year, never one year's yoy. An open end (“十四五”以来
 * in a text of no later year) is the latest year up to the plan period's end with a stored value.
 * Else a stored rate of the same span; else null.
 */
export function checkAnnualAverage(claim: ClaimCandidate, index: FactIndex): Decision | null {
  const span = claim.span;
  if (!span) return null;
  const baseYear = span.start - 1;
  const valueIn = (year: number) =>
    preferred(index.candidates({ ...claim, role: "value" }, claim.indicatorKey, { period: String(year), anyIncrement: true }))[0];
  let endYear = span.end;
  if (endYear === undefined) {
    for (let year = span.last; year > span.start && endYear === undefined; year--) if (valueIn(year)) endYear = year;
  }
  const base = valueIn(baseYear);
  const end = endYear === undefined ? undefined : valueIn(endYear);
  if (base && end && endYear !== undefined && base.valueBase > 0 && end.valueBase > 0) {
    const years = endYear - baseYear;
    const rate = ((end.valueBase / base.valueBase) ** (1 / years) - 1) * 100;
    return judgeComputed(claim, rate, "%", [base, end], `${when(base)}${fmt(base.value, base.unit)} → ${when(end)}${fmt(end.value, end.unit)}，${years}年复合年均增长${rate.toFixed(2)}%`);
  }
  if (endYear === undefined) return null;
  const stored = preferred(index.candidates({ ...claim, period: `${span.start}-${endYear}` }, `cagr:${claim.indicatorKey}`));
  if (!stored.length) return null;
  const stated = claim.direction * claim.stated.value;
  const hit = stored.filter((fact) => matchesRate(stated, claim.stated.decimals, fact.value, claim.stated.qualifier));
  if (hit.length) return { status: "verified", factIds: ids(hit), reason: "与数据库记录的年均增速一致" };
  return { status: "mismatch", expected: { value: stored[0].value, unit: "%" }, factIds: [stored[0].id], reason: `数据库记录的年均增速为${fmt(stored[0].value, "%")}` };
}

/**
 * 完成年度目标的X%: a stored completion rate of the same indicator (named by the claim's scope), else
 * the stored actual over the stored target of the period; else null.
 */
export function checkCompletion(claim: ClaimCandidate, index: FactIndex): Decision | null {
  const stored = preferred(index.candidates(claim, claim.indicatorKey));
  if (stored.length) {
    const hit = stored.filter((fact) => matchesRate(claim.stated.value, claim.stated.decimals, fact.value, claim.stated.qualifier));
    if (hit.length) return { status: "verified", factIds: ids(hit), reason: "与数据库记录的目标完成率一致" };
    return { status: "mismatch", expected: { value: stored[0].value, unit: "%" }, factIds: [stored[0].id], reason: `数据库记录的目标完成率为${fmt(stored[0].value, "%")}` };
  }
  const of = resolveIndicator(claim.scope);
  if (!of) return null;
  const asValue = { ...claim, role: "value" as const, indicatorKey: of.key, scope: "园区", increment: false };
  const actual = preferred(index.candidates({ ...asValue, status: "actual" }, of.key))[0];
  const target = preferred(index.candidates({ ...asValue, status: "plan" }, of.key)).find((fact) => fact.qualifier === "exact");
  if (!actual || !target || target.valueBase === 0) return null;
  const rate = (actual.valueBase / target.valueBase) * 100;
  return judgeComputed(claim, rate, "%", [actual, target], `${fmt(actual.value, actual.unit)} ÷ 目标${fmt(target.value, target.unit)} = ${rate.toFixed(2)}%`);
}
