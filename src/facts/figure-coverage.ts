/**
 * Which figures of a text no fact holds. A figure is held as a fact's value (its span), as the growth rate
 * folded into the value it follows (同比增长22% → yoy_pct 22), or as the threshold that scopes a count
 * (1000万元以上工业项目62个). Upload reports what is left, so no figure is dropped silently.
 */
import { findFigures } from "../text/parse-number.ts";
import type { ParsedFigure } from "../domain/fact-types.ts";

/** What coverage needs of a fact. */
export interface CoveringFact {
  spanStart: number | null;
  spanEnd: number | null;
  yoyPct: number | null;
  scope: string;
}

const YOY_REACH = 40;
/** Spans longer than this are few; they are checked against every figure, the rest through a sorted window. */
const SHORT_SPAN = 200;

/**
 * The figures of `text` that none of `facts` holds, in text order. Linear in the text: facts are looked up by
 * position (sorted spans, binary search), scopes once per distinct scope.
 * @example uncoveredFigures("营业收入86.33亿元，同比增长22%", [{ spanStart: 4, spanEnd: 11, yoyPct: 22, scope: "园区" }]) // []
 */
export function uncoveredFigures(text: string, facts: CoveringFact[]): ParsedFigure[] {
  const scopes = [...new Set(facts.map((fact) => fact.scope))].filter((scope) => /\d/.test(scope));
  const placed = facts.filter((fact): fact is CoveringFact & { spanStart: number; spanEnd: number } => fact.spanStart !== null && fact.spanEnd !== null);
  const long = placed.filter((fact) => fact.spanEnd - fact.spanStart > SHORT_SPAN);
  const short = placed.filter((fact) => fact.spanEnd - fact.spanStart <= SHORT_SPAN).sort((a, b) => a.spanStart - b.spanStart);
  const firstFrom = (position: number) => {
    let low = 0;
    let high = short.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (short[middle].spanStart < position) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const holds = (fact: CoveringFact & { spanStart: number; spanEnd: number }, figure: ParsedFigure) =>
    (fact.spanStart <= figure.start && fact.spanEnd >= figure.end) ||
    (figure.unit === "%" && fact.yoyPct !== null && Math.abs(Math.abs(fact.yoyPct) - figure.value) < 1e-9 &&
      figure.start >= fact.spanEnd && figure.start - fact.spanEnd <= YOY_REACH);
  return findFigures(text).filter((figure) => {
    if (scopes.some((scope) => scope.includes(figure.text))) return false;
    // A short span that holds the figure, or ends just before its rate, starts at most SHORT_SPAN + YOY_REACH before it.
    for (let i = firstFrom(figure.start - SHORT_SPAN - YOY_REACH); i < short.length && short[i].spanStart <= figure.start; i++) {
      if (holds(short[i], figure)) return false;
    }
    return !long.some((fact) => holds(fact, figure));
  });
}
