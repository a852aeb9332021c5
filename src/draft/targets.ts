/**
 * Targets vs actuals: where last year's plan set a target for the year and the actual is on record,
 * say whether it was met and by how much — computed here, never by a model.
 */
import { indicatorByKey } from "../facts/indicators.ts";
import type { Fact } from "../facts/types.ts";
import { formatPercent, roundTo } from "./format-number.ts";
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
}

/** Completion of every target set for the year that has an actual on record, for the section's indicators. */
export function checkTargets(spec: SectionSpec, facts: YearFacts, year: number): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const key of spec.indicators) {
    const indicator = indicatorByKey(key);
    if (!indicator || indicator.unitKind === "rank" || indicator.unitKind === "percent") continue;
    const targets = facts.all().filter((fact) => fact.indicatorKey === key && fact.period === String(year) && fact.status === "plan" && fact.baseUnit !== "%");
    for (const target of targets) {
      const actual = facts.all().find((fact) => fact.indicatorKey === key && fact.period === String(year) && fact.status === "actual"
        && fact.origin === "stats" && sameScope(fact.scope, target.scope) && fact.baseUnit === target.baseUnit)
        ?? facts.all().find((fact) => fact.indicatorKey === key && fact.period === String(year) && fact.status === "actual"
          && sameScope(fact.scope, target.scope) && fact.baseUnit === target.baseUnit);
      if (!actual || target.valueBase === 0 || checks.some((check) => check.key === key)) continue;
      const ratio = roundTo((actual.valueBase / target.valueBase) * 100, 1);
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
  if (check.ratio === 100) return `${check.label}完成年度目标的100%，如期完成`;
  return check.met ? `${check.label}完成年度目标的${ratio}%，超额完成` : `${check.label}未完成年度目标，完成率${ratio}%`;
}

/** A paragraph for the checks the section does not already state. */
export function targetsParagraph(checks: TargetCheck[]): string | null {
  if (checks.length === 0) return null;
  return `对照年度目标，${checks.map(targetSentence).join("；")}。`;
}
