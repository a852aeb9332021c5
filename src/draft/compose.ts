/**
 * Composing a section from the year's facts when there is no previous text to roll forward, in the
 * genre's formal style: 「2021年，园区规上企业实现工业总产值326.5亿元，同比增长15.9%；实现主营业务收入…」.
 * Every number is a stored value or computed from two stored values.
 */
import { indicatorByKey } from "../facts/indicators.ts";
import type { Fact } from "../facts/types.ts";
import { factScale, formatDecimal, formatFact, formatPercent, missing, roundTo } from "./format-number.ts";
import { counterpart, shiftPeriod } from "./match-fact.ts";
import { yoyOf } from "./roll-forward.ts";
import type { SectionSpec } from "./section-plan.ts";
import { isHeadlineScope, type YearFacts } from "./year-facts.ts";

type Phrase = (value: string, fact: Fact) => string;

const PHRASES: Record<string, Phrase> = {
  above_scale_enterprises: (value) => `规上企业达到${value}`,
  industrial_output: (value, fact) => `${isHeadlineScope(fact.scope) ? "规上企业" : ""}实现工业总产值${value}`,
  industrial_value_added: (value) => `实现工业增加值${value}`,
  revenue: (value) => `实现主营业务收入${value}`,
  profit: (value) => `实现利润${value}`,
  tax: (value) => `实现税金总额${value}`,
  electricity: (value) => `完成工业用电量${value}`,
  employees: (value) => `从业人员平均${value}`,
  exports: (value) => `实现进出口总额${value}`,
  fixed_investment: (value) => `完成固定资产投资${value}`,
  investment_attracted: (value) => `实现招商引资到位资金${value}`,
  projects: (value) => `新签约落户项目${value}`,
  project_investment: (value) => `项目总投资${value}`,
  hitech_enterprises: (value, fact) => (/新/.test(fact.scope) ? `新认定国家高新技术企业${value}` : `年末有效高新技术企业达到${value}`),
  loans: (value) => `通过融资平台累计放贷${value}`,
  loan_enterprises: (value) => `获得贷款支持的企业${value}`,
  subsidies: (value) => `兑现各类奖补扶持资金${value}`,
  land_area: (value) => `完成土地征收和平整${value}`,
  hazards_fixed: (value) => `排查整改隐患${value}`,
  safety_inspections: (value) => `开展安全检查${value}`,
  rectification_notices: (value) => `下达整改通知书${value}`,
  penalties: (value) => `处罚金额${value}`,
};

/** A sub-group's scope (其中…企业) rather than a qualifier of the whole park (工业企业, 新增认定). */
function isSubGroup(scope: string): boolean {
  return /^其中/.test(scope) || (/(企业|产业)$/.test(scope) && !/^(规上企业|工业企业|规上工业企业|规模以上工业企业|全部规上企业)$/.test(scope));
}

/** One clause per fact: value, then 同比 when on record or computable. */
export function factClause(fact: Fact, all: readonly Fact[]): string {
  if (fact.indicatorKey === "rank") {
    const rank = `在${fact.scope && !isHeadlineScope(fact.scope) ? fact.scope : "全省开发区综合考核"}中位列第${formatDecimal(fact.value, fact.decimals)}位`;
    const move = rankMove(fact, all);
    return move ? `${rank}，${move}` : rank;
  }
  const value = formatFact(fact);
  const label = indicatorByKey(fact.indicatorKey)?.label ?? fact.label;
  const phrase = PHRASES[fact.indicatorKey]?.(value, fact) ?? `${label}${value}`;
  const scope = fact.scope.replace(/^其中[：:，,]?/, "");
  const noun = /(项目|企业)$/.exec(scope)?.[1];
  if (isSubGroup(fact.scope)) {
    const counted = noun && indicatorByKey(fact.indicatorKey)?.unitKind.startsWith("count");
    const clause = counted ? `其中${scope}${value}` : `其中，${scope}${phrase.replace(/^规上企业/, "")}`;
    const total = all.find((other) => other.indicatorKey === fact.indicatorKey && other.period === fact.period
      && other.status === fact.status && isHeadlineScope(other.scope) && other.baseUnit === fact.baseUnit);
    if (!total || total.valueBase === 0 || counted) return clause;
    return `${clause}，占园区比重为${formatPercent(roundTo((fact.valueBase / total.valueBase) * 100, 1))}%`;
  }
  // Counts of enterprises read as 比上年净增17家 in the genre; amounts as 同比增长X%.
  const change = netChange(fact, all);
  if (change) return `${phrase}，${change}`;
  const yoy = yoyOf(all, fact);
  return yoy ? `${phrase}，同比${yoy.pct < 0 ? "下降" : "增长"}${formatPercent(yoy.pct, yoy.decimals)}%` : phrase;
}

/** 比上年净增17家 for a stock with no stored 同比 (counts of enterprises). */
function netChange(fact: Fact, all: readonly Fact[]): string | null {
  if (fact.indicatorKey !== "above_scale_enterprises") return null;
  const previous = counterpart(all, fact, shiftPeriod(fact.period, -1));
  if (!previous) return null;
  const difference = fact.value - previous.valueBase / factScale(fact);
  if (difference === 0) return "与上年持平";
  return `比上年净${difference > 0 ? "增" : "减"}${formatDecimal(Math.abs(difference), fact.decimals)}${fact.unit}`;
}

/** 较上年前移3位 for a rank. */
function rankMove(fact: Fact, all: readonly Fact[]): string | null {
  const previous = counterpart(all, fact, shiftPeriod(fact.period, -1));
  if (!previous) return null;
  const move = previous.value - fact.value;
  return move === 0 ? "与上年持平" : `较上年${move > 0 ? "前移" : "后移"}${formatDecimal(Math.abs(move), 0)}位`;
}

/** The facts a section states, in the plan's indicator order, headline before sub-groups. */
export function sectionFacts(spec: SectionSpec, facts: YearFacts, year: number, status: "actual" | "plan" = "actual"): Fact[] {
  const chosen: Fact[] = [];
  for (const key of spec.indicators) {
    const ofKey = facts.all().filter((fact) => fact.indicatorKey === key && fact.period === String(year) && fact.status === status);
    const byScope = new Map<string, Fact>();
    for (const fact of ofKey) {
      const scope = isHeadlineScope(fact.scope) ? "(headline)" : fact.scope;
      const held = byScope.get(scope);
      if (!held || (held.origin !== "stats" && fact.origin === "stats")) byScope.set(scope, fact);
    }
    const ordered = [...byScope.entries()].sort(([a], [b]) => Number(isSubGroup(a)) - Number(isSubGroup(b)));
    chosen.push(...ordered.map(([, fact]) => fact));
  }
  return chosen;
}

/**
 * The facts of a section's indicators that a rolled-forward text does not state yet, as one paragraph
 * (此外，…), so that a figure on record is never left out because last year's text had no place for it.
 */
export function supplementParagraph(spec: SectionSpec, facts: YearFacts, year: number, stated: { factIds: Set<string>; text: string }): string | null {
  const extra = sectionFacts(spec, facts, year).filter((fact) =>
    !stated.factIds.has(fact.id) && !stated.text.includes(formatFact(fact)) && !isRedundant(fact, facts, stated.factIds));
  if (extra.length === 0) return null;
  for (const fact of extra) stated.factIds.add(fact.id);
  const headline = extra.filter((fact) => !isSubGroup(fact.scope)).map((fact) => factClause(fact, facts.all()));
  const parts = extra.filter((fact) => isSubGroup(fact.scope)).map((fact) => factClause(fact, facts.all()));
  const sentences = [
    ...(headline.length ? [`此外，${year}年园区${headline.join("；")}。`] : []),
    ...(parts.length ? [`${parts.join("；")}。`] : []),
  ];
  return sentences.join("");
}

/** A text-extracted duplicate of a fact already stated (same indicator, period, value). */
function isRedundant(fact: Fact, facts: YearFacts, statedIds: Set<string>): boolean {
  return facts.all().some((other) => statedIds.has(other.id) && other.indicatorKey === fact.indicatorKey && other.period === fact.period
    && Math.abs(other.valueBase - fact.valueBase) <= Math.abs(fact.valueBase) * 1e-9);
}

/**
 * A section body from the year's facts alone; a 【待补充】 paragraph when the database holds none.
 * @example composeSection(spec, facts, 2021) // "2021年，园区规上企业实现工业总产值326.5亿元，同比增长15.9%；…。"
 */
export function composeSection(spec: SectionSpec, facts: YearFacts, year: number): string {
  if (spec.kind === "plan" && spec.id === "目标任务") return composeTargets(spec, facts, year);
  const stated = sectionFacts(spec, facts, year);
  if (stated.length === 0) return missing(`${spec.id}工作情况`, year);
  const clauses = stated.map((fact) => factClause(fact, facts.all()));
  return `${year}年，园区${clauses.join("；")}。`;
}

/** 目标任务 of a plan: the targets on record for the year, else markers, after the base year's actuals. */
function composeTargets(spec: SectionSpec, facts: YearFacts, year: number): string {
  const base = sectionFacts(spec, facts, year - 1);
  const targets = sectionFacts(spec, facts, year, "plan");
  const lines: string[] = [];
  if (base.length) lines.push(`${year - 1}年，园区${base.slice(0, 6).map((fact) => factClause(fact, facts.all())).join("；")}。`);
  const keys = new Set(targets.map((fact) => fact.indicatorKey));
  const wanted = base.filter((fact) => !keys.has(fact.indicatorKey) && fact.indicatorKey !== "rank").slice(0, 6);
  const clauses = [
    ...targets.map((fact) => `${indicatorByKey(fact.indicatorKey)?.label ?? fact.label}${formatFact(fact)}`),
    ...wanted.map((fact) => `${indicatorByKey(fact.indicatorKey)?.label ?? fact.label}${missing(`${indicatorByKey(fact.indicatorKey)?.label ?? fact.label}目标`, year)}`),
  ];
  lines.push(clauses.length ? `${year}年主要预期目标：${clauses.join("；")}。` : missing("主要预期目标", year));
  return lines.join("\n\n");
}
