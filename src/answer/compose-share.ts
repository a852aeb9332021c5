import type { Fact } from "../domain/fact-types.ts";
import { type Composition, defaultYears, emptyComposition, type FigureContext, labelFor, slotOf, yearLabel } from "./figure-context.ts";
import { formatFixed, roundedPercent, sharePercent } from "../domain/figure-math.ts";
import { formatFact, indicatorLabel } from "./format-figure.ts";
import { chooseFact, topicNamesScope } from "./select-facts.ts";

function percentOf(part: Fact, whole: Fact): number | null {
  if (part.baseUnit !== whole.baseUnit) return null;
  return roundedPercent(sharePercent(part.valueBase, whole.valueBase));
}

/** A share the documents state (占…的42%): a percent fact of the sub-scope, keyed share:<indicator> or the indicator itself. */
function statedShare(context: FigureContext, park: string, year: number, key: string): Fact | null {
  const period = `${year}${context.query.periodSuffix ?? ""}`;
  return context.facts.find(
    (fact) => fact.park === park && fact.period === period && fact.status === context.query.status && fact.baseUnit === "%" &&
      (fact.indicatorKey === `share:${key}` || fact.indicatorKey === key) && topicNamesScope(context.query.topic, fact.scope),
  ) ?? null;
}

/**
 * A share: a sub-scope's part of the whole park (其中新能源汽车零部件产业产值占工业总产值的比重), or one indicator
 * against another (税金占主营业务收入的比重). A share the source states is used as stated; otherwise it is
 * computed from the two stored values, one decimal.
 * @example "江屿经济开发区2022年新能源汽车零部件产业产值为148.2亿元，占工业总产值352.9亿元的42%。"
 */
export function composeShare(context: FigureContext): Composition {
  const composition = emptyComposition();
  const { query } = context;
  const years = defaultYears(context).slice(-1);
  composition.years = years;
  const [key, otherKey] = query.indicators;
  if (!key) return composition;
  if (context.parks.length === 2 && !otherKey) return shareBetweenParks(context, key, years, composition);
  for (const park of context.parks) {
    for (const year of years) {
      const part = chooseFact(context.facts, slotOf(context, park, year, key, { scope: "sub" }));
      const whole = chooseFact(context.facts, slotOf(context, park, year, key, { scope: "whole" }));
      const stated = statedShare(context, park, year, key);
      const when = `${park}${yearLabel(year, query.periodSuffix)}`;
      if (part || stated) {
        const scoped = part ?? stated;
        const scopeName = scoped ? scoped.scope.replace(/^其中[：:，,]?/, "") : "";
        const partText = part ? `其中${labelFor(context, key, part).startsWith(scopeName) ? "" : scopeName}${labelFor(context, key, part)}${formatFact(part)}` : `其中${scopeName}${indicatorLabel(key)}`;
        const computed = part && whole ? percentOf(part, whole) : null;
        const share = stated ? formatFact(stated) : computed !== null ? `${formatFixed(computed, 1)}%` : null;
        for (const fact of [whole, part, stated]) if (fact && !composition.used.includes(fact)) composition.used.push(fact);
        const wholeText = whole ? `${labelFor(context, key, whole)}${formatFact(whole)}，` : "";
        if (share === null) {
          composition.sentences.push(`${when}${wholeText}${partText}；数据库中没有可用于计算占比的全园区${indicatorLabel(key)}数据。`);
          continue;
        }
        const basis = stated ? "" : "（按数值计算）";
        composition.sentences.push(`${when}${wholeText}${partText}，占${indicatorLabel(key)}的${share}${basis}。`);
        continue;
      }
      if (otherKey) {
        const numerator = chooseFact(context.facts, slotOf(context, park, year, key, { scope: "whole" }));
        const denominator = chooseFact(context.facts, slotOf(context, park, year, otherKey, { scope: "whole" }));
        const pct = numerator && denominator ? percentOf(numerator, denominator) : null;
        if (numerator && denominator && pct !== null) {
          composition.used.push(numerator, denominator);
          composition.sentences.push(
            `${when}${labelFor(context, key, numerator)}为${formatFact(numerator)}，${labelFor(context, otherKey, denominator)}为${formatFact(denominator)}，` +
              `前者占后者的${formatFixed(pct, 1)}%（按数值计算）。`,
          );
          continue;
        }
      }
      composition.missing.push({ park, year, key });
    }
  }
  return composition;
}

/** One park's figure as a percentage of another's (石岭规上工业总产值相当于江屿的百分之多少), in the order named. */
function shareBetweenParks(context: FigureContext, key: string, years: number[], composition: Composition): Composition {
  const [first, second] = context.parks;
  for (const year of years) {
    const a = chooseFact(context.facts, slotOf(context, first, year, key, { scope: "whole" }));
    const b = chooseFact(context.facts, slotOf(context, second, year, key, { scope: "whole" }));
    const pct = a && b ? percentOf(a, b) : null;
    if (!a || !b || pct === null) {
      if (!a) composition.missing.push({ park: first, year, key });
      if (!b) composition.missing.push({ park: second, year, key });
      continue;
    }
    composition.used.push(a, b);
    composition.sentences.push(
      `${yearLabel(year, context.query.periodSuffix)}，${first}${labelFor(context, key, a)}${formatFact(a)}，${second}${labelFor(context, key, b)}${formatFact(b)}，` +
        `前者相当于后者的${formatFixed(pct, 1)}%（按数值计算）。`,
    );
  }
  return composition;
}
