/**
 * Composing a section from the year's facts when there is no previous text to roll forward, in the
 * genre's formal style: 「2021年，园区规上企业实现工业总产值326.5亿元，同比增长15.9%；实现主营业务收入…」.
 * Every number is a stored value or computed from two stored values.
 */
import { indicatorByKey } from "../domain/indicators.ts";
import { STATEMENT_VERBS } from "../domain/lexicon.ts";
import { isIncrementFact } from "../verify/match-figure.ts";
import type { Fact } from "../domain/fact-types.ts";
import { formatDecimal, roundTo, roundedPercent, sharePercent } from "../domain/figure-math.ts";
import { factScale, formatFact, formatPercent, missing } from "./format-number.ts";
import { counterpart, shiftPeriod } from "./match-fact.ts";
import { yoyOf } from "./rewrite-direction.ts";
import type { SectionSpec } from "./section-plan.ts";
import { freeLabel, isSubGroup, sectionFacts } from "./section-facts.ts";
import { isHeadlineScope, normalizedScope, type YearFacts } from "./year-facts.ts";

/** A label that already carries its verb (实现利润, 完成投资): no verb is added before it. */
const HAS_VERB = new RegExp(`^(${STATEMENT_VERBS.map(([, verb]) => verb).join("|")}|达到|新增|新认定|累计|共|全年)`);

/**
 * The clause that states a fact: the genre's verb, the label and the value (实现工业总产值202亿元, 规上企业
 * 达到68家, 新增高新技术企业12家). It says nothing the fact does not: the label is the fact's own words
 * when a document stated it (else the indicator's), 规上企业 only when its 口径 says so, 新增 only for a flow.
 */
function statement(value: string, fact: Fact): string {
  const indicator = indicatorByKey(fact.indicatorKey);
  const own = fact.origin !== "stats" ? freeLabel(fact) : null;
  // A count's indicator label names the thing counted: 规上企业数 → 规上企业.
  const label = own ?? (indicator?.unitKind.startsWith("count") ? indicator.label.replace(/数$/, "") : indicator?.label) ?? fact.label;
  const aboveScale = /规上|规模以上/.test(fact.scope) && !/规上|规模以上/.test(label) ? "规上企业" : "";
  if (HAS_VERB.test(label)) return `${aboveScale}${label}${value}`;
  if (indicator?.unitKind.startsWith("count")) {
    return isIncrementFact(fact) ? `${aboveScale}${/^新/.test(label) ? "" : "新增"}${label}${value}` : `${aboveScale}${label}达到${value}`;
  }
  const verb = STATEMENT_VERBS.find(([pattern]) => pattern.test(label))?.[1] ?? "";
  return `${aboveScale}${verb}${label}${value}`;
}

/** Indicators whose text figures read better in their own words (督促整改隐患412处, 盘活低效用地1080亩). */
const LABEL_PHRASED = new Set(["land_area", "hazards_fixed", "safety_inspections", "rectification_notices", "violations", "petitions", "penalties"]);

/** One clause per fact: value, then 同比 when on record or computable. */
export function factClause(fact: Fact, all: readonly Fact[], year?: number): string {
  if (fact.indicatorKey.startsWith("label:") || (fact.indicatorKey === "enterprises" && fact.origin !== "stats") || (fact.origin !== "stats" && LABEL_PHRASED.has(fact.indicatorKey) && freeLabel(fact))) {
    return `${freeLabel(fact) ?? indicatorByKey(fact.indicatorKey)?.label ?? fact.label}${formatFact(fact)}`;
  }
  if (fact.origin !== "stats" && !isHeadlineScope(fact.scope) && !isSubGroup(fact.scope) && /(项目|企业)$/.test(fact.scope)
    && indicatorByKey(fact.indicatorKey)?.unitKind.startsWith("count")) {
    // A count under its own 口径 (竣工投产项目19个), not the statistics' one (新签约落户项目).
    return `${fact.scope}${formatFact(fact)}`;
  }
  if (fact.indicatorKey === "rank") {
    const rank = fact.scope && !isHeadlineScope(fact.scope) ? `在${fact.scope}中位列第${formatDecimal(fact.value, fact.decimals)}位` : `${freeLabel(fact) ?? "综合排名"}第${formatDecimal(fact.value, fact.decimals)}位`;
    const move = rankMove(fact, all);
    return move ? `${rank}，${move}` : rank;
  }
  const value = formatFact(fact);
  const label = indicatorByKey(fact.indicatorKey)?.label ?? fact.label;
  const phrase = statement(value, fact);
  const scope = fact.scope.replace(/^其中[：:，,]?/, "");
  const noun = /(项目|企业)$/.exec(scope)?.[1];
  if (isSubGroup(fact.scope)) {
    const counted = noun && indicatorByKey(fact.indicatorKey)?.unitKind.startsWith("count");
    const clause = counted ? `其中${scope}${value}` : `其中，${scope}${phrase.replace(/^规上企业/, "")}`;
    const total = all.find((other) => other.indicatorKey === fact.indicatorKey && other.period === fact.period
      && other.status === fact.status && isHeadlineScope(other.scope) && other.baseUnit === fact.baseUnit);
    if (!total || total.valueBase === 0 || counted) return clause;
    return `${clause}，占园区比重为${formatPercent(roundedPercent(sharePercent(fact.valueBase, total.valueBase)) ?? 0)}%`;
  }
  // Counts of enterprises read as 比上年净增17家 in the genre; amounts as 同比增长X%.
  const change = netChange(fact, all);
  if (change) return `${phrase}，${change}`;
  const yoy = yoyOf(all, fact);
  return yoy ? `${phrase}，同比${yoy.pct < 0 ? "下降" : "增长"}${formatPercent(yoy.pct, yoy.decimals)}%` : phrase;
}

/** Clauses of one sentence joined by ；, the subject 规上企业 stated once (its later clauses share it). */
function joinClauses(clauses: string[]): string {
  let stated = false;
  return clauses.map((clause) => {
    if (!clause.startsWith("规上企业")) return clause;
    if (!stated) {
      stated = true;
      return clause;
    }
    return clause.replace(/^规上企业(?=实现|完成)/, "");
  }).join("；");
}

/** 比上年净增17家 for a stock with no stored 同比 (counts of enterprises). */
export function netChange(fact: Fact, all: readonly Fact[]): string | null {
  if (fact.indicatorKey !== "above_scale_enterprises") return null;
  const previous = counterpart(all, fact, shiftPeriod(fact.period, -1));
  if (!previous) return null;
  const difference = fact.value - previous.valueBase / factScale(fact);
  if (difference === 0) return "与上年持平";
  return `比上年净${difference > 0 ? "增" : "减"}${formatDecimal(Math.abs(difference), fact.decimals)}${fact.unit}`;
}

/** 较上年前移3位 for a rank. */
export function rankMove(fact: Fact, all: readonly Fact[]): string | null {
  const previous = counterpart(all, fact, shiftPeriod(fact.period, -1));
  if (!previous) return null;
  const move = previous.value - fact.value;
  return move === 0 ? "与上年持平" : `较上年${move > 0 ? "前移" : "后退"}${formatDecimal(Math.abs(move), 0)}位`;
}

/** The set of figures a draft already states: stored fact ids and the text. */
export interface StatedFigures {
  factIds: Set<string>;
  text: string;
}

/**
 * Sentences for a list of facts: the headline clauses after a lead (2021年，园区…), then each 其中 group
 * once (其中，14家有色金属加工企业实现主营业务收入38.6亿元、税金总额1.62亿元，分别占园区总量的56.4%和59.3%).
 */
function statements(lead: string, list: Fact[], facts: YearFacts, used: Set<string>): string {
  const all = facts.all();
  const headline = list.filter((fact) => !isSubGroup(fact.scope));
  const groups = new Map<string, Fact[]>();
  for (const fact of list.filter((item) => isSubGroup(item.scope))) {
    const scope = normalizedScope(fact.scope);
    groups.set(scope, [...(groups.get(scope) ?? []), fact]);
  }
  const sentences: string[] = [];
  const clauses = headline.filter((fact) => !used.has(fact.id)).map((fact) => factClause(fact, all, facts.year));
  if (clauses.length) sentences.push(`${lead}${joinClauses(clauses)}。`);
  for (const [scope, members] of groups) sentences.push(`${subGroupSentence(scope, members, facts, used)}。`);
  return sentences.join("");
}

/** One sentence for a sub-group's figures, its count of enterprises when on record. */
function subGroupSentence(scope: string, members: Fact[], facts: YearFacts, used: Set<string>): string {
  const all = facts.all();
  // The count of a sub-group's enterprises, on record under its own label (有色金属加工企业14家).
  const count = facts.all().find((fact) => fact.indicatorKey === "enterprises" && fact.period === members[0].period
    && fact.status === "actual" && !used.has(fact.id) && (normalizedScope(fact.label) === scope || fact.label === scope));
  if (count) used.add(count.id);
  const subject = `其中，${count ? formatFact(count) : ""}${scope}`;
  const counted = members.every((fact) => indicatorByKey(fact.indicatorKey)?.unitKind.startsWith("count"));
  if (counted) {
    // 其中非铜产业项目9个，占比56.3%: the count under its own noun.
    const parts = members.map((fact) => {
      const noun = fact.indicatorKey === "projects" ? "项目" : /企业|户/.test(indicatorByKey(fact.indicatorKey)?.label ?? "") ? "企业" : indicatorByKey(fact.indicatorKey)?.label ?? "";
      const share = shareOf(fact, all);
      for (const id of [fact.id]) used.add(id);
      return `${scope.endsWith(noun) ? scope : `${scope}${noun}`}${formatFact(fact)}${share ? `，占比${share}%` : ""}`;
    });
    return `其中，${parts.join("；")}`;
  }
  const items = members.map((fact, index) => {
    const value = formatFact(fact);
    const label = indicatorByKey(fact.indicatorKey)?.label ?? fact.label;
    const phrase = statement(value, { ...fact, scope: "其中" });
    return index === 0 ? phrase : phrase.replace(HAS_VERB, "");
  });
  const shares = members.map((fact) => shareOf(fact, all));
  for (const fact of members) used.add(fact.id);
  let sentence = `${subject}${items.join("、")}`;
  if (shares.every((share) => share !== null)) {
    sentence += shares.length === 1
      ? `，占园区比重为${shares[0]}%`
      : `，分别占园区总量的${shares.slice(0, -1).map((share) => `${share}%`).join("、")}和${shares.at(-1)}%`;
  }
  return sentence;
}

/** A sub-group's share of the park total (statistics first), one decimal; null without a total. */
function shareOf(fact: Fact, all: readonly Fact[]): string | null {
  const totals = all.filter((other) => other.indicatorKey === fact.indicatorKey && other.period === fact.period
    && other.status === fact.status && other.baseUnit === fact.baseUnit && other.id !== fact.id
    && (isHeadlineScope(other.scope) || (fact.indicatorKey === "projects" && normalizedScope(other.scope) === "新落户项目")));
  const total = totals.find((other) => other.origin === "stats") ?? totals[0];
  return total && total.valueBase !== 0 ? formatPercent(roundedPercent(sharePercent(fact.valueBase, total.valueBase)) ?? 0) : null;
}

/**
 * The figures of a section on record for the year that the draft does not state yet, as one paragraph
 * (此外，…), so that a figure on record is never left out because last year's text had no place for it.
 * A figure counts as stated when its fact (or the same figure from another source) was written, or its
 * text appears in the draft.
 */
export function supplementParagraph(spec: SectionSpec, facts: YearFacts, year: number, stated: StatedFigures): string | null {
  const extra = sectionFacts(spec, facts, year).filter((fact) =>
    !stated.factIds.has(fact.id) && !stated.text.includes(formatFact(fact)) && !isRedundant(fact, facts, stated.factIds));
  if (extra.length === 0) return null;
  const used = new Set<string>();
  const text = statements(`此外，${year}年园区`, extra, facts, used);
  for (const fact of extra) stated.factIds.add(fact.id);
  for (const id of used) stated.factIds.add(id);
  return text || null;
}

/** A duplicate of a fact already stated (same indicator, period, normalized 口径 and value). */
function isRedundant(fact: Fact, facts: YearFacts, statedIds: Set<string>): boolean {
  return facts.all().some((other) => statedIds.has(other.id) && other.indicatorKey === fact.indicatorKey && other.period === fact.period
    && normalizedScope(other.scope) === normalizedScope(fact.scope)
    && Math.abs(other.valueBase - fact.valueBase) <= Math.abs(fact.valueBase) * 1e-9);
}

/**
 * A section body from the year's facts alone; a 【待补充】 paragraph when the database holds none.
 * @example composeSection(spec, facts, 2021) // "2021年，园区规上企业实现工业总产值326.5亿元，同比增长15.9%；…。"
 */
export function composeSection(spec: SectionSpec, facts: YearFacts, year: number, stated?: StatedFigures): string {
  if (spec.kind === "plan" && spec.id === "目标任务") return composeTargets(spec, facts, year);
  const list = sectionFacts(spec, facts, year).filter((fact) => !stated?.factIds.has(fact.id) && !(stated && isRedundant(fact, facts, stated.factIds)));
  if (list.length === 0) return missing(`${spec.id}工作情况`, year);
  const used = new Set<string>();
  const text = statements(`${year}年，园区`, list, facts, used);
  if (stated) for (const fact of [...list.map((item) => item.id), ...used]) stated.factIds.add(fact);
  return text;
}

/** 目标任务 of a plan: the targets on record for the year, else markers, after the base year's actuals. */
function composeTargets(spec: SectionSpec, facts: YearFacts, year: number): string {
  const base = sectionFacts(spec, facts, year - 1);
  const targets = sectionFacts(spec, facts, year, "plan");
  const lines: string[] = [];
  if (base.length) lines.push(`${year - 1}年，园区${joinClauses(base.slice(0, 6).map((fact) => factClause(fact, facts.all())))}。`);
  const keys = new Set(targets.map((fact) => fact.indicatorKey));
  const wanted = base.filter((fact) => !keys.has(fact.indicatorKey) && fact.indicatorKey !== "rank").slice(0, 6);
  const clauses = [
    ...targets.map((fact) => `${indicatorByKey(fact.indicatorKey)?.label ?? fact.label}${formatFact(fact)}`),
    ...wanted.map((fact) => `${indicatorByKey(fact.indicatorKey)?.label ?? fact.label}${missing(`${indicatorByKey(fact.indicatorKey)?.label ?? fact.label}目标`, year)}`),
  ];
  lines.push(clauses.length ? `${year}年主要预期目标：${clauses.join("；")}。` : missing("主要预期目标", year));
  return lines.join("\n\n");
}
