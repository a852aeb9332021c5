/**
 * Sentence-level context of a figure in park documents: sentence and clause bounds, the period a
 * sentence speaks of (2020年, 上半年, 1—11月), whether it reports or plans (力争, 预计), and its 口径
 * (scope: 园区, 规上企业, 其中10家有色金属加工企业, 投资10亿元以上).
 */
import { UNKNOWN_YEAR_PERIOD } from "../domain/periods.ts";
import type { FactStatus } from "../domain/fact-types.ts";

/** Start of the clause holding `at`: after the last ，；：、 (or brackets) before it, not before `floor`. */
export function clauseStart(text: string, at: number, floor: number): number {
  const limit = Math.max(floor, at - MAX_CLAUSE);
  for (let i = at - 1; i >= limit; i--) if (CLAUSE_OPENERS.has(text[i])) return i + 1;
  return limit;
}

/**
 * The most a clause reaches back from a figure. The longest clause in the park documents we have read is under 80
 * characters; a run of more with no ，；：、 or bracket is no clause of prose, and reading all of it for every figure
 * in it would make the readers quadratic.
 */
export const MAX_CLAUSE = 160;

/** End of the clause holding `at`. */
export function clauseEnd(text: string, at: number, ceiling: number): number {
  for (let i = at; i < ceiling; i++) if (CLAUSE_CLOSERS.has(text[i])) return i;
  return ceiling;
}

/**
 * {@link clauseStart} for many offsets of one text in O(1) each: the text is read once for its clause breaks.
 * @example const start = clauseStarts(text); start(figure.start, sentence.start)
 */
export function clauseStarts(text: string): (at: number, floor: number) => number {
  // afterBreak[i]: the offset just after the last clause opener before i (0 when none).
  const afterBreak = new Int32Array(text.length + 1);
  for (let i = 0; i < text.length; i++) afterBreak[i + 1] = CLAUSE_OPENERS.has(text[i]) ? i + 1 : afterBreak[i];
  return (at, floor) => Math.max(afterBreak[Math.min(Math.max(at, 0), text.length)], floor, at - MAX_CLAUSE);
}

/** Characters a clause starts after, and those it ends at (sets: these run once a character of every figure's sentence). */
const CLAUSE_OPENERS = new Set("，,；;：:、（(）)");
const CLAUSE_CLOSERS = new Set("，,；;：:、。！？!?\n（(）)");

export interface PeriodMarker {
  start: number;
  year?: number;
  sub?: string;
  /** 今年/去年/明年: a year relative to the document's (or request's) year. */
  relative?: boolean;
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

/**
 * Year and sub-year markers of a sentence, in order; comparison years (比2019年) are left out.
 * 全年 is no marker: it says "the whole year" of whatever year the sentence speaks of, so it never
 * overrides a year the sentence states (2019年，全年… is 2019 whatever the request's year).
 */
export function periodMarkers(text: string, defaultYear: number | undefined): PeriodMarker[] {
  const markers: PeriodMarker[] = [];
  const yearPattern = /((?:19|20)\d{2})(?:年|(?=全年|年度))|([二][〇零][一二三四五六七八九〇零]{2})年|(今年|本年|去年|上年|上一年|明年|下一年)/g;
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
    if (year !== undefined) markers.push({ start, year, ...(match[3] ? { relative: true } : {}) });
  }
  const subPatterns: Array<[RegExp, (m: RegExpMatchArray) => string | undefined]> = [
    // 全年 after 1—9月 returns to the whole year (1-9月实现GDP115.5亿元，全年预计实现178亿元).
    [/全年/g, () => ""],
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
 * sentence's first later year written as a number, as in 预计2021年 — a later 上年 is a comparison:
 * 扭转了上年下滑局面), with 上半年 / 1—11月 appended; else the default year.
 */
export function periodAt(
  markers: PeriodMarker[],
  at: number,
  defaultYear: number | undefined,
): { period: string; year: number | undefined; explicit: boolean } {
  const years = markers.filter((m) => m.year !== undefined);
  const before = years.filter((m) => m.start < at).pop();
  const yearMarker = before ?? years.find((m) => m.start >= at && !m.relative);
  const year = yearMarker?.year ?? defaultYear;
  // A sub-year marker holds until the sentence states a year again (1-9月…；2025年，新增…).
  const sub = markers.filter((m) => m.sub !== undefined && m.start < at && (!before || m.start > before.start)).pop()?.sub ?? "";
  // No year anywhere: the sub-year part is kept under the unknown year (1-10月 → 0000M01-10).
  if (year === undefined) return { period: sub ? `${UNKNOWN_YEAR_PERIOD}${sub}` : "", year: undefined, explicit: !!sub };
  return { period: `${year}${sub}`, year, explicit: !!yearMarker || !!sub };
}

const PLAN_WORDS = /力争|目标|计划(?!总投资)|确保|争取|预期目标|任务是|要实现|努力实现|打造/;
const FORECAST_WORDS = /预计|预期|可实现|将实现|将达到|将完成|达产后|达标后|建成后|投产后|有望|可新增|可提供|可带动/;
/** 实际完成, 实际达到: an attained figure (not 实际利用外资, an indicator's name). */
const ATTAINED = /实际(?:完成|实现|达到|达|为|是|只有|仅|落户|引进|新增|签约)/g;
const PLAN_SECTION = /计划|思路|打算|目标|安排|展望|任务|要点/;
/**
 * A target named as done or measured against (完成年度目标的99.4%, 超额完成12亿元的年度目标,
 * 目标完成率): a report of what happened, not a plan, so its 目标/计划 is no plan word.
 */
export const COMPLETED_TARGET = /(?:超额|提前|仅|基本|全面|圆满|均|全部)?(?:完成|超过|超出|达到|低于|高于)了?[^，。；！？]{0,10}?(?:目标|计划|任务)(?:任务)?|(?:目标|计划|任务)完成率|(?:未|没有|未能)完成[^，。；]{0,10}?(?:目标|计划|任务)/g;

/**
 * Whether a figure reports, plans or forecasts: the sentence's words before it (a completed or
 * missed target is a report), then the section, then the default. A figure whose stated year lies
 * before the document's year reports (a plan recalls last year's results: 巩固2021年…326.5亿元的势头).
 */
export function statusAt(
  sentenceBefore: string,
  sectionPath: string | undefined,
  fallback: FactStatus | undefined,
  when: { year?: number; explicit?: boolean; defaultYear?: number } = {},
): FactStatus {
  const words = sentenceBefore.replace(COMPLETED_TARGET, "");
  // 目标为15个，实际完成12个: what was attained reports, whatever target the sentence named before it.
  const attained = [...words.matchAll(ATTAINED)].pop();
  if (attained && !PLAN_WORDS.test(words.slice((attained.index ?? 0) + attained[0].length))) return "actual";
  if (PLAN_WORDS.test(words)) return "plan";
  if (FORECAST_WORDS.test(words)) return "forecast";
  const past = when.explicit && when.year !== undefined && when.defaultYear !== undefined && when.year < when.defaultYear;
  if (past) return "actual";
  if (fallback) return fallback;
  if (sectionPath && PLAN_SECTION.test(sectionPath)) return "plan";
  return "actual";
}

/** The default scope, and the spellings that mean it. */
export const DEFAULT_SCOPE = "园区";
export const ABOVE_SCALE_SCOPE = "规上企业";

const VERBS =
  "实现|完成|达到|上缴|缴纳|入库|累计|合计|共计|总计|共有|拥有|新增认定|新增|认定|引进|落户|签约|发放|拨付|兑付|兑现|获得|提供|处理|办结|查处|下达|送达|下发|发出|投入|争取|申报|帮助|为|达|共|有";
const TRAILING_VERBS = new RegExp(`(?:${VERBS})+$`);
/** Verbs that end a 其中 subject (其中电子信息产业实现…); two characters or more, so that nouns stay whole. */
const INNER_VERBS = new RegExp(`(?:${VERBS.split("|").filter((verb) => verb.length > 1 && verb !== "新增").join("|")})`);
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
    // 其中新能源汽车零部件产业实现产值 → 其中新能源汽车零部件产业: the subject ends where a verb begins.
    const phrase = sub[1]
      .replace(/^(?:引进|培育|新增|有|共有|包括)/, "")
      .split(INNER_VERBS)[0]
      .replace(TRAILING_VERBS, "")
      .replace(/的$/, "");
    if (phrase.length >= 2 && /(企业|行业|产业|项目|园|区|户|投资|产品|业务)$/.test(phrase)) return `其中${phrase}`;
    // 其中新能源项目10个: a modifier written right before the indicator's own noun names the part.
    if (indicatorKey !== null && phrase === sub[1] && phrase.length >= 2 && !/规上|规模以上|全园|园区|全年|累计|共|合计/.test(phrase)) return `其中${phrase}`;
  }
  const park = /(第[一二三四五六七八九十]+(?:工业)?园区|[\u4e00-\u9fa5]{2,6}(?:片区|分园))/.exec(text);
  // 启动了园区东扩片区…: the name starts after the last verb particle or function word before it.
  if (park) return park[1].replace(/^.*[了的在对将把和与及为是从向]/, "");
  if (/规上|规模以上/.test(text) && indicatorKey !== "above_scale_enterprises") return ABOVE_SCALE_SCOPE;
  if (/(全园|园区|开发区|高新区)/.test(text)) return DEFAULT_SCOPE;
  return null;
}

/** The noun a count stands before, up to its verb: 规上企业完成工业总产值 → 规上企业. */
export function nounPhrase(text: string): string {
  return text.split(INNER_VERBS)[0].replace(TRAILING_VERBS, "");
}

const FIVE_YEAR_PLANS: Record<string, number> = { 十一五: 2006, 十二五: 2011, 十三五: 2016, 十四五: 2021, 十五五: 2026 };
const CN_SMALL: Record<string, number> = { 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/**
 * The years a 年均 (compound annual) rate spans, from the sentence before it: 2021—2024年 (growth
 * years 2021…2024 over 2020), “十四五”以来/期间 (2021 up to the text's year), 近三年 (the text's year and
 * the two before). `end` is left open when the text's year does not lie after the start.
 */
export function yearSpan(before: string, defaultYear: number | undefined): { start: number; end?: number; last: number } | null {
  const range = /((?:19|20)\d{2})\s*年?\s*(?:——|—|–|-|~|～|至|到)\s*((?:19|20)\d{2})年/.exec(before);
  if (range && Number(range[2]) > Number(range[1])) return { start: Number(range[1]), end: Number(range[2]), last: Number(range[2]) };
  const plan = /[“"‘]?(十[一二三四五]五)[”"’]?(?:规划)?(?:以来|期间|时期|来)/.exec(before);
  if (plan) {
    const start = FIVE_YEAR_PLANS[plan[1]];
    const last = start + 4;
    const years = [...before.matchAll(/((?:19|20)\d{2})年/g)].filter((m) => !COMPARISON_BEFORE.test(before.slice(Math.max(0, (m.index ?? 0) - 2), m.index))).map((m) => Number(m[1]));
    // 截至2024年，“十四五”以来: a stated year ends the span; one before the plan began contradicts it.
    if (years.some((y) => y <= start || y > last)) return null;
    const stated = years.pop();
    const end = stated ?? (defaultYear !== undefined && defaultYear > start ? Math.min(defaultYear, last) : undefined);
    return { start, ...(end !== undefined ? { end } : {}), last };
  }
  const recent = /近([两二三四五六七八九十]|\d{1,2})年/.exec(before);
  if (recent && defaultYear !== undefined) {
    const n = CN_SMALL[recent[1]] ?? Number(recent[1]);
    if (n >= 2) return { start: defaultYear - n + 1, end: defaultYear, last: defaultYear };
  }
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
