/**
 * The figures a draft may state: the target year's actuals, the year before (for 同比 and roll-forward),
 * and the plan targets set for the target year. Built once per draft from a FactLookup, which the
 * evaluation narrows to leave out the document being reproduced.
 */
import type { Fact, FactLookup, FactStatus } from "../facts/types.ts";

/** Scopes the genre uses interchangeably for the park's headline totals. */
const HEADLINE_SCOPE = /^(园区|全园区|开发区|全区|规上企业|规上工业企业|规模以上工业企业|规模以上企业|规上工业|规上|全部规上企业)$/;

export function isHeadlineScope(scope: string | undefined | null): boolean {
  return !scope || HEADLINE_SCOPE.test(scope.trim());
}

export function sameScope(a: string | undefined | null, b: string | undefined | null): boolean {
  if ((a ?? "") === (b ?? "")) return true;
  return isHeadlineScope(a) && isHeadlineScope(b);
}

/** A lookup that ignores facts from some documents (the evaluation's honest-draft mode). */
export function excludingDocuments(lookup: FactLookup, documentIds: readonly string[]): FactLookup {
  if (documentIds.length === 0) return lookup;
  const excluded = new Set(documentIds);
  return {
    async findFacts(filter) {
      return (await lookup.findFacts(filter)).filter((fact) => !fact.documentId || !excluded.has(fact.documentId));
    },
  };
}

export interface FactQuery {
  key: string;
  /** Whole year ("2021") unless given ("2021H1"). */
  period?: string;
  year: number;
  status?: FactStatus;
  scope?: string | null;
}

export class YearFacts {
  private constructor(
    readonly park: string,
    readonly year: number,
    private readonly facts: Fact[],
  ) {}

  /** Load the facts of `year - 1 … year + 1` for a park (actual and plan). */
  static async load(lookup: FactLookup, park: string, year: number): Promise<YearFacts> {
    const facts = await lookup.findFacts({ park, years: [year - 2, year - 1, year, year + 1] });
    return new YearFacts(park, year, facts);
  }

  /** For tests and callers that already hold facts. */
  static of(park: string, year: number, facts: Fact[]): YearFacts {
    return new YearFacts(park, year, facts);
  }

  /**
   * The authoritative fact for an indicator: same period and status, same scope preferred (headline
   * scopes count as one), imported statistics before text, then confidence (the lookup's order).
   */
  find(query: FactQuery): Fact | null {
    const period = query.period ?? String(query.year);
    const status = query.status ?? "actual";
    const candidates = this.facts.filter((fact) =>
      fact.indicatorKey === query.key && fact.period === period && fact.status === status);
    if (candidates.length === 0) return null;
    const scope = query.scope ?? "园区";
    const sorted = [...candidates].sort((a, b) => rank(a) - rank(b));
    return sorted.find((fact) => fact.scope === scope) ?? sorted.find((fact) => sameScope(fact.scope, scope)) ?? null;
  }

  actual(key: string, year = this.year, scope?: string | null): Fact | null {
    return this.find({ key, year, status: "actual", scope });
  }

  plan(key: string, year = this.year, scope?: string | null): Fact | null {
    return this.find({ key, year, status: "plan", scope });
  }

  /** Every fact held, for prompts and reports. */
  all(): readonly Fact[] {
    return this.facts;
  }
}

/** Stats first, then confidence; ties keep the lookup's order (stable sort). */
function rank(fact: Fact): number {
  // An aspiration (向80亿元冲刺, 迈上70亿元台阶) is not the year's formal target.
  const aspiration = fact.status === "plan" && /冲刺|台阶|迈进|迈上|跨越/.test(fact.quote) ? 5 : 0;
  return (fact.origin === "stats" ? 0 : 1) * 10 + aspiration + (1 - Math.min(1, Math.max(0, fact.confidence)));
}

