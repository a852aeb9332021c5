/**
 * The verifier: every figure claim of a text checked against the numeric database.
 *
 * - verified: a fact of the same park, indicator, period, status and 口径 (scope) matches at the stated
 *   precision (or, where the sentence leaves its sub-period or status open, a fact of another slot of
 *   its year; see `decide.ts`);
 * - mismatch: such facts exist but none matches (wrong value, wrong 亿/万 scale, wrong yoy, a value
 *   that belongs to another year) — `expected` carries the stored value;
 * - derived: the figure matches a value computed from facts (growth, share, difference, sum);
 * - unsupported: the database has nothing to compare with, or the park cannot be told. Never silently OK.
 *
 * The text is normalized as documents are (繁→简, full-width forms); offsets are mapped back to the
 * caller's text. Each claim is judged against its own park (`parks.ts`), never another park's fact.
 */
import { parkAliases } from "../domain/park-names.ts";
import type { Claim, Fact, FactFilter, FactLookup, Verification } from "../domain/fact-types.ts";
import { FactIndex } from "./candidates.ts";
import { decide } from "./decide.ts";
import type { Decision } from "./judge-stored.ts";
import { claimKey, findClaims, type ClaimCandidate } from "./find-claims.ts";
import { readInput, type InputText } from "./input-text.ts";
import { findParkMentions, parkOfClaim, undecidedPark, type ClaimPark, type KnownPark } from "./parks.ts";

export type { KnownPark } from "./parks.ts";

export interface VerifyInput {
  text: string;
  /** Park the text speaks of where it names none. */
  park?: string;
  /** Year for sentences that state none. */
  year?: number;
}

export interface VerifyDeps {
  facts: FactLookup;
  /**
   * Parks on record (facts and documents) with the names a text may call them by. Without it, the
   * request's park stands for every claim the text names no park for, else the parks of the facts read.
   */
  parks?: () => Promise<KnownPark[]>;
}

/**
 * Checks every figure of `text`. Reads facts with a single `findFacts` call, of the parks and years
 * its claims need.
 * @example await verifyText({ facts, parks }, { text: "2021年园区实现工业总产值326.5亿元。", park: "南湖高新区" })
 * // → { claims: [{ text: "326.5亿元", status: "verified", factIds: ["f1"] }], summary: { verified: 1, … } }
 */
export async function verifyText(deps: VerifyDeps, input: VerifyInput): Promise<Verification> {
  const source = readInput(input.text);
  const candidates = findClaims(source.text, { year: input.year });
  const summary = { verified: 0, mismatch: 0, unsupported: 0, derived: 0 };
  if (!candidates.length) return { claims: [], summary };
  const years = neededYears(candidates, input.year);

  let known = deps.parks ? await deps.parks() : input.park ? [{ park: input.park, aliases: parkAliases(input.park) }] : null;
  let facts: Fact[] = [];
  let parksOfClaims: Array<ClaimPark | null>;
  if (known) {
    parksOfClaims = resolveParks(source.text, candidates, known, input.park);
    const parks = parksOfClaims.includes(null) ? null : [...new Set(parksOfClaims.map((park) => park!.park))];
    facts = years.length ? await deps.facts.findFacts(filterFor(parks, years)) : [];
  } else {
    // No park list and no park given: the parks of the facts are the parks on record.
    facts = years.length ? await deps.facts.findFacts(filterFor(null, years)) : [];
    known = [...new Set(facts.map((fact) => fact.park))].map((park) => ({ park, aliases: parkAliases(park) }));
    parksOfClaims = resolveParks(source.text, candidates, known, input.park);
  }

  const indexes = indexByPark(facts);
  const parksOnRecord = known.map((park) => park.park);
  const claims = candidates.map((claim, i) => {
    const park = parksOfClaims[i];
    const decision = park
      ? named(decide(claim, indexes(park.park)), park, input.park)
      : undecidedPark(parksOnRecord.map((name) => ({ park: name, decision: decide(claim, indexes(name)) })), parksOnRecord);
    return toClaim(claim, decision, source, input.text);
  });
  for (const claim of claims) summary[claim.status]++;
  return { claims, summary };
}

function resolveParks(text: string, claims: ClaimCandidate[], known: KnownPark[], park: string | undefined): Array<ClaimPark | null> {
  const mentions = findParkMentions(text, known);
  const parksOnRecord = known.map((entry) => entry.park);
  return claims.map((claim) => parkOfClaim(claim, mentions, { park, parksOnRecord }));
}

/** Years the claims need (0: figures of documents that state no year). */
function neededYears(candidates: ClaimCandidate[], requestYear: number | undefined): number[] {
  const years = new Set<number>();
  for (const claim of candidates) {
    // A figure of a document that states no year is stored under year 0: it may hold a claim that states none.
    if (!claim.yearStated) years.add(0);
    // A 年均 rate needs its base year and every year it may end in.
    if (claim.span) for (let year = claim.span.start - 1; year <= (claim.span.end ?? claim.span.last); year++) years.add(year);
    if (claim.year === undefined) continue;
    // The year before feeds growth rates, 新增 counts and differences, and explains the usual wrong
    // year (last year's figure under this year's heading). Every year fetched costs time.
    years.add(claim.year - 1);
    years.add(claim.year);
    // The request's year explains a sentence that names the wrong one (2019年… with 2020's value).
    if (requestYear !== undefined) years.add(requestYear);
    // A change since a named year (比2020年前移9位) needs that year.
    if (claim.basePeriod) years.add(Number(claim.basePeriod.slice(0, 4)));
  }
  return [...years].sort((a, b) => a - b);
}

function filterFor(parks: string[] | null, years: number[]): FactFilter {
  return {
    ...(parks?.length === 1 ? { park: parks[0] } : parks ? { parks } : {}),
    years,
  };
}

/** One index per park, built when first needed. */
function indexByPark(facts: Fact[]): (park: string) => FactIndex {
  const byPark = new Map<string, Fact[]>();
  for (const fact of facts) byPark.set(fact.park, [...(byPark.get(fact.park) ?? []), fact]);
  const indexes = new Map<string, FactIndex>();
  return (park) => {
    let index = indexes.get(park);
    if (!index) indexes.set(park, (index = new FactIndex(byPark.get(park) ?? [])));
    return index;
  };
}

/** A park the text names in place of the request's is said in the reason. */
function named(decision: Decision, park: ClaimPark, requestPark: string | undefined): Decision {
  if (park.source !== "text" || park.park === requestPark) return decision;
  return { ...decision, reason: `按文中所指的${park.park}核对：${decision.reason}` };
}

function toClaim(claim: ClaimCandidate, decision: Decision, source: InputText, original: string): Claim {
  const { start, end } = source.toOriginal(claim.start, claim.end);
  return {
    text: original.slice(start, end),
    start,
    end,
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
