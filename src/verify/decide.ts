/**
 * The verdict on one claim against the facts of one park, by the claim's role: values are compared
 * with stored values, rates and changes with stored or computed ones (`derived.ts`).
 *
 * A value is judged by the nearest facts that exist, in this order:
 * 1. its exact slot (indicator, period, status, 口径): verified or mismatch (`judgeStored`);
 * 2. open-vocabulary facts of the exact slot with an alike label: the same value verifies, a clearly
 *    same-label fact with another value is a mismatch;
 * 3. the slots its sentence leaves open (another sub-period or status of its year, undated facts): only
 *    a match counts, since another period's figure may differ rightly;
 * 4. computed values (新增 from two stocks, totals from their parts); else unsupported.
 */
import { contextBefore } from "../facts/fact-context.ts";
import { indicatorByKey } from "../domain/indicators.ts";
import type { Fact } from "../domain/fact-types.ts";
import { isUndated, type FactIndex } from "./candidates.ts";
import { checkAnnualAverage, checkCompletion, checkDifference, checkGrowth, checkIncrement, checkRankChange, checkShare, checkSum, growthInOpenSlots } from "./derived.ts";
import type { ClaimCandidate } from "./find-claims.ts";
import { judgeStored, statedValue, type Decision, type StoredReading } from "./judge-stored.ts";
import { SAME_LABEL, SIMILAR } from "./label-match.ts";
import { matchesStated, periodText, preferred, tidy, unitsCompatible } from "./match-figure.ts";

const unsupported = (reason: string): Decision => ({ status: "unsupported", factIds: [], reason });

/** The verdict on a claim against one park's facts. */
export function decide(claim: ClaimCandidate, index: FactIndex): Decision {
  if (claim.role === "cagr" && !claim.span) return unsupported("无法确定年均增速的起止年份：请写明如“2021—2024年年均增长”");
  if (!claim.period) {
    if (claim.role === "value") return checkUndated(claim, index);
    const noYear = "无法确定年份：请在文中写明年份或在请求中提供 year";
    return (claim.role === "yoy" ? growthInOpenSlots(claim, index) : null) ?? unsupported(noYear);
  }
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

/** How stored values are read for a value claim. */
function valueReading(claim: ClaimCandidate): StoredReading {
  const stated = claim.stated;
  return {
    matches: (fact) => unitsCompatible(stated.baseUnit, fact.baseUnit) && matchesStated(stated, fact.valueBase),
    figure: statedValue,
    expected: (fact) => ({ value: tidy(fact.value), unit: fact.unit }),
    describe,
    noun: "数据库记录",
  };
}

/** Verdict against facts of one slot, preferring those in the claim's unit. */
function judgeValues(claim: ClaimCandidate, facts: Fact[]): Decision | null {
  const comparable = facts.filter((fact) => unitsCompatible(claim.stated.baseUnit, fact.baseUnit));
  return judgeStored(comparable.length ? comparable : facts, valueReading(claim));
}

/**
 * Step 0: the text restates a stored figure in the words the document stated it with (same clause before the
 * figure, the same value at the stated precision): verified as that document figure, whatever 口径 or period
 * the extractor gave it. Only ever verifies; a different value falls through to the slots below.
 */
function asStatedInSource(claim: ClaimCandidate, index: FactIndex): Decision | null {
  const clause = claim.clause.replace(/\s+/g, "");
  // Only for a quantity in a sentence that leaves its year to the request (a quoted line of a document).
  if (clause.length < 3 || claim.yearStated || claim.kind !== "quantity") return null;
  const stated = index.facts.filter((fact) => fact.origin === "text" && contextBefore(fact.context).replace(/\s+/g, "") === clause &&
    // The same year (last year's figure under this year's words is the usual error), and the claim's own 口径.
    claim.period !== undefined && fact.year === Number(claim.period.slice(0, 4)) &&
    (claim.scope === fact.scope || !/^其中|以上|以下/.test(claim.scope)) &&
    unitsCompatible(claim.stated.baseUnit, fact.baseUnit) && matchesStated(claim.stated, fact.valueBase));
  if (stated.length === 0) return null;
  return { status: "verified", factIds: stated.map((fact) => fact.id), reason: `与原文一致：${describe(stated[0])}` };
}

function checkValue(claim: ClaimCandidate, index: FactIndex, what: string): Decision {
  const quoted = asStatedInSource(claim, index);
  if (quoted) return quoted;
  const decision = judgeValues(claim, preferred(index.candidates(claim, claim.indicatorKey)));
  if (decision) return decision.status === "mismatch" ? { ...decision, reason: `${decision.reason}${otherPeriodHint(claim, index)}` } : decision;
  const alike = bySimilarLabel(claim, index);
  if (alike) return alike;
  const open = inOpenSlots(claim, index);
  if (open.decision) return open.decision;
  const computed = checkIncrement(claim, index) ?? checkSum(claim, index);
  if (computed) return computed;
  return unsupported(`数据库中没有${what}（口径：${claim.scope}）的数据${open.note || otherPeriodHint(claim, index)}`);
}

/** Step 2: open-vocabulary facts of the exact slot named alike. */
function bySimilarLabel(claim: ClaimCandidate, index: FactIndex): Decision | null {
  const similar = index.similarLabel(claim, SIMILAR);
  const reading = valueReading(claim);
  const hit = similar.find(({ fact }) => reading.matches(fact));
  if (hit) return { status: "verified", factIds: [hit.fact.id], reason: `与数据库中名称相近的记录一致（${describe(hit.fact)}）` };
  const same = similar.filter(({ similarity }) => similarity >= SAME_LABEL).map(({ fact }) => fact);
  if (!same.length) return null;
  const decision = judgeStored(preferred(same), reading);
  return decision && { ...decision, reason: `${decision.reason}（名称相近的记录）` };
}

/** Step 3: a match in a slot the sentence leaves open; else a note on what those slots hold. */
function inOpenSlots(claim: ClaimCandidate, index: FactIndex): { decision?: Decision; note: string } {
  const reading = valueReading(claim);
  const slots = [
    ...index.openSlots(claim, claim.indicatorKey),
    ...index.similarLabel(claim, SIMILAR, true).map(({ fact }) => [fact]),
  ];
  for (const slot of slots) {
    const decision = judgeValues(claim, preferred(slot));
    if (decision?.status === "verified") return { decision: { ...decision, reason: `${decision.reason}（${openWhy(claim, slot[0])}）` }, note: "" };
  }
  const first = slots[0]?.[0];
  return { note: first ? `；数据库中有${describe(first)}，${openWhy(claim, first)}，不能据此判定` : "" };
}

/** Why a fact of another slot is compared: the sentence states no sub-period, status or year. */
function openWhy(claim: ClaimCandidate, fact: Fact): string {
  if (!claim.period) return "文中未写明年份";
  if (fact.period !== claim.period) return fact.year === claim.year ? "文中未写明时段" : "文中未写明年份";
  return "文中未写明是实际数还是目标数";
}

/** A value claim whose text and request give no year: any period's fact of the same item may support it. */
function checkUndated(claim: ClaimCandidate, index: FactIndex): Decision {
  const open = inOpenSlots(claim, index);
  return open.decision ?? unsupported(`无法确定年份：请在文中写明年份或在请求中提供 year${open.note}`);
}

/** A fact for reasons: 2020年工业总产值202亿元，口径：其中电子信息产业. */
export function describe(fact: Fact): string {
  const scope = fact.scope && fact.scope !== "园区" ? `，口径：${fact.scope}` : "";
  const label = !fact.label || fact.label === fact.indicatorKey ? indicatorByKey(fact.indicatorKey)?.label ?? fact.label : fact.label;
  const status = fact.status === "plan" ? "目标" : fact.status === "forecast" ? "预计" : "";
  const when = fact.period.startsWith("0000") ? "" : periodText(fact.period);
  return `${when}${status}${label}${tidy(fact.value)}${fact.unit}${scope}`;
}

/** 该数值与2019年数据一致: the usual cause of a mismatch is last year's figure under this year's heading. */
function otherPeriodHint(claim: ClaimCandidate, index: FactIndex): string {
  const other = index
    .ofKey(claim.indicatorKey)
    .find((fact) => fact.period !== claim.period && !isUndated(fact) && unitsCompatible(claim.stated.baseUnit, fact.baseUnit) && matchesStated(claim.stated, fact.valueBase));
  if (!other) return "";
  const sameYear = other.year === claim.year;
  return `；该数值与${periodText(other.period)}的数据一致，${sameYear ? "时段可能未写明或写错" : "年份可能写错"}`;
}
