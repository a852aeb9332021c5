/**
 * Sentence-level context of a figure in park documents: sentence and clause bounds, the period a
 * sentence speaks of (2020年, 上半年, 1—11月), whether it reports or plans (力争, 预计), and its 口径
 * (scope: 园区, 规上企业, 其中10家有色金属加工企业, 投资10亿元以上).
 */
import type { FactStatus } from "./types.ts";

export interface Span {
  start: number;
  end: number;
}

/** Sentences end at 。！？ and line breaks; ；-joined lists stay one sentence (scope carries across). */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (/[。！？!?\n]/.test(text[i])) {
      if (i > start) spans.push({ start, end: i + 1 });
      start = i + 1;
    }
  }
  if (start < text.length) spans.push({ start, end: text.length });
  return spans;
}

/** Start of the clause holding `at`: after the last ，；：、 (or brackets) before it, not before `floor`. */
export function clauseStart(text: string, at: number, floor: number): number {
  for (let i = at - 1; i >= floor; i--) if (/[，,；;：:、（(）)]/.test(text[i])) return i + 1;
  return floor;
}

/** End of the clause holding `at`. */
export function clauseEnd(text: string, at: number, ceiling: number): number {
  for (let i = at; i < ceiling; i++) if (/[，,；;：:、。！？!?\n（(）)]/.test(text[i])) return i;
  return ceiling;
}

interface PeriodMarker {
  start: number;
  year?: number;
  sub?: string;
}

const COMPARISON_BEFORE = /(比|较|与|同|相比|对比|低于|高于|超过|回到)$/;
const CN_YEAR_DIGITS: Record<string, string> = { 〇: "0", 零: "0", 一: "1", 二: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9" };

function monthRange(from: number, to: number): string | undefined {
  if (from < 1 || to > 12 || from > to) return undefined;
  if (from === 1 && to === 12) return "";
  if (from === 1 && to === 3) return "Q1";
  if (from === 1 && to === 6) return "H1";
  if (from === 7 && to === 12) return "H2";
  const pad = (n: number) => String(n).padStart(2, "0");
  return from === to ? `M${pad(from)}` : `M${pad(from)}-${pad(to)}`;
}

const CN_MONTH: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };
const monthNumber = (s: string): number => (/^\d+$/.test(s) ? Number(s) : CN_MONTH[s] ?? 0);

/** Year and sub-year markers of a sentence, in order; comparison years (比2019年) are left out. */
export function periodMarkers(text: string, defaultYear: number | undefined): PeriodMarker[] {
  const markers: PeriodMarker[] = [];
  const yearPattern = /((?:19|20)\d{2})年|([二][〇零][一二三四五六七八九〇零]{2})年|(今年|本年|全年|去年|上年|上一年|明年|下一年)/g;
  for (const match of text.matchAll(yearPattern)) {
    const start = match.index ?? 0;
    if (COMPARISON_BEFORE.test(text.slice(Math.max(0, start - 2), start))) continue;
    if (/^(同期|同比)/.test(text.slice(start + match[0].length))) continue;
    let year: number | undefined;
    if (match[1]) year = Number(match[1]);
    else if (match[2]) year = Number([...match[2]].map((ch) => CN_YEAR_DIGITS[ch]).join(""));
    else if (defaultYear !== undefined) {
      const word = match[3];
      year = /去年|上年|上一年/.test(word) ? defaultYear - 1 : /明年|下一年/.test(word) ? defaultYear + 1 : defaultYear;
    }
    if (year !== undefined) markers.push({ start, year });
  }
  const subPatterns: Array<[RegExp, (m: RegExpMatchArray) => string | undefined]> = [
    [/上半年/g, () => "H1"],
    [/下半年/g, () => "H2"],
    [/前三季度|一至三季度|1-3季度/g, () => "M01-09"],
    [/(?:第一|一|1)季度/g, () => "Q1"],
    [/(\d{1,2}|[一二三四五六七八九十]{1,2})\s*(?:——|—|–|-|~|至|到)\s*(\d{1,2}|[一二三四五六七八九十]{1,2})月/g, (m) => monthRange(monthNumber(m[1]), monthNumber(m[2]))],
    [/截至(?:\d{4}年)?(\d{1,2})月(?:底|末)/g, (m) => monthRange(1, Number(m[1]))],
  ];
  for (const [pattern, toSub] of subPatterns) {
    for (const match of text.matchAll(pattern)) {
      const sub = toSub(match);
      if (sub !== undefined) markers.push({ start: match.index ?? 0, sub });
    }
  }
  return markers.sort((a, b) => a.start - b.start);
}

/**
 * Period of a figure at `at` within a sentence: the nearest year stated before it (else the
 * sentence's only later year, as in 预计2021年), with 上半年 / 1—11月 appended; else the default year.
 */
export function periodAt(
  markers: PeriodMarker[],
  at: number,
  defaultYear: number | undefined,
): { period: string; year: number | undefined; explicit: boolean } {
  const years = markers.filter((m) => m.year !== undefined);
  const before = years.filter((m) => m.start < at).pop();
  const yearMarker = before ?? years.find((m) => m.start >= at);
  const year = yearMarker?.year ?? defaultYear;
  const sub = markers.filter((m) => m.sub !== undefined && m.start < at).pop()?.sub ?? "";
  if (year === undefined) return { period: "", year: undefined, explicit: false };
  return { period: `${year}${sub}`, year, explicit: !!yearMarker || !!sub };
}

const PLAN_WORDS = /力争|目标|计划(?!总投资)|确保|争取|预期目标|任务是|要实现|努力实现|打造/;
const FORECAST_WORDS = /预计|预期|可实现|将实现|将达到|将完成|达产后|达标后|建成后|投产后|有望|可新增|可提供|可带动/;
const PLAN_SECTION = /计划|思路|打算|目标|安排|展望|任务|要点/;

/** Whether a figure reports, plans or forecasts: the sentence's words before it, then the section, then the default. */
export function statusAt(sentenceBefore: string, sectionPath: string | undefined, fallback: FactStatus | undefined): FactStatus {
  if (PLAN_WORDS.test(sentenceBefore)) return "plan";
  if (FORECAST_WORDS.test(sentenceBefore)) return "forecast";
  if (fallback) return fallback;
  if (sectionPath && PLAN_SECTION.test(sectionPath)) return "plan";
  return "actual";
}

/** The default scope, and the spellings that mean it. */
export const DEFAULT_SCOPE = "园区";
export const ABOVE_SCALE_SCOPE = "规上企业";

const VERBS =
  "实现|完成|达到|上缴|缴纳|入库|累计|合计|共计|总计|共有|拥有|新增认定|新增|认定|引进|落户|签约|发放|拨付|兑现|获得|提供|处理|查处|下达|送达|下发|投入|争取|申报|帮助|为|达|共|有";
const TRAILING_VERBS = new RegExp(`(?:${VERBS})+$`);
/** Verbs that open a label phrase; single characters (有, 为) would cut words such as 有色金属. */
const LEADING_VERBS = new RegExp(`^.*(?:${VERBS.split("|").filter((verb) => verb.length > 1).join("|")})(?=[\\u4e00-\\u9fa5]{2,})`);

/**
 * Scope phrase stated in a clause before its indicator: 其中… (sub-scope), 规上/规模以上, or a
 * sub-park (第一工业园区, …片区). Null when the clause states none (the running scope applies).
 */
export function scopeInClause(beforeIndicator: string, indicatorKey: string | null): string | null {
  const text = beforeIndicator.replace(/(?:19|20)\d{2}年(?:度)?|上半年|下半年|[，,]/g, "");
  const sub = /其中(.*)$/.exec(text);
  if (sub) {
    const phrase = sub[1].replace(TRAILING_VERBS, "").replace(/的$/, "");
    if (phrase.length >= 2 && /(企业|行业|产业|项目|园|区|户)$/.test(phrase)) return `其中${phrase}`;
  }
  const park = /(第[一二三四五六七八九十]+(?:工业)?园区|[\u4e00-\u9fa5]{2,6}(?:片区|分园))/.exec(text);
  if (park) return park[1];
  if (/规上|规模以上/.test(text) && indicatorKey !== "above_scale_enterprises") return ABOVE_SCALE_SCOPE;
  if (/(全园|园区|开发区|高新区)/.test(text)) return DEFAULT_SCOPE;
  return null;
}

/** Strips leading time words, scope words and verbs from a label candidate. */
export function stripLabel(text: string, { trailing = true }: { trailing?: boolean } = {}): string {
  const stripped = text
    .replace(/(?:19|20)\d{2}年(?:度)?|上半年(?:度)?|下半年|全年|今年|截至|[\d—\-~至到]+月(?:份|底|末)?/g, "")
    .replace(/^.*(?:其中|园区|全园|规上企业|规模以上工业企业)/, "")
    .replace(LEADING_VERBS, "")
    .replace(/^(?:年可|可|将|预计|力争|计划|确保|争取|全部|向社会|向)+(?=[\u4e00-\u9fa5]{2,})/, "")
    .replace(/^[的了在对向是]+/, "");
  return (trailing ? stripped.replace(TRAILING_VERBS, "").replace(/[的了是在]+$/, "") : stripped).trim();
}

export { VERBS };
