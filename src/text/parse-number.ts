/**
 * Figures in Chinese official prose: Arabic and Chinese numerals, 亿/万 scales, units, qualifiers,
 * ranges, percentages, 百分点 and ranks.
 *
 * The rule that keeps years, dates, section numbers, ordinals and slogans out is simple:
 * a number is a figure only when a unit (or a 亿/万 scale) follows it. 2020年, 3月15日, 1—11月,
 * 一、 and 1. have no unit; 十五字, 六稳, 一园二区 are numerals glued to words that are not units.
 * A lone 一 is an article in this genre (一批, 一个, 一次, 一家), never a figure; 第 makes an ordinal,
 * except 第N位/第N名 (and 排名第N), which are ranks.
 *
 * Text layers of PDFs put spaces around Arabic numbers (工业总产值 98.4 亿元，增长 12.5 %), so after an
 * Arabic number spaces and tabs may stand between the number, its scale and its unit, and between a
 * prefix qualifier or 第 and the number (约 30 亿元, 第 3 位); never a line break or punctuation.
 * A decimal point written as 。 between digits (2。87亿元) is read only when a unit follows the
 * decimal digits at once, so a sentence end (增长5%。8月份, 达到68。5家企业) stays one.
 * Traditional forms of the vocabulary (億元, 萬噸, 戶) are read as the simplified ones, and `unit`
 * is reported simplified; `text` is always the slice of the input.
 */
import type { ParsedFigure, Qualifier } from "../domain/fact-types.ts";
import { CN_CHARS, CN_DIGITS, parseChineseNumeral } from "./chinese-numeral.ts";
import { type NumberToken, foldFigureText, hasSpace, readIdeographicDecimal, readNumber, skipSpaces, skipSpacesBack } from "./number-token.ts";
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

const isAsciiAlnum = (ch: string | undefined): boolean => !!ch && /[A-Za-z0-9_.]/.test(ch);
const isAsciiLetter = (ch: string | undefined): boolean => !!ch && /[A-Za-z]/.test(ch);

interface UnitMatch {
  end: number;
  unit: string;
  base: string;
  factor: number;
  approx: boolean;
  kind: ParsedFigure["kind"];
  /** A unit of things counted one by one with no scale (12家, not 1.2万人). */
  whole: boolean;
}

/**
 * Scale, 余/多 and unit after a number; null when none follows (a bare number is no figure). After a
 * number that is not `tight`, spaces may separate the parts; a decimal spaced from a unit of whole
 * things (表中 12.5 户籍人口) is then no figure.
 */
function readUnit(text: string, token: NumberToken): UnitMatch | null {
  const gap = (position: number): number => (token.tight ? position : skipSpaces(text, position));
  let at = gap(token.end);
  let approx = false;
  if (text[at] === "余" || text[at] === "多") {
    approx = true;
    at = gap(at + 1);
  }
  const scaleOptions: Array<{ written: string; factor: number; needsUnit: boolean }> = [
    { written: "", factor: 1, needsUnit: false },
  ];
  if (!token.scaleWord) for (const scale of SCALES) if (text.startsWith(scale.written, at)) scaleOptions.push(scale);
  let best: UnitMatch | null = null;
  for (const scale of scaleOptions) {
    let scaleEnd = at + scale.written.length;
    let approxHere = approx;
    if (scale.written && (text[gap(scaleEnd)] === "余" || text[gap(scaleEnd)] === "多")) {
      approxHere = true;
      scaleEnd = gap(scaleEnd) + 1;
    }
    const position = scale.written ? gap(scaleEnd) : scaleEnd;
    const spec = findUnit(text, position, token.chinese);
    const scaleWord = token.scaleWord ?? scale.written;
    const scaleFactor = token.scaleFactor ?? scale.factor;
    let match: UnitMatch | null = null;
    if (spec) {
      const kind = spec.base === "%" ? "percent" : spec.base === "百分点" ? "percentage_point" : "quantity";
      const whole = !!spec.whole && !scaleWord;
      match = { end: position + spec.written.length, unit: scaleWord + spec.written, base: spec.base, factor: scaleFactor * spec.factor, approx: approxHere, kind, whole };
    } else if (scaleWord && !scale.needsUnit) {
      match = { end: scaleEnd, unit: scaleWord, base: "", factor: scaleFactor, approx: approxHere, kind: "quantity", whole: false };
    }
    if (match && match.whole && token.decimals > 0 && hasSpace(text, token.end, match.end)) match = null;
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

/** A qualifier word just before `start` (or, with `spaced`, before the spaces there: 约 30 亿元). */
function prefixQualifier(text: string, start: number, spaced = false): [number, Qualifier | null] {
  const before = spaced ? skipSpacesBack(text, start) : start;
  for (const [word, qualifier] of PREFIX_QUALIFIERS) {
    if (before >= word.length && text.startsWith(word, before - word.length)) return [before - word.length, qualifier];
  }
  return [start, null];
}

function suffixQualifier(text: string, end: number): [number, Qualifier | null] {
  for (const [word, qualifier] of SUFFIX_QUALIFIERS) if (text.startsWith(word, end)) return [end + word.length, qualifier];
  return [end, null];
}

const RANK_CONTEXT = /(排名|排位|位居|位列|名列|居)$/;

/** 第3位, 第 3 名, 排名第二; 第3批 is an ordinal, skipped with its number so that 3批 is not read. */
function rankAt(text: string, at: number): { figure: ParsedFigure | null; next: number } {
  const numberAt = skipSpaces(text, at + 1);
  const token = /\d/.test(text[numberAt] ?? "") || numberAt === at + 1 ? readNumber(text, numberAt) : null;
  if (!token) return { figure: null, next: at + 1 };
  let end = token.tight ? token.end : skipSpaces(text, token.end);
  let unit = "";
  const context = skipSpacesBack(text, at);
  if (text[end] === "位" || text[end] === "名") unit = text[end++];
  else if (RANK_CONTEXT.test(text.slice(Math.max(0, context - 4), context))) end = token.end;
  else return { figure: null, next: token.end };
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
  // GDP115.5亿元: an upper-case acronym names the figure; a code such as A3 or v2.1 is no figure.
  const acronym = isDigit && /(?:^|[^A-Za-z0-9_.])[A-Z]{2,}$/.test(text.slice(Math.max(0, at - 8), at));
  if (isDigit && isAsciiAlnum(previous) && !acronym) {
    let skip = at;
    while (skip < text.length && isAsciiAlnum(text[skip])) skip++;
    return { figure: null, next: skip };
  }
  if (!isDigit && (CN_CHARS.has(previous ?? "") || /[周初]$/.test(previous ?? "") || text.slice(at - 2, at) === "星期")) {
    return { figure: null, next: at + 1 };
  }
  let token = readNumber(text, at);
  if (!token) return { figure: null, next: at + 1 };
  if (isAsciiLetter(text[token.end])) return { figure: null, next: token.end };
  const tenths = tenthsAt(text, at, token);
  if (tenths) return tenths;
  // 2。87亿元: a decimal only when a unit of what can be fractional follows the digits at once.
  const pointed = readIdeographicDecimal(text, token);
  const pointedUnit = pointed && readUnit(text, pointed);
  if (pointed && pointedUnit && !pointedUnit.whole) token = pointed;
  let unit = token === pointed ? pointedUnit : readUnit(text, token);
  let high: { token: NumberToken; unit: UnitMatch | null } | null = null;
  const gap = (position: number): number => (token.tight ? position : skipSpaces(text, position));
  const separatorAt = gap(unit?.end ?? token.end);
  const separator = RANGE_SEPARATORS.find((sep) => text.startsWith(sep, separatorAt));
  if (separator) {
    const secondAt = gap(separatorAt + separator.length);
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
  const [start, before] = prefixQualifier(text, negative ? at - 1 : at, !negative && !token.chinese);
  const [end, after] = suffixQualifier(text, unit.end);
  let qualifier: Qualifier = before ?? (unit.approx ? "more_than" : after) ?? "exact";
  if (high) qualifier = "range";
  const figure: ParsedFigure = {
    text: "", start, end, value, unit: unit.unit, baseUnit: unit.base, scale: unit.factor,
    valueBase: roundBase(value * unit.factor), qualifier, kind: unit.kind, decimals: token.decimals,
  };
  if (high) figure.valueHigh = high.token.value;
  // 进入全省前15位: a rank no worse than 15 (前移3位 is a change, read by the analyzer).
  if (!high && text[skipSpacesBack(text, at) - 1] === "前" && /^[位名]$/.test(unit.unit) && !token.scaleWord) {
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
  const plain = foldFigureText(text);
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
