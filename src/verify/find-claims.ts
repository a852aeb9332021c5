/**
 * Figure claims in arbitrary text (an answer, a draft, a human's paragraph): every figure with the
 * indicator, scope, period and status its sentence gives it, the request's park/year as defaults.
 * Years, dates, section numbers and ordinals are no figures (see `parse-number.ts`); thresholds
 * (投资10亿元以上的项目) only qualify a scope and are no claims either.
 */
import { analyzeFigures, type FigureMention, type FigureReading, type MentionRole } from "../facts/analyze-figures.ts";
import { readingOf } from "../facts/figure-mention.ts";
import { clauseStarts, periodMarkers, type PeriodMarker } from "../facts/sentence-context.ts";
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
  /** The sentence the claim stands in (offsets into the analyzed text). */
  sentence: { start: number; end: number };
  /** The clause before the figure (计划投入 of 计划投入1.6亿元), to compare with stored labels and quotes. */
  clause: string;
  /** The sentence states the claim's year itself (not only the request's year). */
  yearStated: boolean;
  /**
   * Slots the sentence leaves open: no sub-year period stated (1—11月, 上半年, nor 全年/年底 for the whole
   * year), no status word (力争, 预计, 实际 …). Documents state a period or a plan word once for a
   * whole paragraph, so facts of the same year with another sub-period or status may support the claim.
   */
  open: { period: boolean; status: boolean };
  /** The sub-year period was not stated by the sentence but carried from an earlier one of its paragraph. */
  carried?: boolean;
}

/** Key under which the claim's own kind of fact is stored (share:tax, yoy:tax, cagr:tax, pp:…, delta:…). */
export function claimKey(claim: Pick<ClaimCandidate, "role" | "indicatorKey">): string {
  const prefix = { share: "share:", yoy: "yoy:", cagr: "cagr:", pp_change: "pp:", delta: "delta:", value: "", rank: "", completion: "" }[claim.role];
  return `${prefix}${claim.indicatorKey}`;
}

/**
 * Claims of a text, in order.
 * @example findClaims("2021年园区实现工业总产值326.5亿元，同比增长15.9%。", {})
 * // → [{ role: "value", indicatorKey: "industrial_output", period: "2021" }, { role: "yoy", parent: 0 }]
 */
export function findClaims(text: string, defaults: { year?: number }): ClaimCandidate[] {
  const mentions = analyzeFigures(text, { year: defaults.year });
  const indexOfMention = new Map<number, number>();
  const claims: ClaimCandidate[] = [];
  const paragraphs: ParagraphMarks = new Map();
  const clauseStart = clauseStarts(text);
  mentions.forEach((mention, index) => {
    if (mention.role === "threshold") return;
    indexOfMention.set(index, claims.length);
    claims.push(toClaim(text, mention, mention.parent === undefined ? undefined : indexOfMention.get(mention.parent), paragraphs, clauseStart));
  });
  return claims;
}

/** Words that state the whole year: 全年, 2022年度, 年底/年末 (a stock at the year's end). */
const WHOLE_YEAR = /全年|(?:19|20)\d{2}年度|年底|年末/;
const STATED_YEAR = /(?:19|20)\d{2}年|[二][〇零][一二三四五六七八九〇零]{2}年|今年|本年|去年|上年|明年/;
/** Words that state an attained figure (the status slot is then closed too). */
const STATED_ACTUAL = /实际|已经|已(?:完成|实现|达到?|建成|落户|签约|引进|投产|累计)/;

function toClaim(text: string, mention: FigureMention, parent: number | undefined, paragraphs: ParagraphMarks, clauseStart: (at: number, floor: number) => number): ClaimCandidate {
  const { figure, sentence } = mention;
  const before = text.slice(sentence.start, figure.start);
  const reading = readingOf(mention);
  const openPeriod = /^\d{4}$/.test(reading.period) && !WHOLE_YEAR.test(before);
  const carried = openPeriod ? carriedSubPeriod(text, sentence.start, reading.year, paragraphs) : undefined;
  if (carried) reading.period = `${reading.period}${carried}`;
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
    ...reading,
    parent,
    sentence,
    clause: text.slice(clauseStart(figure.start, sentence.start), figure.start),
    yearStated: mention.periodExplicit && STATED_YEAR.test(text.slice(sentence.start, sentence.end)),
    open: {
      period: openPeriod,
      status: reading.status === "actual" && !STATED_ACTUAL.test(before),
    },
    ...(carried ? { carried: true } : {}),
  };
}

/** Period words and whole-year words of each paragraph, read once a paragraph and year (offsets into the text). */
type ParagraphMarks = Map<string, { markers: PeriodMarker[]; wholeYear: number[] }>;

/**
 * 1—11月，园区…。实现进出口总额6.9亿元: a sub-year period stated once for a paragraph holds for its later
 * sentences until a year or 全年 is stated again. The sub-period of the last period words before the
 * sentence in its paragraph, when they speak of the claim's year. Each paragraph is read once, so a text of
 * one long paragraph costs no more than one of many.
 */
function carriedSubPeriod(text: string, sentenceStart: number, year: number | undefined, paragraphs: ParagraphMarks): string | undefined {
  if (year === undefined) return undefined;
  const paragraph = text.lastIndexOf("\n", sentenceStart - 1) + 1;
  const key = `${paragraph}:${year}`;
  let marks = paragraphs.get(key);
  if (!marks) {
    const end = text.indexOf("\n", paragraph);
    const paragraphText = text.slice(paragraph, end === -1 ? text.length : end);
    const wholeYear = [...paragraphText.matchAll(new RegExp(WHOLE_YEAR.source, "g"))].map((match) => paragraph + (match.index ?? 0) + match[0].length);
    marks = { markers: periodMarkers(paragraphText, year).map((marker) => ({ ...marker, start: paragraph + marker.start })), wholeYear };
    paragraphs.set(key, marks);
  }
  const { markers, wholeYear } = marks;
  const lastIndex = firstAtOrAfter(markers, sentenceStart, (marker) => marker.start) - 1;
  const last = markers[lastIndex];
  if (!last?.sub) return undefined;
  const wholeYearAfter = wholeYear[firstAtOrAfter(wholeYear, last.start + 1, (end) => end)];
  if (wholeYearAfter !== undefined && wholeYearAfter <= sentenceStart) return undefined;
  let yearOfIt = year;
  for (let index = lastIndex - 1; index >= 0; index--) {
    if (markers[index].year !== undefined && markers[index].start < last.start) {
      yearOfIt = markers[index].year!;
      break;
    }
  }
  return yearOfIt === year ? last.sub : undefined;
}

/** Index of the first item of a list sorted by `key` whose key is at least `value` (the list's length if none). */
function firstAtOrAfter<T>(items: readonly T[], value: number, key: (item: T) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (key(items[middle]) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
