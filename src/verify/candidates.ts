/**
 * The stored facts a claim may be compared with: same indicator, same period, compatible status,
 * scope and flow/stock reading; when several differ only by label (补助资金 of different programmes),
 * those with the claim's own label come first.
 *
 * Beyond that exact slot: the slots the claim's sentence leaves open (`openSlots`: other sub-periods
 * and statuses of its year, undated facts when the sentence states no year) and facts under another
 * key whose label is alike (`similarLabel`, for open-vocabulary `label:<label>` facts).
 */
import { isPlainName } from "../domain/indicators.ts";
import type { Fact } from "../domain/fact-types.ts";
import type { ClaimCandidate } from "./find-claims.ts";
import { isFlowFact, isPlainValueKey, labelSimilarity } from "./label-match.ts";
import { isIncrementFact, scopesCompatible, statusesCompatible } from "./match-figure.ts";

/** A fact with how alike its label is to the claim's. */
export interface SimilarFact {
  fact: Fact;
  similarity: number;
}

/** A period that is no year of the calendar (0000: the document states none). */
export const isUndated = (fact: Pick<Fact, "year" | "period">): boolean => !fact.year || fact.period.startsWith("0000");

/** Facts fetched once per verification (of one park), indexed by indicator key. */
export class FactIndex {
  private readonly byKey = new Map<string, Fact[]>();

  constructor(readonly facts: Fact[]) {
    for (const fact of facts) {
      const list = this.byKey.get(fact.indicatorKey) ?? [];
      list.push(fact);
      this.byKey.set(fact.indicatorKey, list);
    }
  }

  /** Facts of an indicator and period, before scope and status filtering. */
  ofPeriod(key: string, period: string): Fact[] {
    return (this.byKey.get(key) ?? []).filter((fact) => fact.period === period);
  }

  /** Facts of an indicator in any period (to explain a wrong year). */
  ofKey(key: string): Fact[] {
    return this.byKey.get(key) ?? [];
  }

  /**
   * Comparable facts for a claim under `key` in `period` (default: the claim's).
   * `scope` overrides the claim's scope (the whole of a share is the park's total).
   */
  candidates(claim: ClaimCandidate, key: string, options: { period?: string; scope?: string; anyIncrement?: boolean } = {}): Fact[] {
    const period = options.period ?? claim.period;
    return this.comparable(claim, key, this.ofPeriod(key, period), options);
  }

  /**
   * Comparable facts in the slots the claim's sentence leaves open, one list per slot (period and
   * status), the nearest slot first: the claim's period with another status, then other sub-periods
   * of its year, then undated facts. Never the exact slot (`candidates` has that).
   * A claim with no year at all is open to undated facts only.
   */
  openSlots(claim: ClaimCandidate, key: string): Fact[][] {
    return groupSlots(claim, this.comparable(claim, key, this.ofKey(key).filter((fact) => inOpenSlot(claim, fact)), { sameStatus: false }));
  }

  /**
   * Plain values under other keys whose label is alike the claim's (≥ `min`), in the claim's exact
   * slot (`open`: its open slots), same base unit and compatible scope, the most alike first. A claim of
   * a vocabulary indicator is compared with open-vocabulary facts only.
   */
  similarLabel(claim: ClaimCandidate, min: number, open = false): SimilarFact[] {
    const found: SimilarFact[] = [];
    for (const [key, facts] of this.byKey) {
      if (key === claim.indicatorKey || !isPlainValueKey(key)) continue;
      if (claim.known && !key.startsWith("label:")) continue;
      const inSlot = facts.filter((fact) =>
        fact.baseUnit === claim.stated.baseUnit &&
        (open ? inOpenSlot(claim, fact) : fact.period === claim.period && statusesCompatible(claim.status, fact.status)));
      for (const fact of this.comparable(claim, key, inSlot, { sameStatus: !open, anyLabel: true })) {
        const similarity = labelSimilarity(claim, fact);
        if (similarity >= min) found.push({ fact, similarity });
      }
    }
    return found.sort((a, b) => b.similarity - a.similarity);
  }

  private comparable(
    claim: ClaimCandidate,
    key: string,
    facts: Fact[],
    options: { scope?: string; anyIncrement?: boolean; sameStatus?: boolean; anyLabel?: boolean },
  ): Fact[] {
    const scope = options.scope ?? claim.scope;
    const comparable = facts.filter(
      (fact) =>
        (options.sameStatus === false || statusesCompatible(claim.status, fact.status)) &&
        scopesCompatible(scope, fact.scope, key) &&
        (options.anyIncrement || (claim.increment ? isFlowFact(fact) : !isIncrementFact(fact))),
    );
    if (options.anyLabel) return comparable;
    const sameLabel = comparable.filter((fact) => labelsAlike(fact.label, claim.label));
    if (!sameLabel.length) return comparable;
    // The statistics of the indicator itself outrank documents, unless the claim names a narrower item.
    const stats = comparable.filter((fact) => fact.origin === "stats" && !sameLabel.includes(fact));
    return stats.length && isPlainName(claim.label, key) ? [...sameLabel, ...stats] : sameLabel;
  }
}

/** Whether a fact lies in a slot the claim leaves open (and not in its exact slot). */
export function inOpenSlot(claim: ClaimCandidate, fact: Fact): boolean {
  const samePeriod = fact.period === claim.period;
  const sameStatus = statusesCompatible(claim.status, fact.status);
  if (samePeriod && sameStatus) return false;
  if (!sameStatus && !claim.open.status) return false;
  // A text that states no year is compared with figures of documents that state none either.
  if (!claim.period) return isUndated(fact);
  if (samePeriod) return true;
  if (isUndated(fact)) return !claim.yearStated;
  // Another sub-period of the claim's year (2021M01-11 for 2021), or the whole year for a sub-period only
  // carried from an earlier sentence; never a span (2021-2024).
  const otherPart = /^\d{4}[A-Z]/.test(fact.period) || (claim.carried === true && fact.period === String(claim.year));
  return claim.open.period && fact.year === claim.year && otherPart;
}

/** Facts split by slot (period, actual or target), nearest slot first. */
function groupSlots(claim: ClaimCandidate, facts: Fact[]): Fact[][] {
  const groups = new Map<string, Fact[]>();
  for (const fact of facts) {
    const slot = `${fact.period}|${fact.status === "actual" ? "actual" : "target"}`;
    groups.set(slot, [...(groups.get(slot) ?? []), fact]);
  }
  const distance = (fact: Fact) =>
    (fact.period === claim.period ? 0 : isUndated(fact) ? 4 : 2) + (statusesCompatible(claim.status, fact.status) ? 0 : 1);
  return [...groups.values()].sort((a, b) => distance(a[0]) - distance(b[0]) || a[0].period.localeCompare(b[0].period));
}

/** Labels name the same item when one contains the other (补助资金 ⊂ 企业复工复产补助资金). */
function labelsAlike(a: string, b: string): boolean {
  if (!a || !b) return false;
  return a === b || (Math.min(a.length, b.length) >= 4 && (a.includes(b) || b.includes(a)));
}
