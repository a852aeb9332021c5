/**
 * The verifier: every figure claim of a text checked against the numeric database.
 *
 * - verified: a fact of the same indicator, period, status and 口径 (scope) matches at the stated precision;
 * - mismatch: such facts exist but none matches (wrong value, wrong 亿/万 scale, wrong yoy, a value
 *   that belongs to another year) — `expected` carries the stored value;
 * - derived: the figure matches a value computed from facts (growth, share, difference, sum);
 * - unsupported: the database has nothing to compare with. Never silently OK.
 */
import type { Claim, Fact, FactLookup, Verification } from "../facts/types.ts";
import { FactIndex } from "./candidates.ts";
import { checkAnnualAverage, checkCompletion, checkDifference, checkGrowth, checkIncrement, checkRankChange, checkShare, checkSum } from "./derived.ts";
import { judgeStored, statedValue, type Decision } from "./judge-stored.ts";
import { claimKey, findClaims, type ClaimCandidate } from "./find-claims.ts";
import { indicatorByKey } from "../facts/indicators.ts";
import { matchesStated, periodText, preferred, tidy, unitsCompatible } from "./match-figure.ts";

export interface VerifyInput {
  text: string;
  /** Park the text speaks of; without it facts of every park are candidates. */
  park?: string;
  /** Year for sentences that state none. */
  year?: number;
}

/**
 * Checks every figure of `text`. Reads facts with a single `findFacts` call.
 * @example await verifyText({ facts }, { text: "2020年园区实现工业总产值202亿元。", park: "XX工业园区" })
 * // → { claims: [{ text: "202亿元", status: "verified", factIds: ["f1"] }], summary: { verified: 1, … } }
 */
export async function verifyText(deps: { facts: FactLookup }, input: VerifyInput): Promise<Verification> {
  const candidates = findClaims(input.text, { year: input.year });
  const years = new Set<number>();
  for (const claim of candidates) {
    if (claim.year !== undefined) {
      // The year before feeds growth rates, 新增 counts and differences, and explains the usual wrong
      // year (last year's figure under this year's heading). Every year fetched costs time.
      years.add(claim.year - 1);
      years.add(claim.year);
      // The request's year explains a sentence that names the wrong one (2019年… with 2020's value).
      if (input.year !== undefined) years.add(input.year);
    }
    // A change since a named year (比2020年前移9位) needs that year.
    if (claim.basePeriod) years.add(Number(claim.basePeriod.slice(0, 4)));
    // A 年均 rate needs its base year and every year it may end in.
    if (claim.span) for (let year = claim.span.start - 1; year <= (claim.span.end ?? claim.span.last); year++) years.add(year);
  }
  const facts = years.size
    ? await deps.facts.findFacts({ ...(input.park ? { park: input.park } : {}), years: [...years].sort() })
    : [];
  const index = new FactIndex(input.park ? facts.filter((fact) => fact.park === input.park) : facts);
  const claims = candidates.map((claim) => toClaim(claim, decide(claim, index)));
  const summary = { verified: 0, mismatch: 0, unsupported: 0, derived: 0 };
  for (const claim of claims) summary[claim.status]++;
  return { claims, summary };
}

function toClaim(claim: ClaimCandidate, decision: Decision): Claim {
  return {
    text: claim.text,
    start: claim.start,
    end: claim.end,
    value: claim.stated.value,
    unit: claim.unit,
    indicator: claimKey(claim),
    ...(claim.period ? { period: claim.period } : {}),
    status: decision.status,
    ...(decision.expected ? { expected: decision.expected } : {}),
    factIds: decision.factIds,
    reason: decision.reason,
  };
}

const unsupported = (reason: string): Decision => ({ status: "unsupported", factIds: [], reason });

function decide(claim: ClaimCandidate, index: FactIndex): Decision {
  if (claim.role === "cagr" && !claim.span) return unsupported("无法确定年均增速的起止年份：请写明如“2021—2024年年均增长”");
  if (!claim.period) return unsupported("无法确定年份：请在文中写明年份或在请求中提供 year");
  const what = `${periodText(claim.period)}“${claim.label}”`;
  switch (claim.role) {
    case "yoy":
      return checkGrowth(claim, index) ?? unsupported(`数据库中没有${what}的同比数据`);
    case "cagr":
      return checkAnnualAverage(claim, index) ?? unsupported(`数据库中没有可计算${what}年均增速的起止年份数据`);
    case "completion":
      return checkCompletion(claim, index) ?? unsupported(`数据库中没有可计算${what}（${claim.scope}）完成率的目标和实际数据`);
    case "share":
      return checkShare(claim, index) ?? unsupported(`数据库中没有可计算${what}占比的数据`);
    case "delta":
      if (claim.indicatorKey === "rank") return checkRankChange(claim, index) ?? unsupported(`数据库中没有可计算${what}（${claim.scope}）的两年排名`);
      return checkDifference(claim, index) ?? unsupported(`数据库中没有可计算${what}增减的数据`);
    case "pp_change":
      return checkDifference(claim, index) ?? unsupported(`数据库中没有可计算${what}增减的数据`);
    default:
      return checkValue(claim, index, what);
  }
}

function checkValue(claim: ClaimCandidate, index: FactIndex, what: string): Decision {
  const stated = { ...claim.stated };
  const facts = preferred(index.candidates(claim, claim.indicatorKey));
  const comparable = facts.filter((fact) => unitsCompatible(stated.baseUnit, fact.baseUnit));
  const decision = judgeStored(comparable.length ? comparable : facts, {
    matches: (fact) => unitsCompatible(stated.baseUnit, fact.baseUnit) && matchesStated(stated, fact.valueBase),
    figure: statedValue,
    expected: (fact) => ({ value: tidy(fact.value), unit: fact.unit }),
    describe,
    noun: "数据库记录",
  });
  if (decision) return decision.status === "mismatch" ? { ...decision, reason: `${decision.reason}${otherPeriodHint(claim, index)}` } : decision;
  const computed = checkIncrement(claim, index) ?? checkSum(claim, index);
  if (computed) return computed;
  return unsupported(`数据库中没有${what}（口径：${claim.scope}）的数据${otherPeriodHint(claim, index)}`);
}

function describe(fact: Fact): string {
  const scope = fact.scope && fact.scope !== "园区" ? `，口径：${fact.scope}` : "";
  const label = !fact.label || fact.label === fact.indicatorKey ? indicatorByKey(fact.indicatorKey)?.label ?? fact.label : fact.label;
  return `${periodText(fact.period)}${label}${tidy(fact.value)}${fact.unit}${scope}`;
}

/** 该数值与2019年数据一致: the usual cause of a mismatch is last year's figure under this year's heading. */
function otherPeriodHint(claim: ClaimCandidate, index: FactIndex): string {
  const other = index
    .ofKey(claim.indicatorKey)
    .find((fact) => fact.period !== claim.period && unitsCompatible(claim.stated.baseUnit, fact.baseUnit) && matchesStated(claim.stated, fact.valueBase));
  return other ? `；该数值与${periodText(other.period)}的数据一致，年份可能写错` : "";
}
