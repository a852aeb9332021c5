/**
 * The figures a draft may state: the target year's actuals, the year before (for 同比 and roll-forward),
 * and the plan targets set for the target year. Built once per draft from a FactLookup, which the
 * evaluation narrows to leave out the document being reproduced.
 */
import type { Fact, FactLookup, FactStatus } from "../domain/fact-types.ts";

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

/** Words that mark a plan figure as an aspiration (向80亿元冲刺) rather than the year's formal target. */
const ASPIRATION = /冲刺|台阶|迈进|迈上|跨越/;

/**
 * A lookup whose facts from some documents keep their numbers but lose their wording: the `quote` (the
 * sentence the fact was read from) is blanked, keeping at most the one aspiration word ranking needs.
 * The evaluation's "from the facts" mode hides the real summary's text this way, so that no sentence of
 * it can reach a draft, while its extracted figures stay on record.
 */
export function hidingTextOf(lookup: FactLookup, documentIds: readonly string[]): FactLookup {
  if (documentIds.length === 0) return lookup;
  const hidden = new Set(documentIds);
  return {
    async findFacts(filter) {
      return (await lookup.findFacts(filter)).map((fact) => (fact.documentId && hidden.has(fact.documentId)
        ? { ...fact, quote: ASPIRATION.exec(fact.quote)?.[0] ?? "", note: null }
        : fact));
    },
  };
}

/**
 * 口径 without the wording that varies between statistics and text: 其中、counts (其中14家有色金属加工企业 and
 * 其中：有色金属加工企业 are one scope), and every headline scope as "".
 */
export function normalizedScope(scope: string | null | undefined): string {
  if (isHeadlineScope(scope)) return "";
  return (scope ?? "").trim().replace(/^其中[：:，,]?/, "").replace(/^\d+(家|个|户)/, "").trim();
}

/**
 * One fact per figure: facts of the same indicator, period, status, normalized 口径 and value are one
 * figure (statistics preferred, then confidence); where statistics hold the indicator for a 口径, a text
 * figure of that 口径 with another value is a misreading or a conflict, and the statistics win.
 */
export function dedupeFacts(facts: readonly Fact[]): Fact[] {
  const sorted = [...facts].sort((a, b) => rank(a) - rank(b));
  const kept: Fact[] = [];
  const stats = sorted.filter((fact) => fact.origin === "stats");
  const statKeys = new Set(stats.map(groupKey));
  for (const fact of sorted) {
    if (fact.origin !== "stats" && statKeys.has(groupKey(fact)) && !kept.some((other) => sameFigure(other, fact))) {
      // A text figure the statistics contradict (or a misread one): not stated.
      continue;
    }
    if (fact.origin !== "stats" && normalizedScope(fact.scope) === ""
      && stats.some((stat) => stat.indicatorKey === fact.indicatorKey && stat.period === fact.period && stat.status === fact.status)
      && !stats.some((stat) => sameFigure({ ...stat, scope: fact.scope }, fact))) {
      // A park-wide text figure of an indicator the statistics hold under another 口径, with another value:
      // the statistics are the park's figure of record.
      continue;
    }
    if (fact.origin !== "stats" && !fact.indicatorKey.includes(":")
      && sorted.some((other) => other !== fact && groupKey(other) === groupKey(fact) && !sameFigure(other, fact))) {
      // Two different values of one indicator and 口径 from text (已入驻企业14家, 接入重点企业2300个): their
      // labels tell them apart, the indicator does not, so neither can be checked. Not stated.
      continue;
    }
    if (kept.some((other) => sameFigure(other, fact))) continue;
    kept.push(fact);
  }
  return kept;
}

function groupKey(fact: Fact): string {
  return `${fact.indicatorKey}|${fact.period}|${fact.status}|${normalizedScope(fact.scope)}`;
}

function sameFigure(a: Fact, b: Fact): boolean {
  if (groupKey(a) !== groupKey(b) || a.baseUnit !== b.baseUnit) return false;
  // Same value at the coarser stated precision (1.05亿元 is 10500万元).
  const step = Math.max(precisionOf(a), precisionOf(b));
  return Math.abs(a.valueBase - b.valueBase) <= step / 2 + 1e-9 * Math.max(1, Math.abs(a.valueBase));
}

function precisionOf(fact: Fact): number {
  const scale = fact.value === 0 ? 1 : Math.abs(fact.valueBase / fact.value);
  return 10 ** -fact.decimals * scale;
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

  /** The facts of a period as distinct figures (see dedupeFacts). */
  distinct(period: string, status: FactStatus = "actual"): Fact[] {
    return dedupeFacts(this.facts.filter((fact) => fact.period === period && fact.status === status));
  }
}

/** Stats first, then confidence; ties keep the lookup's order (stable sort). */
function rank(fact: Fact): number {
  // An aspiration (向80亿元冲刺, 迈上70亿元台阶) is not the year's formal target.
  const aspiration = fact.status === "plan" && ASPIRATION.test(fact.quote) ? 5 : 0;
  return (fact.origin === "stats" ? 0 : 1) * 10 + aspiration + (1 - Math.min(1, Math.max(0, fact.confidence)));
}

