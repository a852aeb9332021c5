import { findFacts } from "../db/facts-repo.ts";
import { listedParks } from "../domain/park-names.ts";
import type { Deps } from "../deps.ts";
import type { Fact } from "../domain/fact-types.ts";
import { answerRanked } from "./answer-ranked.ts";
import { composeMissingNote, composeRefusal } from "./compose-refusal.ts";
import { composeCompare, composeRank, composeTrend } from "./compose-series.ts";
import { composeShare } from "./compose-share.ts";
import { composeGrowth, composePlanVsActual, composeValues } from "./compose-values.ts";
import { type Composition, type FigureContext, periodLabel } from "./figure-context.ts";
import { yearsWith } from "./select-facts.ts";
import type { AnswerQuery } from "./types.ts";
import type { Vocabulary } from "./vocabulary.ts";

/** A figure answer composed by code, or a refusal when nothing asked is on record. */
export interface FigureAnswer {
  text: string;
  mode: "figure" | "refusal";
  facts: Fact[];
  /** The query as answered (years and parks settled), stored with the turn. */
  query: AnswerQuery;
}

const COMPOSERS: Record<Exclude<AnswerQuery["intent"], "open">, (context: FigureContext) => Composition> = {
  value: composeValues,
  trend: composeTrend,
  compare: composeCompare,
  growth: composeGrowth,
  share: composeShare,
  rank: composeRank,
  plan_vs_actual: composePlanVsActual,
};

/**
 * Answer a figure question from the facts table: fetch every fact of the parks and indicators asked,
 * choose the authoritative one per slot, and compose formal sentences from templates. No model is involved.
 * @example await answerFigure(deps, query, vocabulary) // { text: "江屿经济开发区2022年工业总产值为352.9亿元，同比增长8.1%。", mode: "figure", … }
 */
export async function answerFigure(deps: Deps, query: AnswerQuery, vocabulary: Vocabulary): Promise<FigureAnswer> {
  if (query.unknownPark) {
    const listed = listedParks(vocabulary.parks);
    const known = listed.length ? `数据库中现有的园区为：${listed.join("、")}。` : "数据库中还没有任何园区的数据。";
    return { text: `数据库中没有${query.unknownPark}的数据，无法回答。${known}`, mode: "refusal", facts: [], query };
  }
  const parks = query.parks.length ? query.parks : vocabulary.parks;
  const intent = query.intent === "open" ? "value" : query.intent;
  const facts = query.indicators.length && parks.length
    ? await findFacts(deps.db, { parks, indicatorKeys: [...query.indicators, ...query.indicators.map((key) => `share:${key}`)] })
    : [];
  const yearsOfIndicator = (park: string, key: string) => yearsWith(facts, park, key, query.status, query.periodSuffix);
  const yearsOfWholeYear = (park: string, key: string) => yearsWith(facts, park, key, query.status);
  if (query.indicators.length === 0 || parks.length === 0 || facts.length === 0) {
    return { text: composeRefusal(query, vocabulary, [], yearsOfIndicator, periodLabel(query.periodSuffix), yearsOfWholeYear), mode: "refusal", facts: [], query };
  }
  const context: FigureContext = { query: { ...query, intent }, parks, facts };
  const composition = COMPOSERS[intent](context);
  const answered = { ...query, intent, years: composition.years.length ? composition.years : query.years };
  if (composition.sentences.length === 0) {
    const missing = composition.missing.length ? composition.missing : [];
    return { text: composeRefusal(answered, vocabulary, missing, yearsOfIndicator, periodLabel(query.periodSuffix), yearsOfWholeYear), mode: "refusal", facts: [], query: answered };
  }
  // Parks the user did not name are not reported as gaps; named ones are.
  const reportable = query.parks.length && !query.allParks ? composition.missing : [];
  const note = composeMissingNote(reportable, composition.used, periodLabel(query.periodSuffix));
  return { text: composition.sentences.join("") + note, mode: "figure", facts: composition.used, query: answered };
}

/** Whether a query is answered from facts by code (an open question naming an unknown park is refused there too). */
export function isFigureQuery(query: AnswerQuery): boolean {
  return query.intent !== "open" || query.unknownPark !== undefined;
}

/**
 * The figure step of every figure question: the best-ranked fact of the park first (`answerRanked`), else the
 * vocabulary path and its refusals.
 */
export async function answerFromFacts(deps: Deps, query: AnswerQuery, question: string, vocabulary: Vocabulary): Promise<FigureAnswer> {
  return (await answerRanked(deps, query, question)) ?? (await answerFigure(deps, query, vocabulary));
}
