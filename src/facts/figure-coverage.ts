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

/**
 * The figures of `text` that none of `facts` holds, in text order.
 * @example uncoveredFigures("营业收入86.33亿元，同比增长22%", [{ spanStart: 4, spanEnd: 11, yoyPct: 22, scope: "园区" }]) // []
 */
export function uncoveredFigures(text: string, facts: CoveringFact[]): ParsedFigure[] {
  return findFigures(text).filter((figure) => !facts.some((fact) => {
    if (fact.scope.includes(figure.text)) return true;
    if (fact.spanStart === null || fact.spanEnd === null) return false;
    if (fact.spanStart <= figure.start && fact.spanEnd >= figure.end) return true;
    return figure.unit === "%" && fact.yoyPct !== null && Math.abs(Math.abs(fact.yoyPct) - figure.value) < 1e-9 &&
      figure.start >= fact.spanEnd && figure.start - fact.spanEnd <= YOY_REACH;
  }));
}
