/**
 * Open-vocabulary labels: facts outside the indicator vocabulary are stored as `label:<label>`, and a
 * claim's own label may be read differently from the stored one (计划投入 vs 万元, 新增建成区面积 vs
 * 建成区面积). Similarity is the overlap of Chinese character bigrams of the claim's label and clause
 * with the fact's label and the clause before its value in its quote.
 */
import { FLOW } from "../domain/lexicon.ts";
import { AFTER_MARK } from "../facts/fact-context.ts";
import { clauseStart } from "../facts/sentence-context.ts";
import type { Fact } from "../domain/fact-types.ts";
import type { ClaimCandidate } from "./find-claims.ts";
import { isIncrementFact } from "./match-figure.ts";

/** A claim this similar to a fact's label may be verified by it (same value). */
export const SIMILAR = 0.5;
/** A fact this similar (and of the same period and scope) is the claim's own figure: another value is a mismatch. */
export const SAME_LABEL = 0.75;

/** A label that is only a unit (亿元, 万元, 家) says nothing of what is counted. */
const UNIT_ONLY = /^[十百千万亿]*(?:元|美元|千瓦时|吨|平方米|平方公里|公里|亩|个|家|户|项|人|人次|%|百分点)?$/;
/** Words that mark a flow (a 新增 count), as in `isIncrementFact`. */
/** Verbs and fillers that carry no meaning for similarity. */
const FILLER = /实现|完成|达到|累计|共计|合计|总计|其中|同比|增长|全年|全园|园区|目前|当前|已经|分别|[的了]/g;

/** Character bigrams of the Chinese runs of a text, fillers removed. */
export function bigrams(text: string): Set<string> {
  const grams = new Set<string>();
  for (const run of text.replace(FILLER, " ").match(/[\u4e00-\u9fff]+/g) ?? []) {
    if (run.length === 1) grams.add(run);
    for (let i = 0; i + 1 < run.length; i++) grams.add(run.slice(i, i + 2));
  }
  return grams;
}

/** Dice coefficient of two bigram sets (0 when either is empty). */
export function dice(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  return (2 * shared) / (a.size + b.size);
}

const clauses = new WeakMap<Fact, string>();

/**
 * The words a fact's value is stated with: its recorded context (the clause before it, then after
 * `AFTER_MARK` the words after it), else the clause before its value in its quote (计划投入 of
 * “计划投入1.6亿元，完成…”), else "" (statistics have neither).
 */
export function factClause(fact: Fact): string {
  const cached = clauses.get(fact);
  if (cached !== undefined) return cached;
  // Extraction records the clause itself when it can (`context`); older facts have only their quote.
  let clause = fact.context ?? "";
  const quote = clause ? "" : fact.quote ?? "";
  for (const needle of [`${fact.value}${fact.unit}`, `${fact.value}`]) {
    const at = findNumber(quote, needle);
    if (at < 0) continue;
    clause = quote.slice(clauseStart(quote, at, 0), at);
    break;
  }
  clauses.set(fact, clause);
  return clause;
}

/** First occurrence of a number not inside a longer number. */
function findNumber(text: string, needle: string): number {
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    const before = text[at - 1] ?? "";
    const after = text[at + needle.length] ?? "";
    if (!/[\d.]/.test(before) && !/^\d/.test(after) && !(after === "." && /\d/.test(text[at + needle.length + 1] ?? ""))) return at;
  }
  return -1;
}

/**
 * A flow (新增…) by its label, note or scope, or by the words before its value (新增建成区面积 stored as
 * 建成区面积). Used for flow claims only: a stock claim is compared with what is not labelled a flow, as
 * claims and facts are read by the same sentence reader.
 */
export function isFlowFact(fact: Fact): boolean {
  return isIncrementFact(fact) || FLOW.test(factClause(fact).split(AFTER_MARK)[0].slice(-12));
}

const meaningful = (label: string) => (UNIT_ONLY.test(label) ? "" : label);

/** How alike a claim and a fact are named: bigram Dice of label + clause on both sides. */
export function labelSimilarity(claim: Pick<ClaimCandidate, "label" | "clause">, fact: Fact): number {
  const claimLabel = bigrams(meaningful(claim.label));
  const factLabel = bigrams(meaningful(fact.label));
  const byLabel = dice(claimLabel, factLabel);
  // Two labels that both say what is counted and share nothing name different things (竣工 vs 开工建设
  // of the same building), however alike the clauses around them are.
  if (claimLabel.size && factLabel.size && byLabel === 0) return 0;
  const claimGrams = bigrams(`${meaningful(claim.label)} ${claim.clause}`);
  const factGrams = bigrams(`${meaningful(fact.label)} ${factClause(fact)}`);
  return Math.max(byLabel, dice(claimGrams, factGrams));
}

/** Kinds of stored facts a value claim may be compared with by label: plain values, never rates or changes. */
export function isPlainValueKey(key: string): boolean {
  return key.startsWith("label:") || !key.includes(":");
}
