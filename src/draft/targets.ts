/**
 * Targets vs actuals: where last year's plan set a target for the year and the actual is on record,
 * say whether it was met and by how much — computed here, never by a model.
 */
import { indicatorByKey, resolveIndicator } from "../domain/indicators.ts";
import type { Fact } from "../domain/fact-types.ts";
import { roundedPercent, sharePercent } from "../domain/figure-math.ts";
import { formatFact, formatPercent } from "./format-number.ts";
import type { SectionSpec } from "./section-plan.ts";
import { sameScope, type YearFacts } from "./year-facts.ts";

export interface TargetCheck {
  key: string;
  label: string;
  actual: Fact;
  target: Fact;
  /** actual / target × 100, one decimal. */
  ratio: number;
  met: boolean;
  /** State the actual before the rate (the rate then reads as the verifier reads it). */
  withValue?: boolean;
}

const FLOW = /新增|新认定|新引进|新签约|新落户|净增|当年新/;

/** Completion of every target set for the year that has an actual on record, for the section's indicators. */
export function checkTargets(spec: SectionSpec, facts: YearFacts, year: number): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const key of spec.indicators) {
    const indicator = indicatorByKey(key);
    // The genre states completion for amounts (产值, 税金, 到位资金 …); count targets (新认定高企20家) it
    // reports as counts.
    if (!indicator || (indicator.unitKind !== "money" && indicator.unitKind !== "energy")) continue;
    const targets = facts.all().filter((fact) => fact.indicatorKey === key && fact.period === String(year) && fact.status === "plan" && fact.baseUnit !== "%");
    for (const target of targets) {
      const actual = facts.all().find((fact) => fact.indicatorKey === key && fact.period === String(year) && fact.status === "actual"
        && fact.origin === "stats" && sameScope(fact.scope, target.scope) && fact.baseUnit === target.baseUnit)
        ?? facts.all().find((fact) => fact.indicatorKey === key && fact.period === String(year) && fact.status === "actual"
          && sameScope(fact.scope, target.scope) && fact.baseUnit === target.baseUnit);
      if (!actual || target.valueBase === 0 || checks.some((check) => check.key === key)) continue;
      // A flow target (新增规上企业15家) is not the year-end stock's target, nor the reverse.
      if (FLOW.test(`${target.label}${target.scope}`) !== FLOW.test(`${actual.label}${actual.scope}`)) continue;
      const ratio = roundedPercent(sharePercent(actual.valueBase, target.valueBase)) ?? 0;
      // Outside 50—200% the two figures do not measure the same thing (a sub-item, another 口径).
      if (ratio < 50 || ratio > 200) continue;
      checks.push({ key, label: indicator.label, actual, target, ratio, met: ratio >= 100 });
    }
  }
  return checks;
}

/**
 * The sentence the genre uses: 「工业总产值完成年度目标的103.2%，超额完成」 /
 * 「招商引资到位资金未完成年度目标，完成率96.1%」.
 */
export function targetSentence(check: TargetCheck): string {
  const ratio = formatPercent(check.ratio);
  if (check.withValue) return `${check.label}${formatFact(check.actual)}，完成年度目标的${ratio}%`;
  if (check.ratio === 100) return `${check.label}完成年度目标的100%，如期完成`;
  return check.met ? `${check.label}完成年度目标的${ratio}%，超额完成` : `${check.label}未完成年度目标，完成率${ratio}%`;
}

/** A completion rate on record (完成年度目标的96.4%) for an indicator whose target is not. */
export interface RecordedRatio {
  key: string;
  label: string;
  fact: Fact;
}

/**
 * Completion rates stored as figures (label:目标完成率, 口径 = the indicator) for the section's indicators,
 * where no target on record lets checkTargets compute them.
 */
export function recordedRatios(spec: SectionSpec, facts: YearFacts, year: number): RecordedRatio[] {
  const computed = new Set(checkTargets(spec, facts, year).map((check) => check.key));
  const out: RecordedRatio[] = [];
  for (const fact of facts.distinct(String(year))) {
    if (fact.indicatorKey !== "label:目标完成率" || fact.unit !== "%") continue;
    const indicator = resolveIndicator(fact.scope);
    if (!indicator || !spec.indicators.includes(indicator.key) || computed.has(indicator.key)) continue;
    if (out.some((ratio) => ratio.key === indicator.key)) continue;
    out.push({ key: indicator.key, label: indicatorByKey(indicator.key)?.label ?? indicator.label, fact });
  }
  return out;
}

function recordedSentence(ratio: RecordedRatio): string {
  const value = formatPercent(ratio.fact.value, ratio.fact.decimals);
  if (ratio.fact.value === 100) return `${ratio.label}完成年度目标的100%，如期完成`;
  return ratio.fact.value > 100 ? `${ratio.label}完成年度目标的${value}%，超额完成` : `${ratio.label}未完成年度目标，完成率${value}%`;
}

/** A paragraph for the checks the section does not already state. */
export function targetsParagraph(checks: TargetCheck[], recorded: RecordedRatio[] = []): string | null {
  if (checks.length === 0 && recorded.length === 0) return null;
  return `对照年度目标，${[...checks.map(targetSentence), ...recorded.map(recordedSentence)].join("；")}。`;
}
