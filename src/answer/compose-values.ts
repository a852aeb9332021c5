import {
  type Composition, defaultYears, emptyComposition, type FigureContext, labelFor, slotOf, subject, take, yearLabel,
} from "./figure-context.ts";
import { pairHead, takePair } from "./compose-series.ts";
import { annualGrowthPercent, formatFixed, roundedPercent, sharePercent } from "../domain/figure-math.ts";
import { comparableScopes, describeChange, describeStatedYoy, formatDifference, formatFact, growthPct, indicatorLabel, isRankFact } from "./format-figure.ts";
import { chooseFact, statedYoy } from "./select-facts.ts";

/**
 * One value or several: every park × year × indicator asked, one clause each, with the stated yoy.
 * Targets (status plan) read 目标为….
 * @example "江屿经济开发区2022年工业总产值为352.9亿元，同比增长8.1%。"
 */
export function composeValues(context: FigureContext): Composition {
  const composition = emptyComposition();
  const { query } = context;
  const plan = query.status === "plan";
  for (const park of context.parks) {
    // Without a year, each park is answered for its own latest year on record.
    const years = defaultYears(context, [park]);
    composition.years = [...new Set([...composition.years, ...years])];
    for (const year of years) {
      const clauses: string[] = [];
      for (const key of query.indicators) {
        const fact = take(context, composition, slotOf(context, park, year, key));
        if (!fact) continue;
        const label = labelFor(context, key, fact);
        const value = formatFact(fact);
        if (plan) {
          // A target often comes with its planned growth (力争实现…435亿元，增长8%).
          const growth = fact.yoyPct === null ? "" : `，${fact.yoyPct >= 0 ? "增长" : "下降"}${Math.abs(fact.yoyPct)}%`;
          clauses.push(`${label}目标为${value}${growth}`);
          continue;
        }
        const yoy = isRankFact(fact) ? null : statedYoy(context.facts, fact);
        clauses.push(`${label}为${value}${yoy !== null ? `，${describeStatedYoy(yoy)}` : ""}`);
      }
      if (clauses.length === 1) composition.sentences.push(`${park}${yearLabel(year, query.periodSuffix)}${clauses[0]}。`);
      else if (clauses.length > 1) {
        composition.sentences.push(`${park}${yearLabel(year, query.periodSuffix)}${plan ? "主要目标" : "主要指标"}如下：${clauses.join("；")}。`);
      }
    }
  }
  return composition;
}

/**
 * A plan target against the actual of the same year: target, actual, completion rate (actual ÷ target,
 * one decimal) and the gap.
 * @example "江屿经济开发区2022年工业总产值目标为355亿元，实际完成352.9亿元，完成目标的99.4%。"
 */
export function composePlanVsActual(context: FigureContext): Composition {
  const composition = emptyComposition();
  const planContext: FigureContext = { ...context, query: { ...context.query, status: "plan" } };
  const years = context.query.years.length ? context.query.years : defaultYears(planContext);
  composition.years = years;
  for (const park of context.parks) {
    for (const year of years) {
      for (const key of context.query.indicators) {
        const target = take(context, composition, slotOf(context, park, year, key, { status: "plan" }));
        const actual = chooseFact(context.facts, slotOf(context, park, year, key, { status: "actual" }));
        if (!target) continue;
        const head = `${park}${yearLabel(year, context.query.periodSuffix)}${labelFor(context, key, target)}目标为${formatFact(target)}`;
        if (!actual) {
          composition.sentences.push(`${head}；数据库中暂无该年度实际完成数据，无法判断完成情况。`);
          continue;
        }
        composition.used.push(actual);
        if (isRankFact(actual)) {
          const better = actual.value <= target.value;
          composition.sentences.push(`${head}。${yearLabel(year, context.query.periodSuffix)}实际${labelFor(context, key, actual)}为${formatFact(actual)}，${better ? "已实现目标" : "未实现目标"}。`);
          continue;
        }
        const rate = actual.baseUnit === target.baseUnit ? roundedPercent(sharePercent(actual.valueBase, target.valueBase)) : null;
        const verdict = rate === null ? "" : rate >= 100 ? `，完成目标的${formatFixed(rate, 1)}%，超额完成` : `，完成目标的${formatFixed(rate, 1)}%，未完成目标`;
        // Target and actual in separate sentences: a sentence that says 目标 makes every figure in it a target.
        composition.sentences.push(`${head}。${yearLabel(year, context.query.periodSuffix)}实际完成${labelFor(context, key, actual)}${formatFact(actual)}${verdict}。`);
      }
    }
  }
  return composition;
}

/**
 * Growth of one year: the stated yoy when the source gives one, else computed from the previous year's
 * stored value (rounded to one decimal); the previous year's value is shown when on record.
 * @example "江屿经济开发区2022年工业总产值为352.9亿元，同比增长8.1%（2021年为326.5亿元）。"
 */
export function composeGrowth(context: FigureContext): Composition {
  const named = [...new Set(context.query.years)].sort((a, b) => a - b);
  if (named.length >= 2) return composeSpanGrowth(context, named[0], named[named.length - 1]);
  const composition = emptyComposition();
  const years = defaultYears(context);
  const target = years.length ? [Math.max(...years)] : [];
  composition.years = target;
  for (const park of context.parks) {
    for (const year of target) {
      for (const key of context.query.indicators) {
        const current = take(context, composition, slotOf(context, park, year, key));
        if (!current) continue;
        const previous = chooseFact(context.facts, { ...slotOf(context, park, year - 1, key), scope: undefined, topic: context.query.topic });
        const sameScope = previous && comparableScopes(previous, current) ? previous : null;
        const stated = statedYoy(context.facts, current);
        const head = `${subject(park, year, key, current, context.query.periodSuffix)}为${formatFact(current)}`;
        if (stated !== null) {
          if (sameScope) composition.used.push(sameScope);
          const prior = sameScope ? `（${year - 1}年${labelFor(context, key, sameScope)}为${formatFact(sameScope)}）` : "";
          composition.sentences.push(`${head}，${describeStatedYoy(stated)}${prior}。`);
          continue;
        }
        const pct = sameScope ? growthPct(sameScope, current) : null;
        const difference = sameScope ? formatDifference(sameScope, current) : null;
        if (sameScope && pct !== null) {
          composition.used.push(sameScope);
          const delta = difference ? `${difference.value >= 0 ? "增加" : "减少"}${difference.text}，` : "";
          composition.sentences.push(
            `${park}${yearLabel(year - 1, context.query.periodSuffix)}${labelFor(context, key, sameScope)}${formatFact(sameScope)}，` +
              `${yearLabel(year, context.query.periodSuffix)}${labelFor(context, key, current)}${formatFact(current)}，比上年${delta}${describeChange(pct)}（按两年数值计算）。`,
          );
        } else {
          composition.sentences.push(`${head}；资料未载明同比增速，数据库中也没有${year - 1}年的可比数据，无法计算增长率。`);
        }
      }
    }
  }
  return composition;
}

/**
 * Growth between two years of one park, computed from the two stored values: the change, the rate
 * (one decimal) and, when asked (年均), the compound annual rate. Ranks move up or down by places.
 * @example "江屿经济开发区2020年工业总产值281.7亿元，2024年工业总产值402.6亿元，2024年比2020年增加120.9亿元，累计增长42.9%。"
 */
export function composeSpanGrowth(context: FigureContext, from: number, to: number): Composition {
  const composition = emptyComposition();
  composition.years = [from, to];
  for (const park of context.parks) {
    for (const key of context.query.indicators) {
      const pair = takePair(context, composition, park, key, from, to);
      if (!pair) continue;
      const [first, last] = pair;
      const head = pairHead(context, park, key, pair, [from, to]);
      if (isRankFact(first)) {
        const moved = first.value - last.value;
        composition.sentences.push(`${head}，${to}年比${from}年${moved === 0 ? "排名不变" : `${moved > 0 ? "前移" : "后退"}${Math.abs(moved)}位`}。`);
        continue;
      }
      const pct = comparableScopes(first, last) ? growthPct(first, last) : null;
      const difference = formatDifference(first, last);
      let sentence = head;
      if (difference) sentence += `，${to}年比${from}年${difference.value >= 0 ? "增加" : "减少"}${difference.text}`;
      if (pct !== null) sentence += `，累计${describeChange(pct)}`;
      if (context.query.average && pct !== null && to > from && first.valueBase > 0 && last.valueBase > 0) {
        const annual = roundedPercent(annualGrowthPercent(first.valueBase, last.valueBase, to - from));
        if (annual !== null) sentence += `，年均${describeChange(annual)}`;
      }
      composition.sentences.push(`${sentence}。`);
    }
  }
  return composition;
}
