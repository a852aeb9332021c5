/**
 * Figures in Chinese official prose: Arabic and Chinese numerals, 亿/万 scales, units, qualifiers,
 * ranges, percentages, 百分点 and ranks.
 *
 * The rule that keeps years, dates, section numbers, ordinals and slogans out is simple:
 * a number is a figure only when a unit (or a 亿/万 scale) follows it. 2020年, 3月15日, 1—11月,
 * 一、 and 1. have no unit; 十五字, 六稳, 一园二区 are numerals glued to words that are not units.
 * A lone 一 is an article in this genre (一批, 一个, 一次, 一家), never a figure; 第 makes an ordinal,
 * except 第N位/第N名 (and 排名第N), which are ranks.
 */
import type { ParsedFigure, Qualifier } from "../facts/types.ts";
import { CN_CHARS, CN_DIGITS, parseChineseNumeral } from "./chinese-numeral.ts";
import {
  PREFIX_QUALIFIERS,
  RANGE_SEPARATORS,
  SCALES,
  SUFFIX_QUALIFIERS,
  TENTHS,
  UNITS_BY_FIRST,
  type UnitSpec,
} from "./number-units.ts";

export { parseChineseNumeral };

/** Full-width digits and signs to ASCII, one code unit for one, so offsets stay valid. */
function toHalfWidth(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF0E\uFF05\uFF0D\uFF5E]/g, (ch) => {
    const code = ch.charCodeAt(0);
    if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 48);
    return { "．": ".", "％": "%", "－": "-", "～": "~" }[ch] ?? ch;
  });
}

interface NumberToken {
  value: number;
  decimals: number;
  end: number;
  chinese: boolean;
  /** Scale already inside a Chinese numeral (三千五百万 → 万). */
  scaleWord?: string;
  scaleFactor?: number;
}

const ARABIC = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/y;
const isAsciiAlnum = (ch: string | undefined): boolean => !!ch && /[A-Za-z0-9_.]/.test(ch);
const isAsciiLetter = (ch: string | undefined): boolean => !!ch && /[A-Za-z]/.test(ch);

function readArabic(text: string, at: number): NumberToken | null {
  ARABIC.lastIndex = at;
  const match = ARABIC.exec(text);
  if (!match) return null;
  const raw = match[0].replace(/,/g, "");
  const point = raw.indexOf(".");
  return { value: Number(raw), decimals: point < 0 ? 0 : raw.length - point - 1, end: at + match[0].length, chinese: false };
}

function readChinese(text: string, at: number): NumberToken | null {
  const first = text[at];
  if (!(first in CN_DIGITS) && first !== "十" && first !== "拾") return null;
  let end = at;
  while (end < text.length && CN_CHARS.has(text[end])) end++;
  if (text[end - 1] === "点") end--;
  // 五千瓦时 / 三千米: the 千 belongs to the unit.
  if (text[end - 1] === "千" && /[瓦克米伏]/.test(text[end] ?? "")) end--;
  let run = text.slice(at, end);
  let scaleWord: string | undefined;
  let scaleFactor: number | undefined;
  const trailing = run.endsWith("亿") ? "亿" : run.endsWith("万") ? "万" : "";
  if (trailing && run.length > 1) {
    const head = run.slice(0, -1);
    // 三千五百万 → 3500 万; 三亿五千万 stays whole (a larger scale is inside).
    if (!head.includes("亿") && !(trailing === "亿" && head.includes("万")) && !head.includes(trailing)) {
      run = head;
      scaleWord = trailing;
      scaleFactor = trailing === "亿" ? 1e8 : 1e4;
    }
  }
  const value = parseChineseNumeral(run);
  if (value === null) return null;
  const point = run.indexOf("点");
  return { value, decimals: point < 0 ? 0 : run.length - point - 1, end, chinese: true, scaleWord, scaleFactor };
}

function readNumber(text: string, at: number): NumberToken | null {
  const ch = text[at];
  if (ch >= "0" && ch <= "9") return readArabic(text, at);
  return readChinese(text, at);
}

interface UnitMatch {
  end: number;
  unit: string;
  base: string;
  factor: number;
  approx: boolean;
  kind: ParsedFigure["kind"];
}

/** Scale, 余/多 and unit after a number; null when none follows (a bare number is no figure). */
function readUnit(text: string, token: NumberToken): UnitMatch | null {
  let at = token.end;
  let approx = false;
  if (text[at] === "余" || text[at] === "多") {
    approx = true;
    at++;
  }
  const scaleOptions: Array<{ written: string; factor: number; needsUnit: boolean }> = [
    { written: "", factor: 1, needsUnit: false },
  ];
  if (!token.scaleWord) for (const scale of SCALES) if (text.startsWith(scale.written, at)) scaleOptions.push(scale);
  let best: UnitMatch | null = null;
  for (const scale of scaleOptions) {
    let position = at + scale.written.length;
    let approxHere = approx;
    if (scale.written && (text[position] === "余" || text[position] === "多")) {
      approxHere = true;
      position++;
    }
    const spec = findUnit(text, position, token.chinese);
    const scaleWord = token.scaleWord ?? scale.written;
    const scaleFactor = token.scaleFactor ?? scale.factor;
    let match: UnitMatch | null = null;
    if (spec) {
      const kind = spec.base === "%" ? "percent" : spec.base === "百分点" ? "percentage_point" : "quantity";
      match = { end: position + spec.written.length, unit: scaleWord + spec.written, base: spec.base, factor: scaleFactor * spec.factor, approx: approxHere, kind };
    } else if (scaleWord && !scale.needsUnit) {
      match = { end: position, unit: scaleWord, base: "", factor: scaleFactor, approx: approxHere, kind: "quantity" };
    }
    if (match && (!best || match.end > best.end || (match.end === best.end && !scale.written))) best = match;
  }
  return best;
}

function findUnit(text: string, at: number, chinese: boolean): UnitSpec | null {
  const candidates = UNITS_BY_FIRST.get(text[at]) ?? [];
  for (const spec of candidates) {
    if (chinese && spec.arabicOnly) continue;
    if (text.startsWith(spec.written, at)) {
      if (spec.notBefore?.test(text.slice(at + spec.written.length, at + spec.written.length + 1))) continue;
      if (spec.written === "人" && text.startsWith("人民币", at)) return { written: "人民币", base: "元", factor: 1 };
      return spec;
    }
  }
  return null;
}

function roundBase(x: number): number {
  return Number(x.toPrecision(15));
}

function prefixQualifier(text: string, start: number): [number, Qualifier | null] {
  for (const [word, qualifier] of PREFIX_QUALIFIERS) {
    if (start >= word.length && text.startsWith(word, start - word.length)) return [start - word.length, qualifier];
  }
  return [start, null];
}

function suffixQualifier(text: string, end: number): [number, Qualifier | null] {
  for (const [word, qualifier] of SUFFIX_QUALIFIERS) if (text.startsWith(word, end)) return [end + word.length, qualifier];
  return [end, null];
}

const RANK_CONTEXT = /(排名|排位|位居|位列|名列|居)$/;

function rankAt(text: string, at: number): { figure: ParsedFigure | null; next: number } {
  const token = readNumber(text, at + 1);
  if (!token) return { figure: null, next: at + 1 };
  let end = token.end;
  let unit = "";
  if (text[end] === "位" || text[end] === "名") unit = text[end++];
  else if (!RANK_CONTEXT.test(text.slice(Math.max(0, at - 4), at))) return { figure: null, next: token.end };
  const figure: ParsedFigure = {
    text: "", start: at, end, value: token.value, unit, baseUnit: unit, scale: 1, valueBase: token.value,
    qualifier: "exact", kind: "rank", decimals: token.decimals,
  };
  return { figure, next: end };
}

function percentWordAt(text: string, at: number): { figure: ParsedFigure | null; next: number } {
  const token = readNumber(text, at + 3);
  if (!token || token.scaleWord) return { figure: null, next: at + 3 };
  const figure: ParsedFigure = {
    text: "", start: at, end: token.end, value: token.value, unit: "%", baseUnit: "%", scale: 1,
    valueBase: token.value, qualifier: "exact", kind: "percent", decimals: token.decimals,
  };
  return { figure, next: token.end };
}

/** 七成 / 近三成: a share in tenths, read as a percent stated to the nearest 10 (precision of 70 is 10). */
function tenthsAt(text: string, at: number, token: NumberToken): { figure: ParsedFigure | null; next: number } | null {
  const end = token.end;
  if (token.scaleWord || token.decimals > 0 || token.value < 1 || token.value > 10 || !text.startsWith(TENTHS.written, end)) return null;
  if (TENTHS.notBefore.test(text.slice(end + 1, end + 2)) || (token.chinese && token.value === 1)) return null;
  const value = token.value * 10;
  const [start, before] = prefixQualifier(text, at);
  const [stop, after] = suffixQualifier(text, end + 1);
  const figure: ParsedFigure = {
    text: "", start, end: stop, value, unit: "%", baseUnit: "%", scale: 1, valueBase: value,
    qualifier: before ?? after ?? "exact", kind: "percent", decimals: 0,
  };
  return { figure, next: stop };
}

/** A figure starting at `at`, or null; `next` is where scanning resumes. */
function figureAt(text: string, at: number): { figure: ParsedFigure | null; next: number } {
  const ch = text[at];
  if (ch === "第") return rankAt(text, at);
  if (text.startsWith("百分之", at)) return percentWordAt(text, at);
  const previous = text[at - 1];
  const isDigit = ch >= "0" && ch <= "9";
  if (isDigit && isAsciiAlnum(previous)) {
    let skip = at;
    while (skip < text.length && isAsciiAlnum(text[skip])) skip++;
    return { figure: null, next: skip };
  }
  if (!isDigit && (CN_CHARS.has(previous ?? "") || /[周初]$/.test(previous ?? "") || text.slice(at - 2, at) === "星期")) {
    return { figure: null, next: at + 1 };
  }
  const token = readNumber(text, at);
  if (!token) return { figure: null, next: at + 1 };
  if (isAsciiLetter(text[token.end])) return { figure: null, next: token.end };
  const tenths = tenthsAt(text, at, token);
  if (tenths) return tenths;
  let unit = readUnit(text, token);
  let high: { token: NumberToken; unit: UnitMatch | null } | null = null;
  const separator = RANGE_SEPARATORS.find((sep) => text.startsWith(sep, unit?.end ?? token.end));
  if (separator) {
    const secondAt = (unit?.end ?? token.end) + separator.length;
    const second = secondAt < text.length ? readNumber(text, secondAt) : null;
    const secondUnit = second && second.chinese === token.chinese ? readUnit(text, second) : null;
    if (second && secondUnit && (!unit || unit.unit === secondUnit.unit) && second.value >= token.value) {
      high = { token: second, unit: secondUnit };
      unit = secondUnit;
    }
  }
  if (!unit) return { figure: null, next: token.end };
  // A lone 一 is an article (一批, 一个, 一次); 三个“一” and 两个确保 are slogans.
  if (token.chinese && !high && token.value === 1 && !token.scaleWord && text[at] === "一") return { figure: null, next: unit.end };
  if (token.chinese && unit.unit === "个" && /^[“"一二两三四五六七八九]/.test(text[unit.end] ?? "")) return { figure: null, next: unit.end };
  const negative = isDigit && previous === "-" && !isAsciiAlnum(text[at - 2]) && !/[\d%]/.test(text[at - 2] ?? "");
  const value = negative ? -token.value : token.value;
  const [start, before] = prefixQualifier(text, negative ? at - 1 : at);
  const [end, after] = suffixQualifier(text, unit.end);
  let qualifier: Qualifier = before ?? (unit.approx ? "more_than" : after) ?? "exact";
  if (high) qualifier = "range";
  const figure: ParsedFigure = {
    text: "", start, end, value, unit: unit.unit, baseUnit: unit.base, scale: unit.factor,
    valueBase: roundBase(value * unit.factor), qualifier, kind: unit.kind, decimals: token.decimals,
  };
  if (high) figure.valueHigh = high.token.value;
  // 进入全省前15位: a rank no worse than 15 (前移3位 is a change, read by the analyzer).
  if (!high && previous === "前" && /^[位名]$/.test(unit.unit) && !token.scaleWord) {
    Object.assign(figure, { kind: "rank", baseUnit: unit.unit, qualifier: "at_most" satisfies Qualifier });
  }
  return { figure, next: end };
}

/**
 * Every figure in a text, in order, with offsets into `text`.
 * @example findFigures("实现利润20.4亿元，同比增长47.8%")
 * // → [{ value: 20.4, unit: "亿元", valueBase: 2.04e9, decimals: 1 }, { value: 47.8, unit: "%", kind: "percent" }]
 */
export function findFigures(text: string): ParsedFigure[] {
  const plain = toHalfWidth(text);
  const figures: ParsedFigure[] = [];
  let at = 0;
  while (at < plain.length) {
    const ch = plain[at];
    if (!((ch >= "0" && ch <= "9") || ch in CN_DIGITS || ch === "十" || ch === "第" || ch === "百")) {
      at++;
      continue;
    }
    const { figure, next } = figureAt(plain, at);
    if (figure) figures.push({ ...figure, text: text.slice(figure.start, figure.end) });
    at = Math.max(next, at + 1);
  }
  return figures;
}
