/**
 * Figure claims in arbitrary text (an answer, a draft, a human's paragraph): every figure with the
 * indicator, scope, period and status its sentence gives it, the request's park/year as defaults.
 * Years, dates, section numbers and ordinals are no figures (see `parse-number.ts`); thresholds
 * (投资10亿元以上的项目) only qualify a scope and are no claims either.
 */
import { analyzeFigures, type FigureMention, type FigureReading, type MentionRole } from "../facts/analyze-figures.ts";
import { readingOf } from "../facts/figure-mention.ts";
import type { StatedFigure } from "./match-figure.ts";

/** One claim to check: where it stands, what it states, and how its sentence reads it. */
export interface ClaimCandidate extends FigureReading {
  text: string;
  start: number;
  end: number;
  stated: StatedFigure;
  unit: string;
  kind: "quantity" | "percent" | "percentage_point" | "rank";
  role: Exclude<MentionRole, "threshold">;
  /** The claim whose value a yoy/share/delta/completion rate refers to (index into the returned list). */
  parent?: number;
}

/** Key under which the claim's own kind of fact is stored (share:tax, yoy:tax, cagr:tax, pp:…, delta:…). */
export function claimKey(claim: Pick<ClaimCandidate, "role" | "indicatorKey">): string {
  const prefix = { share: "share:", yoy: "yoy:", cagr: "cagr:", pp_change: "pp:", delta: "delta:", value: "", rank: "", completion: "" }[claim.role];
  return `${prefix}${claim.indicatorKey}`;
}

/**
 * Claims of a text, in order.
 * @example findClaims("2020年园区实现工业总产值202亿元，同比增长16.6%。", {})
 * // → [{ role: "value", indicatorKey: "industrial_output", period: "2020" }, { role: "yoy", parent: 0 }]
 */
export function findClaims(text: string, defaults: { year?: number }): ClaimCandidate[] {
  const mentions = analyzeFigures(text, { year: defaults.year });
  const indexOfMention = new Map<number, number>();
  const claims: ClaimCandidate[] = [];
  mentions.forEach((mention, index) => {
    if (mention.role === "threshold") return;
    indexOfMention.set(index, claims.length);
    claims.push(toClaim(mention, mention.parent === undefined ? undefined : indexOfMention.get(mention.parent)));
  });
  return claims;
}

function toClaim(mention: FigureMention, parent: number | undefined): ClaimCandidate {
  const { figure } = mention;
  return {
    text: figure.text,
    start: figure.start,
    end: figure.end,
    stated: {
      value: figure.value,
      valueHigh: figure.valueHigh,
      decimals: figure.decimals,
      scale: figure.scale,
      baseUnit: figure.baseUnit,
      qualifier: figure.qualifier,
    },
    unit: figure.unit,
    kind: figure.kind,
    role: mention.role as ClaimCandidate["role"],
    ...readingOf(mention),
    parent,
  };
}
