import { parseChineseNumeral } from "../text/parse-number.ts";

/** Years and sub-year period found in a question. */
export interface ParsedYears {
  years: number[];
  /** A span such as 2020—2022年 or 近三年 (so the intent is a trend). */
  range: boolean;
  /** 今年/去年/前年/明年 or 近N年 were used. */
  relative: boolean;
  /** "H1", "Q3", "M01-11" … */
  periodSuffix?: string;
  /** 近N年: N. */
  recent?: number;
  /** 历年/各年/每年/逐年: every year on record. */
  allYears: boolean;
  /** Text with the year expressions removed (for the retrieval topic). */
  rest: string;
}

const RANGE_SEPARATOR = "(?:—|–|－|-|~|～|至|到)";
const ARABIC_YEAR = "(?:19|20)\\d{2}";
const CN_YEAR = "[〇零一二三四五六七八九]{4}";
const YEAR = `(${ARABIC_YEAR}|${CN_YEAR})`;

/** Relative to the latest year on record. */
const RELATIVE: Array<[RegExp, number]> = [
  [/大前年/g, -3], [/前年/g, -2], [/去年/g, -1], [/今年|本年度|本年/g, 0], [/明年|来年/g, 1],
];
/** Relative to the year the question names (2020年比上年 → 2019), else to the latest year. */
const RELATIVE_TO_NAMED: Array<[RegExp, number]> = [[/上年度|上一年度?|上年|前一年/g, -1], [/下一年|下年|后一年/g, 1], [/当年/g, 0]];

const QUARTERS: Record<string, string> = { 一: "Q1", 二: "Q2", 三: "Q3", 四: "Q4", "1": "Q1", "2": "Q2", "3": "Q3", "4": "Q4" };

function yearValue(text: string): number | null {
  const value = /^\d+$/.test(text) ? Number(text) : parseChineseNumeral(text);
  return value !== null && value >= 1900 && value <= 2100 ? value : null;
}

function monthValue(text: string): number | null {
  const value = /^\d+$/.test(text) ? Number(text) : parseChineseNumeral(text);
  return value !== null && value >= 1 && value <= 12 ? value : null;
}

/** Sub-year period of a question: 上半年 → H1, 一季度 → Q1, 前三季度 → M01-09, 1—11月 → M01-11. */
function parsePeriod(text: string): string | undefined {
  if (/上半年/.test(text)) return "H1";
  if (/下半年/.test(text)) return "H2";
  const first = /前([一二三1-3])(?:个)?季度/.exec(text);
  if (first) return `M01-${String(Number(QUARTERS[first[1]].slice(1)) * 3).padStart(2, "0")}`;
  const quarter = /第?([一二三四1-4])季度/.exec(text);
  if (quarter) return QUARTERS[quarter[1]];
  const months = /([1１一])\s*(?:—|–|－|-|~|～|至|到)\s*(\d{1,2}|[一二三四五六七八九十]{1,3})月/.exec(text);
  if (months) {
    const end = monthValue(months[2]);
    if (end && end < 12) return `M01-${String(end).padStart(2, "0")}`;
  }
  return undefined;
}

/**
 * Years in a question: digits, Chinese numerals (二〇二二年), ranges (2020—2022年, 2020年至2022年),
 * 今年/去年/前年/明年 relative to `latestYear` (the latest year on record), 近三年 ending at the latest
 * year with actual figures.
 * @example parseYears("二〇二一年和去年相比", 2022).years // [2021, 2021] → deduplicated [2021]
 */
export function parseYears(question: string, latestYear: number | null, latestActualYear: number | null = latestYear): ParsedYears {
  let rest = question;
  const found: Array<{ at: number; year: number }> = [];
  let range = false;
  let relative = false;
  let recentCount: number | undefined;
  const rangePattern = new RegExp(`${YEAR}\\s*年?\\s*${RANGE_SEPARATOR}\\s*${YEAR}\\s*年?`, "g");
  rest = rest.replace(rangePattern, (match, from: string, to: string, offset: number) => {
    const start = yearValue(from);
    const end = yearValue(to);
    if (start === null || end === null || end < start || end - start > 30) return match;
    range = true;
    for (let year = start; year <= end; year++) found.push({ at: offset, year });
    return " ".repeat(match.length);
  });
  const single = new RegExp(`(?<![\\d.])${YEAR}(?![\\d.])(\\s*年(?:度)?)?(?![亿万元个家人%项件份])`, "g");
  rest = rest.replace(single, (match, text: string, suffix: string | undefined, offset: number) => {
    const year = yearValue(text);
    // A Chinese four-digit run counts only with 年 after it (一二三四 is not a year).
    if (year === null || (!/^\d+$/.test(text) && !suffix)) return match;
    found.push({ at: offset, year });
    return " ".repeat(match.length);
  });
  const recent = /(?:近|最近|过去)([两二三四五六七八九十\d]+)年/.exec(rest);
  // 近三年 means the last three years with actual figures, not next year's plan.
  const recentEnd = latestActualYear ?? latestYear;
  if (recent && recentEnd !== null) {
    const count = /^\d+$/.test(recent[1]) ? Number(recent[1]) : parseChineseNumeral(recent[1]);
    if (count && count > 1 && count <= 20) {
      for (let year = recentEnd - count + 1; year <= recentEnd; year++) found.push({ at: recent.index, year });
      range = true;
      relative = true;
      recentCount = count;
      rest = rest.replace(recent[0], " ".repeat(recent[0].length));
    }
  }
  const named = found.length ? Math.max(...found.map((item) => item.year)) : null;
  for (const [pattern, delta] of RELATIVE) {
    rest = rest.replace(pattern, (match, offset: number) => {
      if (latestYear === null) return match;
      relative = true;
      found.push({ at: offset, year: latestYear + delta });
      return " ".repeat(match.length);
    });
  }
  for (const [pattern, delta] of RELATIVE_TO_NAMED) {
    rest = rest.replace(pattern, (match, offset: number) => {
      const base = named ?? latestYear;
      if (base === null) return match;
      relative = true;
      found.push({ at: offset, year: base + delta });
      return " ".repeat(match.length);
    });
  }
  const allYears = /历年|各年|每年|逐年|这几年|近几年|历史/.test(rest);
  const years: number[] = [];
  for (const { year } of found.sort((a, b) => a.at - b.at)) if (!years.includes(year)) years.push(year);
  return { years, range, relative, recent: recentCount, periodSuffix: parsePeriod(question), allYears, rest: rest.replace(/\s+/g, " ") };
}
