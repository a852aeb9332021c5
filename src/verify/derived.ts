/**
 * Figures that are computed from stored facts rather than stored themselves: growth rates (stored
 * yoy, or this period over the previous one), shares (part / whole), 新增 counts (this stock minus
 * last year's), differences (比上年增加…), changes in 百分点, and totals as sums of their 其中 parts.
 */
import { ASPIRATION_NOTE } from "../facts/extract-facts.ts";
import { resolveIndicator } from "../domain/indicators.ts";
import type { Fact } from "../domain/fact-types.ts";
import { annualGrowthPercent, growthPercent, roundTo, sharePercent } from "../domain/figure-math.ts";
import type { FactIndex } from "./candidates.ts";
import type { ClaimCandidate } from "./find-claims.ts";
import { judgeStored, statedRate, statedValue, type Decision } from "./judge-stored.ts";
import { isIncrementFact, matchesRate, matchesStated, normalizeScope, periodText, preferred, statusesCompatible, tidy } from "./match-figure.ts";

export type { Decision } from "./judge-stored.ts";

/** The period a year earlier: 2020 → 2019, 2020H1 → 2019H1, 2020M01-11 → 2019M01-11. */
export function previousPeriod(period: string): string | null {
  const match = /^(\d{4})(.*)$/.exec(period);
  return match ? `${Number(match[1]) - 1}${match[2]}` : null;
}

const ids = (facts: Fact[]) => facts.map((fact) => fact.id);
const fmt = (value: number, unit: string) => `${tidy(value)}${unit}`;
const when = (fact: Fact) => periodText(fact.period);

/** Verdict on a stated rate against stored rates (statistics first; see `judgeStored`). */
function judgeRate(claim: ClaimCandidate, facts: Fact[], rateOf: (fact: Fact) => number, what: string, signed = true): Decision | null {
  const stated = (signed ? claim.direction : 1) * claim.stated.value;
  return judgeStored(facts, {
    matches: (fact) => matchesRate(stated, claim.stated.decimals, rateOf(fact), claim.stated.qualifier),
    figure: (fact) => statedRate(rateOf(fact)),
    expected: (fact) => ({ value: rateOf(fact), unit: "%" }),
    describe: (fact) => `${when(fact)}${what}${fmt(rateOf(fact), "%")}`,
    noun: "数据库记录",
  });
}

/** Verdict on a computed number: derived when it matches at the stated precision, else mismatch. */
function judgeComputed(claim: ClaimCandidate, computed: number, unit: string, used: Fact[], how: string): Decision {
  const value = claim.direction * claim.stated.value;
  const ok = unit === "%" || unit === "百分点"
    ? matchesRate(value, claim.stated.decimals, computed, claim.stated.qualifier)
    : matchesStated({ ...claim.stated, value }, computed);
  const shown = unit === "%" || unit === "百分点" ? roundTo(computed, Math.max(1, claim.stated.decimals)) : tidy(computed / claim.stated.scale);
  return ok
    ? { status: "derived", factIds: ids(used), reason: `由数据库计算：${how}` }
    : { status: "mismatch", expected: { value: shown, unit: unit === "%" || unit === "百分点" ? unit : claim.unit }, factIds: ids(used), reason: `与计算值不符：${how}` };
}

/** Current and previous-period facts of the claim's indicator and scope, when both exist. */
function twoPeriods(claim: ClaimCandidate, index: FactIndex): [Fact, Fact] | null {
  const previous = previousPeriod(claim.period);
  if (!previous) return null;
  // The growth of a flow (新增…同比增长) compares flows, a stock's difference stocks; else whatever is stored.
  const of = (period: string) =>
    preferred(index.candidates(claim, claim.indicatorKey, { period }))[0] ??
    (claim.role !== "value" ? preferred(index.candidates(claim, claim.indicatorKey, { period, anyIncrement: true }))[0] : undefined);
  const current = of(claim.period);
  const before = of(previous);
  return current && before && isIncrementFact(current) === isIncrementFact(before) ? [current, before] : null;
}

/** 同比增长X%: the stored yoy of the value it belongs to, else computed from two periods. */
export function checkGrowth(claim: ClaimCandidate, index: FactIndex): Decision | null {
  const withYoy = preferred([
    ...index.candidates(claim, claim.indicatorKey).filter((fact) => fact.yoyPct !== null),
    ...index.candidates(claim, `yoy:${claim.indicatorKey}`),
  ]);
  const stored = judgeRate(claim, withYoy, (fact) => fact.yoyPct ?? fact.value, "同比增速");
  if (stored) return stored;
  const pair = twoPeriods(claim, index);
  if (!pair || pair[1].valueBase === 0) return growthInOpenSlots(claim, index);
  const [current, before] = pair;
  const growth = growthPercent(current.valueBase, before.valueBase) ?? 0;
  return judgeComputed(claim, growth, "%", pair, `${when(before)}${fmt(before.value, before.unit)} → ${when(current)}${fmt(current.value, current.unit)}，增长${growth.toFixed(2)}%`);
}

/** A stored growth rate in a slot the sentence leaves open (1—11月 stated once for a paragraph): only a match counts. */
export function growthInOpenSlots(claim: ClaimCandidate, index: FactIndex): Decision | null {
  const slots = [
    ...index.openSlots(claim, claim.indicatorKey).map((slot) => slot.filter((fact) => fact.yoyPct !== null)),
    ...index.openSlots(claim, `yoy:${claim.indicatorKey}`),
  ];
  for (const slot of slots) {
    const decision = slot.length ? judgeRate(claim, preferred(slot), (fact) => fact.yoyPct ?? fact.value, "同比增速") : null;
    if (decision?.status === "verified") return { ...decision, reason: `${decision.reason}（${claim.period ? "文中未写明时段或状态" : "文中未写明年份"}）` };
  }
  return null;
}

/** 占…比重X%: a stored share, else part (the claim's scope) over whole (the park's total). */
export function checkShare(claim: ClaimCandidate, index: FactIndex): Decision | null {
  const stored = judgeRate(claim, preferred(index.candidates(claim, `share:${claim.indicatorKey}`)), (fact) => fact.value, "占比", false);
  if (stored) return stored;
  if (normalizeScope(claim.scope, claim.indicatorKey) === "") return null;
  const part = preferred(index.candidates(claim, claim.indicatorKey))[0];
  const whole = preferred(index.candidates(claim, claim.indicatorKey, { scope: "园区" }))[0];
  if (!part || !whole || whole.valueBase === 0) return null;
  const share = sharePercent(part.valueBase, whole.valueBase) ?? 0;
  return judgeComputed(claim, share, "%", [part, whole], `${fmt(part.value, part.unit)} ÷ ${fmt(whole.value, whole.unit)} = ${share.toFixed(2)}%`);
}

/** 比上年增加X / 提高X个百分点: a stored difference, else this period minus the previous one. */
export function checkDifference(claim: ClaimCandidate, index: FactIndex): Decision | null {
  const key = claim.role === "pp_change" ? `pp:${claim.indicatorKey}` : `delta:${claim.indicatorKey}`;
  const stated = claim.direction * claim.stated.value;
  const stored = judgeStored(preferred(index.candidates(claim, key)), {
    matches: (fact) => matchesStated({ ...claim.stated, value: stated }, fact.valueBase),
    figure: statedValue,
    expected: (fact) => ({ value: fact.value, unit: fact.unit }),
    describe: (fact) => `${when(fact)}${fmt(fact.value, fact.unit)}`,
    noun: "数据库记录",
  });
  if (stored) return stored;
  const pair = twoPeriods(claim, index);
  if (!pair) return null;
  const [current, before] = pair;
  const unit = claim.role === "pp_change" ? "百分点" : current.baseUnit;
  return judgeComputed(claim, current.valueBase - before.valueBase, unit, pair, `${when(current)}${fmt(current.value, current.unit)} − ${when(before)}${fmt(before.value, before.unit)}`);
}

/**
 * 比上年前移6位 / 后退3位 (口径 较上年前移 / 较上年后退): last year's rank minus this year's (a smaller
 * number is a better rank), from the stored ranks of both years when both are statistics; else a stored
 * change of the same direction; else computed from whatever ranks are stored.
 */
export function checkRankChange(claim: ClaimCandidate, index: FactIndex): Decision | null {
  const up = /前移|上升|提升|前进/.test(claim.scope);
  const asRank = { ...claim, role: "rank" as const, scope: "园区", increment: false };
  const previous = claim.basePeriod ?? previousPeriod(claim.period);
  const rankIn = (period: string) => preferred(index.candidates(asRank, "rank", { period }))[0];
  const current = rankIn(claim.period);
  const before = previous ? rankIn(previous) : undefined;
  const fromStats = current?.origin === "stats" && before?.origin === "stats";
  if (!fromStats) {
    const stored = judgeStored(preferred(index.candidates(claim, "delta:rank")), {
      matches: (fact) => matchesStated(claim.stated, fact.valueBase),
      figure: statedValue,
      expected: (fact) => ({ value: fact.value, unit: fact.unit }),
      describe: (fact) => `${when(fact)}${fact.scope}${fmt(fact.value, fact.unit)}`,
      noun: "数据库记录",
    });
    if (stored) return stored;
  }
  if (!current || !before) return null;
  const moved = before.value - current.value;
  const how = `${when(before)}第${before.value}位 → ${when(current)}第${current.value}位，${moved >= 0 ? "前移" : "后退"}${Math.abs(moved)}位`;
  return judgeComputed({ ...claim, direction: 1 }, up ? moved : -moved, claim.stated.baseUnit, [current, before], how);
}

/** 新增X家 with no stored flow: this period's stock minus the previous period's. */
export function checkIncrement(claim: ClaimCandidate, index: FactIndex): Decision | null {
  if (!claim.increment) return null;
  const previous = previousPeriod(claim.period);
  if (!previous) return null;
  // A stored flow (统计表 新增认定) is the record: never replaced by a difference of stocks.
  const flows = index.ofPeriod(claim.indicatorKey, claim.period).filter((fact) => isIncrementFact(fact) && statusesCompatible(claim.status, fact.status));
  if (flows.length) return null;
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
    const rate = annualGrowthPercent(base.valueBase, end.valueBase, years);
    if (rate === null) return null;
    return judgeComputed(claim, rate, "%", [base, end], `${when(base)}${fmt(base.value, base.unit)} → ${when(end)}${fmt(end.value, end.unit)}，${years}年复合年均增长${rate.toFixed(2)}%`);
  }
  if (endYear === undefined) return null;
  return judgeRate(claim, preferred(index.candidates({ ...claim, period: `${span.start}-${endYear}` }, `cagr:${claim.indicatorKey}`)), (fact) => fact.value, "年均增速");
}

/**
 * 完成年度目标的X%: actual ÷ target of the indicator the claim's scope names. A plan may state several
 * targets of one indicator (the formal 385亿元 of 主要目标 and the aspiration 向400亿元迈进 of 总体目标):
 * the rate matches when it equals the actual over any of them. With the actual from the statistics the
 * computation decides; else a stored completion rate of a document; else the computation from documents.
 * When nothing matches, `expected` uses the target of the actual's own 口径, stated exactly.
 */
export function checkCompletion(claim: ClaimCandidate, index: FactIndex): Decision | null {
  const of = resolveIndicator(claim.scope);
  const asValue = of ? { ...claim, role: "value" as const, indicatorKey: of.key, scope: "园区", increment: false } : null;
  const actual = asValue ? preferred(index.candidates({ ...asValue, status: "actual" }, asValue.indicatorKey))[0] : undefined;
  const computed = () => (asValue && actual ? completionOf(claim, actual, index.candidates({ ...asValue, status: "plan" }, asValue.indicatorKey)) : null);
  if (actual?.origin === "stats") {
    const fromStats = computed();
    if (fromStats) return fromStats;
  }
  return judgeRate(claim, preferred(index.candidates(claim, claim.indicatorKey)), (fact) => fact.value, "目标完成率", false) ?? computed();
}

function completionOf(claim: ClaimCandidate, actual: Fact, plans: Fact[]): Decision | null {
  const targets = plans
    .filter((target) => target.valueBase !== 0 && target.baseUnit === actual.baseUnit)
    .map((target) => ({ target, rate: sharePercent(actual.valueBase, target.valueBase) ?? 0 }))
    .sort((a, b) => rank(a.target) - rank(b.target));
  if (!targets.length) return null;
  const show = ({ target, rate }: { target: Fact; rate: number }) => `${fmt(actual.value, actual.unit)} ÷ 目标${fmt(target.value, target.unit)} = ${rate.toFixed(2)}%`;
  const hit = targets.find(({ rate }) => matchesRate(claim.stated.value, claim.stated.decimals, rate, claim.stated.qualifier));
  const chosen = hit ?? targets[0];
  const others = targets.length > 1 && !hit ? `（其他目标：${targets.slice(1).map(({ target, rate }) => `${fmt(target.value, target.unit)} → ${rate.toFixed(2)}%`).join("；")}）` : "";
  return { ...judgeComputed(claim, chosen.rate, "%", [actual, chosen.target], show(chosen)), ...(hit ? {} : { reason: `与计算值不符：${show(chosen)}${others}` }) };

  /** The formal target first: the actual's own 口径, not a direction (向…迈进), an exact figure, then the store's preference. */
  function rank(target: Fact): number {
    return (target.scope === actual.scope ? 0 : 4) + (target.note === ASPIRATION_NOTE ? 2 : 0) + (target.qualifier === "exact" ? 0 : 1) - (target.origin === "stats" ? 0.5 : 0) - target.confidence / 10;
  }
}
