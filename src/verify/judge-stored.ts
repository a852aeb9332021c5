/**
 * The verdict on a claim against the stored facts of its key (same park, period, indicator, 口径,
 * status), by authority:
 *
 * 1. Imported statistics outrank documents. When a stats fact exists, the claim is checked against
 *    the statistics only: a match is verified (fact ids: the stats fact, then the documents that agree),
 *    a difference is a mismatch with the statistic as `expected` — even when a document states the
 *    claimed figure (the reason then names that document as conflicting with the statistics).
 * 2. Without statistics, documents are the record. A claim no document supports is a mismatch. When
 *    documents disagree with each other (neither figure matches the other at its own stated
 *    precision), each document gets one vote: the claim is a mismatch when more documents contradict
 *    it than support it (`expected` = the figure most of them state), else verified with a reason that
 *    lists the conflicting figures, so a reader sees the conflict instead of a silent pass. A document
 *    that states both figures counts for the claim only.
 */
import type { ClaimStatus, Fact } from "../domain/fact-types.ts";
import { matchesStated, type StatedFigure } from "./match-figure.ts";

/** The verdict on one claim. */
export interface Decision {
  status: ClaimStatus;
  expected?: { value: number; unit: string };
  factIds: string[];
  reason: string;
}

/** How to read the stored facts of one kind of claim (values, yoy rates, shares …). */
export interface StoredReading {
  /** Whether the fact supports the claim at the claim's stated precision. */
  matches: (fact: Fact) => boolean;
  /** The fact's own figure, as stated, and its exact stored value: to tell whether two facts conflict. */
  figure: (fact: Fact) => { stated: StatedFigure; value: number };
  /** What `expected` shows for a fact. */
  expected: (fact: Fact) => { value: number; unit: string };
  /** The fact for a reason text: 2020年工业总产值202亿元. */
  describe: (fact: Fact) => string;
  /** What the claim is (the kind of record), for reasons: "数据库记录", "数据库记录的同比增速". */
  noun: string;
}

const ids = (facts: Fact[]) => facts.map((fact) => fact.id);
const documentKey = (fact: Fact) => fact.documentId ?? fact.id;
const source = (fact: Fact) => (fact.documentTitle ? `《${fact.documentTitle}》` : "文档");

/** Two facts state different figures: neither matches the other at its own stated precision. */
function conflict(reading: StoredReading, a: Fact, b: Fact): boolean {
  const one = reading.figure(a);
  const other = reading.figure(b);
  return !matchesStated(one.stated, other.value) && !matchesStated(other.stated, one.value);
}

/** The figure most documents among `facts` state, one vote a document. */
function majority(facts: Fact[], reading: StoredReading): Fact {
  let best = facts[0];
  let bestVotes = 0;
  for (const fact of facts) {
    const votes = new Set(facts.filter((other) => !conflict(reading, fact, other)).map(documentKey)).size;
    if (votes > bestVotes) [best, bestVotes] = [fact, votes];
  }
  return best;
}

/**
 * Verdict on a claim against `facts` (already filtered to the claim's key and ordered by preference),
 * or null when there are none.
 */
export function judgeStored(facts: Fact[], reading: StoredReading): Decision | null {
  if (!facts.length) return null;
  const stats = facts.filter((fact) => fact.origin === "stats");
  const documents = facts.filter((fact) => fact.origin !== "stats");
  const agreeing = documents.filter(reading.matches);
  if (stats.length) {
    const hits = stats.filter(reading.matches);
    if (hits.length) {
      return { status: "verified", factIds: ids([...hits, ...agreeing]), reason: `与统计数据一致（${reading.describe(hits[0])}）` };
    }
    const best = stats[0];
    const conflicting = agreeing.length
      ? `；${[...new Set(agreeing.map(source))].join("、")}写的数字与统计数据不符，以统计数据为准`
      : "";
    return {
      status: "mismatch", expected: reading.expected(best), factIds: ids([best, ...agreeing]),
      reason: `统计数据为${reading.describe(best)}${conflicting}`,
    };
  }
  if (!agreeing.length) {
    const best = majority(documents, reading);
    return { status: "mismatch", expected: reading.expected(best), factIds: [best.id], reason: `${reading.noun}为${reading.describe(best)}` };
  }
  const supporting = new Set(agreeing.map(documentKey));
  const contradicting = documents.filter(
    (fact) => !supporting.has(documentKey(fact)) && !reading.matches(fact) && agreeing.every((hit) => conflict(reading, fact, hit)),
  );
  if (!contradicting.length) {
    return { status: "verified", factIds: ids(agreeing), reason: `与${reading.noun}一致（${reading.describe(agreeing[0])}）` };
  }
  const against = new Set(contradicting.map(documentKey));
  const others = [...new Set(contradicting.map((fact) => `${source(fact)}记为${reading.describe(fact)}`))].join("；");
  if (against.size > supporting.size) {
    const best = majority(contradicting, reading);
    return {
      status: "mismatch", expected: reading.expected(best), factIds: ids([best, ...agreeing]),
      reason: `文档之间不一致，多数文档（${against.size}篇）与本数字不符：${others}；与本数字一致的只有${[...new Set(agreeing.map(source))].join("、")}`,
    };
  }
  return {
    status: "verified", factIds: ids(agreeing),
    reason: `与${source(agreeing[0])}一致（${reading.describe(agreeing[0])}），但文档之间不一致：${others}；数据库中没有统计数据，请核对`,
  };
}

/** A stored value as its document states it (for conflicts between documents). */
export function statedValue(fact: Fact): { stated: StatedFigure; value: number } {
  const scale = fact.value !== 0 ? fact.valueBase / fact.value : 1;
  return {
    stated: { value: fact.value, decimals: fact.decimals, scale, baseUnit: fact.baseUnit, qualifier: fact.qualifier },
    value: fact.valueBase,
  };
}

/** A stored rate (percent) stated with the digits it has. */
export function statedRate(rate: number): { stated: StatedFigure; value: number } {
  const decimals = (String(rate).split(".")[1] ?? "").length;
  return { stated: { value: rate, decimals, scale: 1, baseUnit: "%", qualifier: "exact" }, value: rate };
}
