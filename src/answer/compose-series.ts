import type { Fact } from "../domain/fact-types.ts";
import {
  type Composition, defaultYears, emptyComposition, type FigureContext, labelFor, slotOf, take, yearLabel,
} from "./figure-context.ts";
import {
  comparableScopes, describeChange, describeStatedYoy, formatDifference, formatFact, formatYears, growthPct, indicatorLabel, isRankFact,
} from "./format-figure.ts";
import { chooseFact, statedYoy, yearsWith } from "./select-facts.ts";

/**
 * A trend over years: each year's value with its growth (stated, else computed from the year before in
 * the series), then the change over the whole span and its direction.
 * @example "江屿经济开发区2020—2022年工业总产值：2020年281.7亿元；2021年326.5亿元，同比增长15.9%；…"
 */
export function composeTrend(context: FigureContext): Composition {
  const composition = emptyComposition();
  const { query } = context;
  for (const park of context.parks) {
    for (const key of query.indicators) {
      const onRecord = yearsWith(context.facts, park, key, query.status, query.periodSuffix);
      // 近三年: the last three years this indicator has figures for (a plan year ahead is not one of them).
      const years = query.recent ? onRecord.slice(-query.recent) : query.years.length ? [...query.years].sort((a, b) => a - b) : onRecord;
      composition.years = years;
      const series: Fact[] = [];
      const parts: string[] = [];
      for (const year of years) {
        const fact = take(context, composition, slotOf(context, park, year, key));
        if (!fact) continue;
        const before = series[series.length - 1];
        const stated = isRankFact(fact) ? null : statedYoy(context.facts, fact);
        let change = "";
        if (stated !== null) change = `，${describeStatedYoy(stated)}`;
        else if (before && before.year === year - 1 && comparableScopes(before, fact) && !isRankFact(fact)) {
          const pct = growthPct(before, fact);
          if (pct !== null) change = `，比上年${describeChange(pct)}`;
        }
        series.push(fact);
        // Each clause names its year and indicator, as park documents do, so the verifier reads it unaided.
        parts.push(`${yearLabel(year, query.periodSuffix)}${labelFor(context, key, fact)}${isRankFact(fact) ? "为" : ""}${formatFact(fact)}${change}`);
      }
      if (series.length === 0) continue;
      let sentence = `${park}${parts.join("；")}。`;
      if (series.length >= 2) sentence += summarize(series);
      composition.sentences.push(sentence);
    }
  }
  return composition;
}

function summarize(series: Fact[]): string {
  const first = series[0];
  const last = series[series.length - 1];
  if (isRankFact(first)) {
    const moved = first.value - last.value;
    return moved > 0 ? `排名累计前移${moved}位。` : moved < 0 ? `排名累计后退${-moved}位。` : "排名保持不变。";
  }
  const rising = series.every((fact, index) => index === 0 || fact.valueBase >= series[index - 1].valueBase);
  const falling = series.every((fact, index) => index === 0 || fact.valueBase <= series[index - 1].valueBase);
  const peak = series.reduce((best, fact) => (fact.valueBase > best.valueBase ? fact : best), first);
  const direction = rising ? "呈逐年上升态势" : falling ? "呈逐年下降态势" : `有升有降，${peak.year}年最高`;
  return `${first.year}—${last.year}年总体${direction}。`;
}

/**
 * A comparison: of two or more parks in one year, or of two years of one park, with the difference and
 * the growth rate computed from the stored values.
 * @example "江屿经济开发区工业总产值2021年为326.5亿元，2022年为352.9亿元，2022年比2021年增加26.4亿元，增长8.1%。"
 */
export function composeCompare(context: FigureContext): Composition {
  if (context.parks.length >= 2) return compareParks(context);
  const composition = emptyComposition();
  const { query } = context;
  const park = context.parks[0];
  let years = [...new Set(query.years)].sort((a, b) => a - b);
  if (years.length === 1) years = [years[0] - 1, years[0]];
  if (years.length === 0) {
    const latest = defaultYears(context)[0];
    if (latest === undefined) return composition;
    years = [latest - 1, latest];
  }
  const [from, to] = [years[0], years[years.length - 1]];
  composition.years = [from, to];
  for (const key of query.indicators) {
    const pair = takePair(context, composition, park, key, from, to);
    if (!pair) continue;
    const [a, b] = pair;
    const rank = isRankFact(a);
    let sentence = pairHead(context, park, key, pair, [from, to]);
    if (rank) {
      const moved = a.value - b.value;
      sentence += moved === 0 ? "，排名不变" : `，排名${moved > 0 ? "前移" : "后退"}${Math.abs(moved)}位`;
    } else {
      const difference = formatDifference(a, b);
      const pct = comparableScopes(a, b) ? growthPct(a, b) : null;
      const than = to - from === 1 ? "比上年" : `比${from}年`;
      if (difference) sentence += `，${than}${difference.value >= 0 ? "增加" : "减少"}${difference.text}`;
      if (pct !== null) sentence += `，${difference ? "" : than}${describeChange(pct)}`;
    }
    composition.sentences.push(`${sentence}。`);
  }
  return composition;
}

/** "江屿经济开发区利润22.1亿元，同比下降5.6%" — one park's clause, with its stated rate. */
function parkClause(context: FigureContext, key: string, fact: Fact): string {
  const rank = isRankFact(fact);
  const yoy = rank ? null : statedYoy(context.facts, fact);
  return `${fact.park}${labelFor(context, key, fact)}${rank ? "为" : ""}${formatFact(fact)}${yoy !== null ? `，${describeStatedYoy(yoy)}` : ""}`;
}

/** Facts ordered by value (or by stated rate when the question asks for 增幅/降幅); facts without a rate last. */
function orderBy(context: FigureContext, facts: Fact[], descending: boolean): Fact[] {
  if (context.query.measure !== "yoy") return order(facts, descending);
  const rate = (fact: Fact) => statedYoy(context.facts, fact);
  return [...facts].sort((a, b) => {
    const ra = rate(a);
    const rb = rate(b);
    if (ra === null || rb === null) return Number(ra === null) - Number(rb === null);
    return descending ? rb - ra : ra - rb;
  });
}

function leaderText(context: FigureContext, first: Fact, descending: boolean): string {
  if (context.query.measure === "yoy") {
    const rate = statedYoy(context.facts, first);
    if (rate === null) return "";
    if (rate < 0 && !descending) return `${first.park}降幅最大`;
    return descending ? `${first.park}增幅最大` : `${first.park}增幅最小`;
  }
  if (isRankFact(first)) return `${first.park}排名${descending ? "最靠前" : "最靠后"}`;
  return `${first.park}${descending ? "最高" : "最低"}`;
}

function compareParks(context: FigureContext): Composition {
  const composition = emptyComposition();
  const { query } = context;
  const years = defaultYears(context).slice(-1);
  composition.years = years;
  const descending = query.order !== "asc";
  for (const year of years) {
    for (const key of query.indicators) {
      const found = context.parks
        .map((park) => take(context, composition, slotOf(context, park, year, key)))
        .filter((fact): fact is Fact => fact !== null);
      if (found.length === 0) continue;
      let sentence = `${yearLabel(year, query.periodSuffix)}，${found.map((fact) => parkClause(context, key, fact)).join("；")}`;
      // The gap is stated in words: a difference between parks is no stored or derivable figure.
      if (found.length >= 2) {
        const ordered = orderBy(context, found, descending);
        const leader = leaderText(context, ordered[0], descending);
        if (leader && ordered[0].valueBase !== ordered[1].valueBase) sentence += `。${leader}`;
      }
      composition.sentences.push(`${sentence}。`);
    }
  }
  return composition;
}

/**
 * A rank: parks ordered by an indicator (or its stated rate) in one year, or — for one park — the years
 * ordered (哪一年最高). Ranks (第N位) are better when smaller.
 */
export function composeRank(context: FigureContext): Composition {
  const composition = emptyComposition();
  const { query } = context;
  const descending = query.order !== "asc";
  for (const key of query.indicators) {
    if (context.parks.length >= 2) {
      const years = defaultYears(context).slice(-1);
      composition.years = years;
      for (const year of years) {
        const found = context.parks
          .map((park) => take(context, composition, slotOf(context, park, year, key)))
          .filter((fact): fact is Fact => fact !== null);
        if (found.length === 0) continue;
        const ordered = orderBy(context, found, descending);
        const label = indicatorLabel(key, ordered[0]);
        const by = query.measure === "yoy" ? `${label}增速` : label;
        const list = ordered.map((fact) => parkClause(context, key, fact)).join("；");
        const leader = leaderText(context, ordered[0], descending);
        composition.sentences.push(`${yearLabel(year, query.periodSuffix)}各园区${by}${descending ? "由高到低" : "由低到高"}依次为：${list}。${leader ? `${leader}。` : ""}`);
      }
    } else {
      const park = context.parks[0];
      const years = query.years.length >= 2 ? query.years : yearsWith(context.facts, park, key, query.status, query.periodSuffix);
      composition.years = years;
      const found = years.map((year) => chooseFact(context.facts, slotOf(context, park, year, key))).filter((fact): fact is Fact => fact !== null);
      if (found.length === 0) {
        composition.missing.push({ park, year: null, key });
        continue;
      }
      composition.used.push(...found);
      const ordered = order(found, descending);
      const label = indicatorLabel(key, ordered[0]);
      const rank = isRankFact(ordered[0]);
      const [best, worst] = rank ? ["最靠前", "最靠后"] : ["最高", "最低"];
      const describe = (fact: Fact) => `${fact.year}年（${label}${rank ? "为" : ""}${formatFact(fact)}）`;
      composition.sentences.push(
        `${park}${formatYears(found.map((fact) => fact.year))}中，${label}${descending ? best : worst}的是${describe(ordered[0])}` +
          (ordered.length > 1 ? `，${descending ? worst : best}的是${describe(ordered[ordered.length - 1])}。` : "。"),
      );
    }
  }
  return composition;
}

function order(facts: Fact[], descending: boolean): Fact[] {
  // A rank is better when smaller: 第3位 is "higher" than 第12位.
  const sign = (fact: Fact) => (isRankFact(fact) ? -1 : 1);
  return [...facts].sort((a, b) => (descending ? 1 : -1) * (sign(b) * b.valueBase - sign(a) * a.valueBase));
}

/** One side of a comparison is on record, the other is not: state the one, name the gap, compare nothing. */
/**
 * Both ends of a two-year comparison of one park's indicator. With one end missing, states the known end
 * (halfComparison) and returns null; the missing slot stays reported as missing.
 */
export function takePair(context: FigureContext, composition: Composition, park: string, key: string, from: number, to: number): [Fact, Fact] | null {
  const first = take(context, composition, slotOf(context, park, from, key));
  const last = take(context, composition, slotOf(context, park, to, key));
  if (first && last) return [first, last];
  const known = first ?? last;
  if (known) {
    const missingYear = first ? to : from;
    composition.sentences.push(halfComparison(park, key, known, missingYear, context.query.periodSuffix));
    composition.missing = composition.missing.filter((slot) => !(slot.park === park && slot.year === missingYear && slot.key === key));
  }
  return null;
}

/** "江屿经济开发区2021年工业总产值326.5亿元，2022年工业总产值352.9亿元" (ranks with 为). */
export function pairHead(context: FigureContext, park: string, key: string, [first, last]: [Fact, Fact], [from, to]: [number, number]): string {
  const suffix = context.query.periodSuffix;
  const verb = isRankFact(first) ? "为" : "";
  return `${park}${yearLabel(from, suffix)}${labelFor(context, key, first)}${verb}${formatFact(first)}，` +
    `${yearLabel(to, suffix)}${labelFor(context, key, last)}${verb}${formatFact(last)}`;
}

export function halfComparison(park: string, key: string, known: Fact, missingYear: number, suffix?: string): string {
  const label = indicatorLabel(key, known);
  return `${park}${yearLabel(known.year, suffix)}${label}${isRankFact(known) ? "为" : ""}${formatFact(known)}；数据库中没有${missingYear}年的${label}数据，无法比较。`;
}
