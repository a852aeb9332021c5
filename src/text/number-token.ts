/**
 * The number reader under the figure parser: the view of a text it scans, the horizontal-space
 * helpers and the readers of one Arabic or Chinese number. The view folds full-width digits and
 * signs to ASCII and traditional characters of the number vocabulary to simplified, one code unit
 * for one, so that every offset into the view is an offset into the input.
 */
import { CN_CHARS, CN_DIGITS, parseChineseNumeral } from "./chinese-numeral.ts";
import { TRADITIONAL_FORMS } from "./number-units.ts";

const FULL_WIDTH: Readonly<Record<string, string>> = { "．": ".", "％": "%", "－": "-", "～": "~" };
const FOLDABLE = new RegExp(`[\\uFF10-\\uFF19\\uFF0E\\uFF05\\uFF0D\\uFF5E${Object.keys(TRADITIONAL_FORMS).join("")}]`, "g");

/**
 * Full-width digits and signs to ASCII and traditional vocabulary to simplified, one code unit for
 * one, so offsets stay valid.
 * @example foldFigureText("９８.４億元") // "98.4亿元"
 */
export function foldFigureText(text: string): string {
  return text.replace(FOLDABLE, (ch) => {
    const code = ch.charCodeAt(0);
    if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 48);
    return FULL_WIDTH[ch] ?? TRADITIONAL_FORMS[ch] ?? ch;
  });
}

/** Space, tab, no-break space and ideographic space; never a line break. */
export const isHorizontalSpace = (ch: string | undefined): boolean =>
  ch === " " || ch === "\t" || ch === "\u00a0" || ch === "\u3000";

/** First offset at or after `at` that is not a horizontal space. */
export function skipSpaces(text: string, at: number): number {
  while (at < text.length && isHorizontalSpace(text[at])) at++;
  return at;
}

/** Offset just after the last non-space character before `at` (`at` itself when none is skipped). */
export function skipSpacesBack(text: string, at: number): number {
  while (at > 0 && isHorizontalSpace(text[at - 1])) at--;
  return at;
}

/** Whether `text[from, to)` holds a horizontal space. */
export function hasSpace(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isHorizontalSpace(text[i])) return true;
  return false;
}

/** One number as read: its value, precision, where it ends and how its unit may follow. */
export interface NumberToken {
  value: number;
  decimals: number;
  end: number;
  chinese: boolean;
  /** The unit must follow at once: Chinese numerals, and 2。87 (no spaces where a sentence may end). */
  tight: boolean;
  /** Scale already inside a Chinese numeral (三千五百万 → 万). */
  scaleWord?: string;
  scaleFactor?: number;
}

const ARABIC = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/y;

function readArabic(text: string, at: number): NumberToken | null {
  ARABIC.lastIndex = at;
  const match = ARABIC.exec(text);
  if (!match) return null;
  const raw = match[0].replace(/,/g, "");
  const point = raw.indexOf(".");
  return { value: Number(raw), decimals: point < 0 ? 0 : raw.length - point - 1, end: at + match[0].length, chinese: false, tight: false };
}

const FRACTION = /\d+/y;

/** 2。87: the Arabic number read on across an ideographic full stop between digits (checked for a unit by the caller). */
export function readIdeographicDecimal(text: string, token: NumberToken): NumberToken | null {
  if (token.chinese || token.decimals > 0 || text[token.end] !== "。") return null;
  FRACTION.lastIndex = token.end + 1;
  const match = FRACTION.exec(text);
  if (!match) return null;
  const value = Number(`${token.value}.${match[0]}`);
  return { value, decimals: match[0].length, end: token.end + 1 + match[0].length, chinese: false, tight: true };
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
  return { value, decimals: point < 0 ? 0 : run.length - point - 1, end, chinese: true, tight: true, scaleWord, scaleFactor };
}

/** The Arabic or Chinese number starting at `at`, or null. */
export function readNumber(text: string, at: number): NumberToken | null {
  const ch = text[at];
  if (ch >= "0" && ch <= "9") return readArabic(text, at);
  return readChinese(text, at);
}
