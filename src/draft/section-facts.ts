/**
 * Which of the year's facts a section states: the plan's indicators in order, headline before sub-groups, then
 * the free-label figures whose words place them in the section; derived figures (同比, 占比 …) and labels that do
 * not say what they measure are left to the clauses that carry them.
 */
import type { Fact } from "../domain/fact-types.ts";
import { SUMMARY_SECTIONS, type SectionSpec } from "./section-plan.ts";
import type { YearFacts } from "./year-facts.ts";

/** A sub-group's scope (其中…企业) rather than a qualifier of the whole park (工业企业, 新增认定). */
export function isSubGroup(scope: string): boolean {
  return /^其中/.test(scope) || (/(企业|产业)$/.test(scope) && !/^(规上企业|工业企业|规上工业企业|规模以上工业企业|全部规上企业)$/.test(scope));
}

/** Indicators whose figures only qualify another one (同比, 占比, 增量, 年均增速): stated inside its clause. */
const DERIVED_KEY = /^(yoy|share|delta|pp|cagr):/;

/** Free-text labels that do not name what the figure measures (a verb, a conjunction, a bare unit). */
const MEANINGLESS_LABEL = /^(和|及|与|或|个|%|数|提升到|提高到|达到|由|从|年度目标|企业|项目|其中|占比|总数|全面|完成|累计|共计|合计|分别|同比)$|目标$|^(力争|推动|确保|争取|计划|预计)/;

/** Labels of rank moves and completion rates, which their own clauses state. */
const RANK_MOVE_LABEL = /(前移|后退|后移|上升|下降)$/;

/** Which section of a 工作总结 a figure belongs in, by indicator, else by the words of its label and unit. */
const SECTION_WORDS: Array<[string, RegExp]> = [
  ["安全环保", /安全|隐患|整改|环保|环境|污染|排放|空气|涉重|涉气|危化|消防|信访|处罚|违法|检查/],
  ["发展难题破解", /贷|融资|金融|基金|认缴|扶持|奖补|补贴|惠企|惠及|专精特新|续贷|担保|低效|闲置|盘活|退库|用能/],
  ["平台建设", /道路|管网|厂房|公寓|路灯|变电|标准地|供地|土地|用地|征收|扩区|规划|基础设施|污水|绿化|入住|通车|竣工|交付|封顶/],
  ["项目建设与招商", /项目|招商|投资|签约|落户|入驻|引进|高新|研发|专利|基金/],
];

export function sectionOfFact(fact: Fact, specs: readonly SectionSpec[]): string | null {
  const key = fact.indicatorKey.replace(DERIVED_KEY, "");
  const byKey = specs.find((spec) => spec.indicators.includes(key));
  if (byKey && !(key === "enterprises" && fact.origin !== "stats")) return byKey.id;
  if (fact.unit === "位" || fact.indicatorKey === "label:目标完成率") return specs.some((spec) => spec.id === "经济运行") ? "经济运行" : null;
  const words = `${fact.label}${fact.scope}`;
  for (const [id, pattern] of SECTION_WORDS) if (pattern.test(words) && specs.some((spec) => spec.id === id)) return id;
  if (/^(亩|平方米|公里|米|套|条|盏|千伏|吨)$/.test(fact.baseUnit)) return "平台建设";
  return byKey?.id ?? (specs.some((spec) => spec.id === "经济运行") ? "经济运行" : null);
}

/** The free-text label of a `label:` fact, or null when it does not say what is measured. */
export function freeLabel(fact: Fact): string | null {
  const label = fact.indicatorKey.startsWith("label:") ? fact.indicatorKey.slice("label:".length) : fact.label;
  const clean = label.replace(/^[一二三四五六七八九十]是/, "").trim();
  if (clean.length < 2 || MEANINGLESS_LABEL.test(clean)) return null;
  return clean;
}

/**
 * Whether a fact of the year is stated as a figure of its own: not a derived figure (同比, 占比 …, which
 * their value's clause states), not a completion rate or rank move (stated by their own clauses), and
 * with a label that names what it measures.
 */
function standalone(fact: Fact): boolean {
  if (DERIVED_KEY.test(fact.indicatorKey)) return false;
  if (fact.indicatorKey === "label:目标完成率") return false;
  if (fact.indicatorKey.startsWith("label:")) {
    if (fact.unit === "位" && RANK_MOVE_LABEL.test(fact.label)) return false;
    return freeLabel(fact) !== null;
  }
  if (fact.indicatorKey === "enterprises" && fact.origin !== "stats") return freeLabel(fact) !== null;
  return true;
}

/**
 * The facts a section states, in the plan's indicator order, headline before sub-groups, then the
 * free-label figures of the section: one fact per figure (statistics first, see dedupeFacts).
 */
export function sectionFacts(spec: SectionSpec, facts: YearFacts, year: number, status: "actual" | "plan" = "actual"): Fact[] {
  const distinct = facts.distinct(String(year), status).filter(standalone);
  const chosen: Fact[] = [];
  for (const key of spec.indicators) {
    const ofKey = distinct.filter((fact) => fact.indicatorKey === key && (key !== "enterprises" || fact.origin === "stats"));
    const ordered = [...ofKey].sort((a, b) => Number(isSubGroup(a.scope)) - Number(isSubGroup(b.scope)));
    chosen.push(...ordered);
  }
  if (status === "actual" && spec.kind === "summary") {
    for (const fact of distinct) {
      if (chosen.includes(fact)) continue;
      if (sectionOfFact(fact, SUMMARY_SECTIONS) === spec.id) chosen.push(fact);
    }
  }
  return chosen;
}

