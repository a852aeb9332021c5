/**
 * Which stored fact a figure of last year's text speaks of, and its counterpart for another year.
 * The text reader (`analyzeFigures`) gives indicator, scope and role; this file settles the 口径 against
 * the scopes statistics use (规上企业, 新增认定, 年末总数, 新落户项目 …).
 */
import { findIndicatorAlias, indicatorByKey, resolveIndicator, type UnitKind } from "../domain/indicators.ts";
import type { Fact, FactStatus, ParsedFigure } from "../domain/fact-types.ts";
import { isHeadlineScope } from "./year-facts.ts";

/** What we know of a figure's meaning, from the text. */
export interface FigureMeaning {
  key: string;
  known: boolean;
  label: string;
  scope: string;
  increment: boolean;
  /** Stated under 其中 or as a sub-group: never the park's headline total. */
  subItem: boolean;
}

const UNIT_FITS: Record<UnitKind, (baseUnit: string) => boolean> = {
  money: (unit) => /^(元|美元|欧元|港元)$/.test(unit),
  energy: (unit) => /^(千瓦时|吨标准煤|千瓦|吨|立方米)$/.test(unit),
  count_enterprise: (unit) => /^(家|户|个)$/.test(unit),
  count_project: (unit) => /^(个|项|批)$/.test(unit),
  count_person: (unit) => /^(人|人次)$/.test(unit),
  area: (unit) => /^(亩|平方米)$/.test(unit),
  percent: (unit) => unit === "%" || unit === "百分点",
  rank: (unit) => unit === "位" || unit === "名" || unit === "人",
  other: () => true,
};

/** Whether an indicator can be measured in a figure's unit (工业总产值 is never counted in 家). */
export function unitFits(key: string, figure: Pick<ParsedFigure, "baseUnit" | "kind">): boolean {
  const indicator = indicatorByKey(key);
  if (!indicator) return true;
  if (figure.kind === "rank") return indicator.unitKind === "rank";
  return UNIT_FITS[indicator.unitKind](figure.baseUnit);
}

/**
 * The indicator of a figure the reader left unnamed (`label:…`): a vocabulary alias inside or around
 * its label (累计放贷 → 放贷金额), else the noun after it (241家规上企业). Only units that fit count.
 */
export function refineIndicator(
  key: string,
  label: string,
  figure: Pick<ParsedFigure, "baseUnit" | "kind">,
  nounAfter: string,
): { key: string; known: boolean; label: string } {
  if (!key.startsWith("label:")) return { key, known: true, label };
  const clean = label.replace(/[“”"‘’「」《》]/g, "");
  for (const candidate of [clean, clean.slice(-4), clean.slice(-3), clean.slice(-2)]) {
    if (candidate.length < 2) continue;
    const resolved = resolveIndicator(candidate);
    if (resolved && unitFits(resolved.key, figure)) return { key: resolved.key, known: true, label: resolved.label };
  }
  const after = findIndicatorAlias(nounAfter.slice(0, 8));
  if (after && after.start <= 2 && unitFits(after.indicator.key, figure)) {
    return { key: after.indicator.key, known: true, label: after.alias };
  }
  return { key, known: false, label };
}

const NEW_SCOPE = /新增|新认定|新引进|新签约|新落户|当年新|新入规/;

/**
 * How well a stored fact's 口径 fits a figure's: higher is better, negative excludes.
 * @example scopeScore({ scope: "园区", increment: true, … }, { scope: "新增认定" }) > 0
 */
export function scopeScore(meaning: FigureMeaning, fact: Pick<Fact, "scope"> & { label?: string }): number {
  const factScope = fact.scope.trim();
  const mentionScope = meaning.scope.replace(/^其中/, "");
  if (meaning.subItem) {
    if (isHeadlineScope(factScope)) return -1;
    if (factScope === mentionScope) return 100;
    return mentionScope.includes(factScope) || factScope.includes(mentionScope) || meaning.label.includes(factScope) ? 90 : -1;
  }
  const flowFact = NEW_SCOPE.test(factScope) || /^(新增|新认定|新引进|净增)/.test(fact.label ?? "");
  // 新增规上企业16家 is a flow: never the year-end stock, whatever its 口径 is called.
  if (meaning.increment) return flowFact ? 85 : -1;
  if (factScope === meaning.scope) return 100; else if (NEW_SCOPE.test(factScope) && !/新/.test(meaning.label) && factScope !== "新落户项目") {
    return -1;
  }
  if (meaning.label.includes(factScope) || (factScope.length >= 2 && factScope.includes(meaning.label))) return 80;
  if (isHeadlineScope(factScope) && isHeadlineScope(meaning.scope)) return 70;
  if (isHeadlineScope(meaning.scope)) return 40;
  // A 口径 carried over from an earlier clause (融资平台 …) does not make a new item a sub-group;
  // a threshold (10亿元以上) does.
  if (isHeadlineScope(factScope) && !/\d|以上|以下/.test(meaning.scope)) return 30;
  return -1;
}

/**
 * The stored fact for a figure's meaning in a period, or null. Facts come in the lookup's order
 * (statistics first), which breaks ties.
 */
export function pickFact(
  facts: readonly Fact[],
  meaning: FigureMeaning,
  where: { period: string; status: FactStatus },
  minimumScope = 0,
): Fact | null {
  let best: Fact | null = null;
  let bestScore = -1;
  for (const fact of facts) {
    if (fact.indicatorKey !== meaning.key || fact.period !== where.period || fact.status !== where.status) continue;
    if (scopeScore(meaning, fact) < minimumScope) continue;
    // The catch-all 企业数 holds figures that only their labels tell apart (惠及企业150户, 已入驻企业14家).
    if (fact.indicatorKey === "enterprises" && fact.origin !== "stats" && !labelsOverlap(meaning.label, fact.label)) continue;
    // Imported statistics outrank text: any statistic whose 口径 fits beats every text figure.
    const score = scopeScore(meaning, fact) + (fact.origin === "stats" ? 1000 : 0) + fact.confidence;
    if (score > bestScore && scopeScore(meaning, fact) >= 0) {
      best = fact;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Two labels name the same group: one contains the other once the verbs of counting go
 * (新增省级专精特新企业 ~ 省级专精特新企业; 有色金属加工企业 ≁ 涉重金属企业).
 */
export function labelsOverlap(a: string, b: string): boolean {
  const core = (text: string) => text.replace(/^(全年|累计|共|新增|新认定|新引进|引进|已|接入|惠及|帮助|完成)+/, "").replace(/[“”"]/g, "");
  const left = core(a);
  const right = core(b);
  if (left.length < 2 || right.length < 2 || /^(企业|项目|户)$/.test(left) || /^(企业|项目|户)$/.test(right)) return false;
  return left.includes(right) || right.includes(left);
}

/** The same fact's counterpart in another period: same indicator and 口径. */
export function counterpart(facts: readonly Fact[], fact: Fact, period: string, status: FactStatus = fact.status): Fact | null {
  const same = facts.filter((other) => other.indicatorKey === fact.indicatorKey && other.period === period && other.status === status);
  const sorted = [...same].sort((a, b) => Number(b.origin === "stats") - Number(a.origin === "stats") || b.confidence - a.confidence);
  return sorted.find((other) => other.scope === fact.scope)
    ?? (isHeadlineScope(fact.scope) ? sorted.find((other) => isHeadlineScope(other.scope)) : undefined)
    ?? null;
}

/** "2020H1" shifted by one year → "2021H1". */
export function shiftPeriod(period: string, years: number): string {
  const match = /^(\d{4})(.*)$/.exec(period);
  return match ? `${Number(match[1]) + years}${match[2]}` : period;
}
