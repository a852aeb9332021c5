/**
 * The stored facts a claim may be compared with: same indicator, same period, compatible status,
 * scope and flow/stock reading; when several differ only by label (补助资金 of different programmes),
 * those with the claim's own label come first.
 */
import { isPlainName } from "../facts/indicators.ts";
import type { Fact } from "../facts/types.ts";
import type { ClaimCandidate } from "./find-claims.ts";
import { isIncrementFact, scopesCompatible, statusesCompatible } from "./match-figure.ts";

/** Facts fetched once per verification, indexed by indicator key. */
export class FactIndex {
  private readonly byKey = new Map<string, Fact[]>();

  constructor(facts: Fact[]) {
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
    const scope = options.scope ?? claim.scope;
    const comparable = this.ofPeriod(key, period).filter(
      (fact) =>
        statusesCompatible(claim.status, fact.status) &&
        scopesCompatible(scope, fact.scope, key) &&
        (options.anyIncrement || isIncrementFact(fact) === claim.increment),
    );
    const sameLabel = comparable.filter((fact) => labelsAlike(fact.label, claim.label));
    if (!sameLabel.length) return comparable;
    // The statistics of the indicator itself outrank documents, unless the claim names a narrower item.
    const stats = comparable.filter((fact) => fact.origin === "stats" && !sameLabel.includes(fact));
    return stats.length && isPlainName(claim.label, key) ? [...sameLabel, ...stats] : sameLabel;
  }
}


/** Labels name the same item when one contains the other (补助资金 ⊂ 企业复工复产补助资金). */
function labelsAlike(a: string, b: string): boolean {
  if (!a || !b) return false;
  return a === b || (Math.min(a.length, b.length) >= 4 && (a.includes(b) || b.includes(a)));
}
