/**
 * Figure questions about one park and one period, answered by ranking the park's facts against the
 * question's wording (`rank-facts.ts`) instead of requiring the indicator vocabulary to know the label.
 * When no single figure fits well, the sentence that fits best is quoted with its figures as the facts.
 */
import { findFacts } from "../db/facts-repo.ts";
import type { Deps } from "../deps.ts";
import { periodText, periodYear } from "../domain/periods.ts";
import { contextBefore } from "../facts/fact-context.ts";
import { indicatorByKey, isDefiningScope } from "../domain/indicators.ts";
import type { Fact } from "../domain/fact-types.ts";
import type { FigureAnswer } from "./answer-figure.ts";
import { describeStatedYoy, formatFact, isWholeParkScope } from "./format-figure.ts";
import type { SqlClient } from "../db/sql-client.ts";
import { bigrams, type FactIndex, GROWTH_ASK, indexFacts, questionWording, rankFacts } from "./rank-facts.ts";
import type { AnswerQuery } from "./types.ts";

/** A fact is the answer when its own words cover this much of the question's wording … */
const FACT_MATCH = 0.3;
/** … and its total score (wording, period, status, unit) reaches this. */
const FACT_SCORE = 0.6;
/** A sentence is quoted when its words cover this much of the question's wording. */
const SENTENCE_MATCH = 0.55;
const MAX_FACTS = 20_000;

/** Whether a query is one this path answers: one park, at most one year and one indicator, a value asked. */
export function rankable(query: AnswerQuery): boolean {
  if (query.parks.length !== 1 || query.allParks || query.years.length > 1) return false;
  // 工业总产值和税收分别是多少: several indicators joined are answered together by the vocabulary path.
  if (query.indicators.length > 1 && /[和及与、]|分别|各是|各为/.test(query.topic)) return false;
  if (query.recent || query.average || query.unknownPark) return false;
  if (query.intent === "value" || query.intent === "growth") return !query.order;
  // 计划规模企业达到多少家 asks for the target itself; 上升到第几位 for one rank.
  if (query.intent === "plan_vs_actual") return VALUE_ASK.test(query.topic) && !PROGRESS_ASK.test(query.topic);
  if (query.intent === "rank") return /第几|几位|多少位|几名/.test(query.topic) && !/哪个|哪家|哪一/.test(query.topic);
  return false;
}

const VALUE_ASK = /多少|几[家个项人件户位名]/;
const PROGRESS_ASK = /完成情况|完成率|完成了?吗|是否|实际|达标/;

/**
 * The parts of a question that each ask for a figure of their own: 规模以上企业多少家，当年新增几家 → two;
 * 营业收入多少，同比增长多少 → one (the growth belongs to the value).
 */
export function questionParts(question: string): string[] {
  const pieces = question.split(/[，,；;]/).map((piece) => piece.trim()).filter(Boolean);
  const parts: string[] = [];
  for (const piece of pieces) {
    const asks = VALUE_ASK.test(piece);
    const ownWords = questionWording(piece).replace(/\s+/g, "").length >= 2;
    if (parts.length && (!asks || !ownWords)) parts[parts.length - 1] += `，${piece}`;
    else parts.push(piece);
  }
  return parts.length > 1 && parts.every((part) => VALUE_ASK.test(part)) ? parts : [question];
}

const LEADING = /^(?:其中|全年|当年|今年|本年|累计|共计|合计|共|实现了?|完成了?|达到|达|为|有|现有|拥有|区内|园区|开发区|目前|截至目前|截止目前|预计|计划|力争|争取|确保)+/;
const TRAILING = /(?:分别|实现了?|完成了?|达到了?|达|为|共|有|累计|总计|合计|的|了|是)+$/;

/** The indicator as the document words it: 全年实现营业收入 → 营业收入; the vocabulary's label for known keys. */
export function displayLabel(fact: Fact): string {
  const known = indicatorByKey(fact.indicatorKey);
  const context = contextBefore(fact.context).replace(/[\d.]+[^\u4e00-\u9fa5]*$/, "").replace(LEADING, "").replace(TRAILING, "");
  if (context.length >= 2 && context.length <= 24) return context;
  if (known && !fact.label.startsWith("label:")) return fact.label || known.label;
  return fact.label.replace(/^label:/, "");
}

function statusWord(fact: Fact): string {
  return fact.status === "plan" ? "目标" : fact.status === "forecast" ? "预计" : "";
}

/** 「P-01 2021年营业收入为86.33亿元，同比增长22%。」 */
function sentenceFor(park: string, fact: Fact): string {
  const period = periodYear(fact.period) || /^0000./.test(fact.period) ? periodText(fact.period) : "";
  // A target's growth is planned (力争实现…，增长8%); an actual's is the year-on-year change stated.
  const yoy = fact.yoyPct === null ? "" : fact.status === "actual" ? `，${describeStatedYoy(fact.yoyPct)}`
    : `，${fact.yoyPct >= 0 ? "增长" : "下降"}${Math.abs(fact.yoyPct)}%`;
  const scope = !isWholeParkScope(fact.scope) && !isDefiningScope(fact.indicatorKey, fact.scope) && !displayLabel(fact).includes(fact.scope.replace(/^其中[：:]?/, "")) ? `（${fact.scope}）` : "";
  return `${park}${period}${displayLabel(fact)}${scope}${statusWord(fact)}为${formatFact(fact)}${yoy}。`;
}

/**
 * Answer from the best-ranked fact of the park, or quote the best-fitting sentence; null when neither fits
 * (the vocabulary path and its refusals take over).
 * @example await answerRanked(deps, query, "2021年营业收入多少，同比增长多少？") // { text: "P-01 2021年营业收入为86.33亿元，同比增长22%。", … }
 */
export async function answerRanked(deps: Deps, query: AnswerQuery, question: string): Promise<FigureAnswer | null> {
  if (!rankable(query)) return null;
  const park = query.parks[0];
  const index = await parkIndex(deps.db, park);
  const answered = (fact: Fact): AnswerQuery => ({
    ...query, indicators: [fact.indicatorKey],
    years: fact.year ? [fact.year] : query.years,
  });
  const parts = questionParts(question);
  if (parts.length > 1) {
    // Each part is asked on its own, with the years and period of the whole question.
    const found = parts.map((part) => rankFacts(part, query, index)[0]).filter((item) => item && item.match >= FACT_MATCH && item.score >= FACT_SCORE);
    const chosen = [...new Map(found.map((item) => [item.fact.id, item.fact])).values()];
    if (chosen.length === parts.length) {
      return { text: chosen.map((fact) => sentenceFor(park, fact)).join(""), mode: "figure", facts: chosen, query: answered(chosen[0]) };
    }
  }
  const ranked = rankFacts(question, query, index);
  const best = ranked[0];
  if (!best) return null;
  // 增长多少 of a figure with no stated growth: the vocabulary path computes it from two years' values.
  if (GROWTH_ASK.test(question) && best.fact.yoyPct === null && query.indicators.includes(best.fact.indicatorKey)) return null;
  if (best.match >= FACT_MATCH && best.score >= FACT_SCORE) {
    return { text: sentenceFor(park, best.fact), mode: "figure", facts: [best.fact], query: answered(best.fact) };
  }
  // No single figure fits: the sentence that says most of what was asked, quoted with its figures.
  const bySentence = new Map<string, RankedSentence>();
  // A sentence speaks of the year asked, or of no year at all (2019年工业总产值 is not answered by 2020's).
  const yearFits = (quote: string) => !query.years.length || query.years.some((year) => quote.includes(String(year))) || !/(?:19|20)\d{2}/.test(quote);
  for (const item of ranked) {
    if (item.score < 0 || !item.fact.quote || item.fact.origin === "stats" || !yearFits(item.fact.quote)) continue;
    const entry = bySentence.get(item.fact.quote) ?? { quote: item.fact.quote, facts: [], match: 0 };
    entry.facts.push(item.fact);
    bySentence.set(item.fact.quote, entry);
  }
  const wording = questionWording(question);
  let chosen: RankedSentence | null = null;
  for (const entry of bySentence.values()) {
    entry.match = sentenceMatch(wording, entry.quote);
    if (!chosen || entry.match > chosen.match) chosen = entry;
  }
  if (!chosen || chosen.match < SENTENCE_MATCH) return null;
  const when = chosen.facts[0].year ? periodText(chosen.facts[0].period) : "";
  return {
    text: `据${park}${when}资料记载：“${chosen.quote.replace(/[。；;，,\s]+$/, "")}”。`,
    mode: "figure",
    facts: chosen.facts.sort((a, b) => (a.spanStart ?? 0) - (b.spanStart ?? 0)),
    query: answered(chosen.facts[0]),
  };
}

const indexes = new WeakMap<SqlClient, Map<string, { version: string; index: FactIndex }>>();

/**
 * The ranking index of a park's facts, kept per database until the park's facts change (their count or
 * newest insert), so that questions do not re-read and re-tokenize every fact.
 */
async function parkIndex(db: SqlClient, park: string): Promise<FactIndex> {
  const { rows } = await db.query<{ n: number; at: string }>(
    "SELECT count(*)::int AS n, coalesce(max(created_at)::text, '') AS at FROM facts WHERE park = $1",
    [park],
  );
  const version = `${rows[0]?.n ?? 0}/${rows[0]?.at ?? ""}`;
  let byPark = indexes.get(db);
  if (!byPark) indexes.set(db, (byPark = new Map()));
  const cached = byPark.get(park);
  if (cached?.version === version) return cached.index;
  const facts = (await findFacts(db, { park, limit: MAX_FACTS })).filter((fact) => !fact.indicatorKey.startsWith("yoy:") || fact.yoyPct !== null);
  const index = indexFacts(facts);
  byPark.set(park, { version, index });
  return index;
}

interface RankedSentence {
  quote: string;
  facts: Fact[];
  match: number;
}

/** Share of the question's bigrams a sentence holds. */
function sentenceMatch(wording: string, sentence: string): number {
  const asked = bigrams(wording);
  if (asked.size === 0) return 0;
  const words = bigrams(sentence);
  let hit = 0;
  for (const gram of asked) if (words.has(gram)) hit++;
  return hit / asked.size;
}
