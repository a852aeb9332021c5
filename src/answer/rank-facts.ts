/**
 * Open-vocabulary matching of a question to a park's facts: every fact is ranked on how much of the question's
 * wording its label, clause and sentence share (character bigrams weighted by rarity among the park's facts),
 * then by the period, status, unit and sub-scope the question asks for. The indicator vocabulary is a boost,
 * not a gate, so 工业开票销售, 社零总额 or 新增建成区面积 are found as written.
 */
import { periodSuffix, UNKNOWN_YEAR } from "../domain/periods.ts";
import { withAbbreviations } from "../domain/abbreviations.ts";
import { ANY_FLOW as FLOW, MONEY_WORDS } from "../domain/lexicon.ts";
import { findParkMentions } from "../domain/park-names.ts";
import { AFTER_MARK, contextBefore } from "../facts/fact-context.ts";
import { indicatorByKey } from "../domain/indicators.ts";
import type { Fact } from "../domain/fact-types.ts";
import { isSubScope } from "./format-figure.ts";
import type { AnswerQuery } from "./types.ts";

/** A fact with its score; `match` is the share of the question's wording its own words cover. */
export interface RankedFact {
  fact: Fact;
  score: number;
  match: number;
}

/** Words of a question that ask rather than name: they say nothing about which figure is meant. */
const ASKING = /请问|请|帮我|查询|查一下|一下|告诉我|是多少|为多少|有多少|共有|共多少|多少|几[家个项人件户名位]?|分别|各是|各为|怎么样|如何|吗|呢|了|[？?！!。，,、；;：:（）()“”"'\s]/g;
export const GROWTH_ASK = /(?:同比|可比|比上年|较上年)?(?:增长|增幅|增速|下降|变化|变动|增加|提高)(?:了)?(?:多少|几|幅度|情况)|增幅|增速|降幅|同比/;
const PLAN_ASK = /计划|目标|预期|力争|任务|规划|打算/;
const FORECAST_ASK = /预计|预期|有望/;
const SHARE_ASK = /比重|占比|所占|占.{0,8}比例|百分之|完成率|增长率|率是|比例/;

/** Measure words a question asks in → base units that answer it. */
const MEASURES: Array<[RegExp, string[]]> = [
  [/多少家|几家|家数/, ["家", "户", "个"]],
  [/多少户|几户/, ["户", "家"]],
  [/多少个|几个/, ["个", "家", "项", "处", "座"]],
  [/多少项|几项/, ["项", "个"]],
  [/多少人|几人|人数|人员/, ["人", "名", "人次"]],
  [/多少件|几件/, ["件", "项"]],
  [/面积|多少平方|多少亩|多大/, ["平方米", "亩"]],
  [/用电|电量/, ["千瓦时"]],
  [/天然气|用水|用气/, ["立方米", "吨"]],
  [/第几|排名|名次|位次/, ["位", "名"]],
];
const MONEY_ASK = new RegExp(`${MONEY_WORDS.source}|多少钱|多少元|亿元|万元`);

/** Character bigrams of a text (punctuation dropped), with Latin words (GDP) as one token each. */
export function bigrams(text: string): Set<string> {
  const clean = text.replace(/[\s，,。；;：:、（）()“”"'？?！!《》【】]/g, "");
  const grams = new Set<string>();
  for (let i = 0; i + 1 < clean.length; i++) grams.add(clean.slice(i, i + 2));
  // Latin words (GDP) count as one token each.
  for (const word of clean.match(/[A-Za-z]{2,}/g) ?? []) grams.add(word.toUpperCase());
  return grams;
}

/** The question's own wording: years, periods and asking words removed. */
export function questionWording(question: string): string {
  // Park names say which park, not which figure (the park is chosen before ranking).
  let text = question;
  for (const mention of findParkMentions(question).reverse()) text = `${text.slice(0, mention.start)} ${text.slice(mention.end)}`;
  return text
    .replace(/(?:19|20)\d{2}\s*年?(?:度)?|[一二三四五六七八九十\d]{1,2}\s*(?:——|—|–|-|~|至|到)\s*[一二三四五六七八九十\d]{1,2}\s*月(?:份)?|上半年|下半年|前三季度|[一二三四1-4]季度|全年/g, " ")
    .replace(GROWTH_ASK, " ")
    .replace(ASKING, " ");
}

function coverage(asked: Set<string>, weight: (gram: string) => number, words: Set<string>, halfWords?: Set<string>): number {
  let total = 0;
  let hit = 0;
  for (const gram of asked) {
    const w = weight(gram);
    total += w;
    if (words.has(gram)) hit += w;
    else if (halfWords?.has(gram)) hit += w / 2;
  }
  return total ? hit / total : 0;
}

function periodFit(fact: Fact, query: AnswerQuery): number {
  const suffix = periodSuffix(fact.period);
  let fit = 0;
  if (query.years.length) {
    if (fact.year === UNKNOWN_YEAR) fit -= 0.15;
    else if (!query.years.includes(fact.year)) return -2;
  }
  if (query.periodSuffix) fit += suffix === query.periodSuffix ? 0.3 : suffix ? -0.15 : -0.3;
  else if (suffix) fit -= 0.1;
  return fit;
}

function statusFit(fact: Fact, question: string): number {
  const plan = PLAN_ASK.test(question);
  const forecast = FORECAST_ASK.test(question);
  if (forecast) return fact.status === "forecast" ? 0.3 : fact.status === "plan" ? 0.2 : -0.3;
  if (plan) return fact.status === "actual" ? -0.4 : 0.3;
  return fact.status === "actual" ? 0.1 : -0.3;
}

function unitFit(fact: Fact, question: string): number {
  const share = SHARE_ASK.test(question);
  if (fact.unit === "%" || fact.baseUnit === "%") return share ? 0.2 : -2;
  if (share && !/多少[亿万元家个人]/.test(question)) return -0.3;
  for (const [pattern, units] of MEASURES) if (pattern.test(question)) return units.includes(fact.baseUnit) ? 0.15 : -1;
  // 8.1亿 with no unit word reads as money in a money question.
  if (MONEY_ASK.test(question)) return fact.baseUnit === "元" || fact.baseUnit === "美元" ? 0.1 : fact.baseUnit === "" ? 0 : -0.4;
  return 0;
}

/** The slot (indicator, period, status) of a fact, as imported statistics fill them. */
const slotKey = (fact: Fact) => `${fact.indicatorKey}\u0000${fact.period}\u0000${fact.status}`;

/** Whether the fact's own words state its sub-scope (其中…), rather than a scope carried from a clause before. */
function statesScope(fact: Fact): boolean {
  if (fact.origin === "stats") return true;
  const before = contextBefore(fact.context);
  const core = fact.scope.replace(/^其中[：:]?/, "");
  return before.includes("其中") || (core.length >= 2 && before.includes(core.slice(0, 2)));
}

/** Whether the question names a sub-scope: two of its characters in a row appear in the question. */
function scopeNamed(scope: string, question: string): boolean {
  const core = scope.replace(/^其中[：:]?/, "");
  for (let i = 0; i + 1 < core.length; i++) if (question.includes(core.slice(i, i + 2))) return true;
  return false;
}

/** Sub-industries and sub-areas a sentence is about: 生物医药产业, 陶瓷产业园区, 北岭县生态工业集中区. */
const SUBJECT = /[\u4e00-\u9fa5]{2,6}?(?:产业|行业|领域|板块|片区|集团)/g;

/** The sub-parks and sub-industries a fact's sentence is about: 北岭县生态 (a park's core), 生物医药产业. */
function subjectsOf(fact: Fact): { parks: string[]; subjects: string[] } {
  const said = fact.quote;
  const parks = findParkMentions(said).filter((mention) => !mention.generic && !mention.title).map((mention) => mention.core);
  const subjects = (fact.context ?? "").length + 8 < said.length
    ? [...said.matchAll(SUBJECT)].map((match) => match[0].replace(/^(?:其中|主导|全市|全县|全区|园区|开发区)/, "")).filter((subject) => subject.length >= 4)
    : [];
  return { parks, subjects };
}

/**
 * A figure stated for a sub-park or a sub-industry the question does not name answers another question
 * (生物医药产业…实现主营业务收入16.6亿元 is not the park's 主营业务收入).
 */
function subjectPenalty(subjects: { parks: string[]; subjects: string[] }, question: string): number {
  if (subjects.parks.some((core) => !question.includes(core))) return 0.3;
  if (subjects.subjects.some((subject) => !question.includes(subject.slice(0, 2)))) return 0.15;
  return 0;
}

/** What ranking reads of a park's facts, computed once per set of facts (see `indexFacts`). */
export interface FactIndex {
  facts: Fact[];
  trusted: boolean[];
  own: Array<Set<string>>;
  after: Array<Set<string>>;
  sentences: Array<Set<string>>;
  frequency: Map<string, number>;
  subjects: Array<{ parks: string[]; subjects: string[] }>;
  statsSlots: Set<string>;
}

/**
 * The words of every fact, their rarity among the facts, and the slots imported statistics fill: everything
 * ranking needs that does not depend on the question, so a cached index serves every question on the park.
 */
export function indexFacts(facts: Fact[]): FactIndex {
  // The extractor's label counts when the figure's own words hold it; a label taken from a neighbouring
  // clause (和, 亿元, the first item of a 分别 list) would mislead.
  const trusted = facts.map((fact) => fact.origin === "stats" || !fact.context || contextBefore(fact.context).includes(fact.label));
  // Facts carry both forms of a short form (社会消费品零售总额 also reads as 社零…), the question its own.
  const own = facts.map((fact, index) => bigrams(withAbbreviations(`${trusted[index] ? fact.label : ""} ${contextBefore(fact.context)} ${trusted[index] ? indicatorByKey(fact.indicatorKey)?.label ?? "" : ""} ${fact.scope === "园区" ? "" : fact.scope}`)));
  // The words after a figure (…投入使用, …完成污水处理厂提标工程) tell what it is for, at half weight.
  const after = facts.map((fact) => bigrams((fact.context ?? "").split(AFTER_MARK)[1] ?? ""));
  const sentences = facts.map((fact) => bigrams(withAbbreviations(fact.quote)));
  // Rare words decide: a bigram most facts are stated with (实现, 完成, 园区) weighs little.
  const frequency = new Map<string, number>();
  for (const words of [...own, ...after]) for (const gram of words) frequency.set(gram, (frequency.get(gram) ?? 0) + 1);
  for (const words of sentences) for (const gram of words) frequency.set(gram, (frequency.get(gram) ?? 0) + 0.5);
  const statsSlots = new Set(facts.filter((fact) => fact.origin === "stats").map(slotKey));
  return { facts, trusted, own, after, sentences, frequency, subjects: facts.map(subjectsOf), statsSlots };
}

/**
 * Rank the facts of one park for a question, best first. The score adds the wording match of the fact's
 * label and clause (weight 1) and of its sentence (weight 0.35) to the period, status, unit, growth,
 * scope and vocabulary fits; a fact of another year than the one asked scores below zero.
 * @example rankFacts("2021年营业收入多少？", query, facts)[0].fact.value // 86.33
 */
export function rankFacts(question: string, query: AnswerQuery, facts: Fact[] | FactIndex): RankedFact[] {
  const index = Array.isArray(facts) ? indexFacts(facts) : facts;
  const wording = questionWording(question);
  const asked = bigrams(wording);
  if (asked.size === 0 || index.facts.length === 0) return [];
  const named = findParkMentions(question).filter((mention) => !mention.generic).map((mention) => mention.name);
  // 规上工业企业中超亿元企业有几家: what follows 「…企业中」 is what is asked; the set before it only narrows.
  const part = /(?:企业|项目|园区|开发区|产业|行业)中(?!心|小|国|部|西|东)/.exec(wording);
  const focus = part ? bigrams(wording.slice(part.index + part[0].length)) : new Set<string>();
  const count = index.facts.length;
  // A bigram no fact is stated with (纳税企业 → 税企) cannot tell facts apart: it weighs little, so a question
  // worded unlike the document still finds its figure; it still counts, so an unrelated question finds none.
  const weight = (gram: string) => (focus.has(gram) ? 2 : 1) * (index.frequency.has(gram) ? Math.log(1 + (count + 1) / (1 + index.frequency.get(gram)!)) : 0.6);
  const wantsGrowth = GROWTH_ASK.test(question);
  return index.facts
    .map((fact, at) => {
      const match = coverage(asked, weight, index.own[at], index.after[at]);
      // An imported statistic has no sentence: its own words stand for one.
      const context = fact.origin === "stats" ? match : coverage(asked, weight, index.sentences[at]);
      let score = match + 0.35 * context + periodFit(fact, query) + statusFit(fact, question) + unitFit(fact, question);
      // The vocabulary is a boost when it reads the question as one indicator (纳税企业 is no 税金 question).
      if (query.indicators.length === 1 && query.indicators[0] === fact.indicatorKey && index.trusted[at]) score += fact.origin === "stats" ? 0.5 : 0.25;
      if (wantsGrowth && fact.yoyPct !== null) score += 0.1;
      // A flow (新增23家) answers a question about additions, a stock (总数318家) one about the total.
      if (FLOW.test(`${contextBefore(fact.context)} ${fact.scope} ${fact.origin === "stats" ? fact.label : ""}`) !== FLOW.test(question)) score -= 0.3;
      if (query.scope && fact.scope.includes(query.scope)) score += 0.2;
      score -= subjectPenalty(index.subjects[at], question);
      // A part of the park (其中…企业, 投资亿元以上项目) answers only a question that names that part.
      if (isSubScope(fact.scope) && statesScope(fact) && !scopeNamed(fact.scope, question)) score -= 0.3;
      // 北岭县生态工业集中区实现工业总产值多少: a sub-park the question names is found in the sentence.
      if (named.some((name) => fact.quote.includes(name))) score += 0.3;
      // A document figure for a slot an imported statistic fills yields to the statistic.
      if (fact.origin === "text" && !fact.indicatorKey.startsWith("label:") && !isSubScope(fact.scope) && index.statsSlots.has(slotKey(fact))) score -= 0.5;
      return { fact, score, match: Math.max(match, context * 0.8) };
    })
    // Equal scores: statistics first, then the figure the document states first (headline figures lead).
    .sort((a, b) => b.score - a.score || Number(b.fact.origin === "stats") - Number(a.fact.origin === "stats") ||
      (a.fact.spanStart ?? 0) - (b.fact.spanStart ?? 0));
}
