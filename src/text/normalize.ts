/**
 * normalizeText: the first stage every document goes through. Strips scraped
 * page chrome and pinyin notes, rejoins page-split fragments, converts 繁→简
 * and full-width letters/digits, finds (and where possible repairs) mojibake,
 * and keeps for every output character its offset in the input.
 */
import { Converter } from "opencc-js/t2cn";
import { type Edit, type MappedText, applyEdits, convertPieces, fromRaw, replaceAll } from "./mapped-text.ts";
import { findMojibake, repairMojibake } from "./mojibake.ts";
import { joinPageFragments, stripChrome } from "./page-chrome.ts";

/** A run that is (still) garbled; numbers inside must not be extracted. */
export interface MojibakeSpan {
  /** Offsets in the normalized text. */
  start: number;
  end: number;
  /** The run as it appeared in the input. */
  sample: string;
  /** The partial repair now in the text, when one was made. */
  repaired?: string;
}

/** Result of {@link normalizeText}. */
export interface NormalizedText {
  text: string;
  /** `map[i]` = offset in the input of normalized char i; `map[text.length]` = input length. */
  map: number[];
  /** Human-readable notes (simplified Chinese) about what was removed or is doubtful. */
  warnings: string[];
  mojibake: MojibakeSpan[];
}

let converter: ((text: string) => string) | undefined;

/** Traditional (Taiwan standard, with phrases) → simplified, built once. */
export function toSimplified(text: string): string {
  converter ??= Converter({ from: "tw", to: "cn" });
  return converter(text);
}

const TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü";
/** A pinyin syllable, tone-marked or plain, optionally with a tone digit. */
const PINYIN_SYLLABLE = new RegExp(
  `^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouv${TONE_VOWELS}][a-z${TONE_VOWELS}]{0,4}[1-5]?$`,
);
/** A CJK character followed by a parenthesized pinyin note: `權(quán)`, `区（qū）`. */
const PINYIN_NOTE = new RegExp(`(?<=[\\u3400-\\u9fff])[(（]([a-z${TONE_VOWELS}]{1,7}[1-5]?)[)）]`, "g");

function stripPinyin(input: MappedText): { result: MappedText; count: number } {
  let count = 0;
  const result = replaceAll(input, PINYIN_NOTE, (match) => {
    const syllable = match[1];
    const hasTone = [...syllable].some((char) => TONE_VOWELS.includes(char)) || /\d$/.test(syllable);
    // Plain letters must look like a syllable and not like a unit or code.
    if (!PINYIN_SYLLABLE.test(syllable) || (!hasTone && syllable.length < 2)) return undefined;
    count++;
    return "";
  });
  return { result, count };
}

/** Tidies whitespace: no blank lines, single spaces, trimmed lines. */
function collapseWhitespace(input: MappedText): MappedText {
  let result = replaceAll(input, /[\u200b-\u200d\u2060\ufeff]+/g, () => "");
  result = replaceAll(result, /\r\n?/g, () => "\n");
  result = replaceAll(result, /[ \t\f\v\u00a0\u3000]+/g, (match) => (match[0] === " " ? undefined : " "));
  // PDF text layers space figures off from the words around them (总产值 143.6 亿元，下降 2.8%): join them.
  // Only around a figure (a number with a unit after it): 二、存在的问题 1.企业… keeps its space before a heading.
  const unit = "亿万千百元%個个家人户戶项項件吨噸平方公里米千瓦时時公顷頃亩畝億萬位名";
  result = replaceAll(result, new RegExp(`(?<=[\\u3400-\\u9fff\\u3000-\\u303f\\uff00-\\uffef])[ ]+(?=\\d[\\d.,]*[ ]*[${unit}])|(?<=\\d)[ ]+(?=[${unit}])`, "g"), () => "");
  result = replaceAll(result, / *\n[\s]*/g, () => "\n"); // trims around breaks and drops blank lines
  result = replaceAll(result, /^\s+|\s+$/g, () => "");
  return result;
}

const CJK_CHAR = /[\u3400-\u9fff\uf900-\ufaff]/;
const FULL_WIDTH_PUNCTUATION: Record<string, string> = { ",": "，", ";": "；", ":": "：", "!": "！", "?": "？" };

/**
 * Full-width digits, letters, ％ and a few operators → half-width; half-width
 * , ; : ! ? next to Chinese → full-width. Length-preserving; skips `protect`.
 */
function foldWidth(input: MappedText, protect: Array<{ start: number; end: number }>): MappedText {
  const text = input.text;
  const isProtected = (index: number): boolean => protect.some((span) => index >= span.start && index < span.end);
  return replaceAll(input, /[\uff01-\uff5e,;:!?]/g, (match) => {
    const index = match.index;
    if (isProtected(index)) return undefined;
    const char = match[0];
    const previous = text[index - 1] ?? "";
    const next = text[index + 1] ?? "";
    if (char in FULL_WIDTH_PUNCTUATION) {
      return CJK_CHAR.test(previous) || CJK_CHAR.test(next) ? FULL_WIDTH_PUNCTUATION[char] : undefined;
    }
    const code = char.charCodeAt(0);
    const half = String.fromCharCode(code - 0xfee0);
    if (/[0-9A-Za-z%+\-/=<>]/.test(half)) return half;
    if (char === "．" && /[0-9０-９]/.test(previous) && /[0-9０-９]/.test(next)) return ".";
    return undefined;
  });
}

/** Finds mojibake, repairs what it can, and returns the spans still doubtful. */
function handleMojibake(
  input: MappedText,
  source: string,
  raw: string,
): { result: MappedText; spans: MojibakeSpan[]; repairedCount: number } {
  const runs = findMojibake(input.text);
  const edits: Edit[] = [];
  const pending: Array<{ edit: Edit; sample: string; repaired?: string }> = [];
  let repairedCount = 0;
  for (const run of runs) {
    const sample = raw.slice(input.map[run.start], input.map[run.end - 1] + 1);
    const repair = repairMojibake(source.slice(run.start, run.end), toSimplified);
    if (repair === undefined) {
      pending.push({ edit: { start: run.start, end: run.end, text: input.text.slice(run.start, run.end) }, sample });
      continue;
    }
    const text = repair.replace(/\?/g, "\ufffd");
    const edit = { start: run.start, end: run.end, text };
    edits.push(edit);
    if (text.includes("\ufffd")) pending.push({ edit, sample, repaired: text });
    else repairedCount++;
  }
  const result = applyEdits(input, edits);
  // Translate run offsets through the edits (they shift later runs).
  const spans: MojibakeSpan[] = pending.map(({ edit, sample, repaired }) => {
    let shift = 0;
    for (const other of edits) if (other.start < edit.start) shift += other.text.length - (other.end - other.start);
    return { start: edit.start + shift, end: edit.start + shift + edit.text.length, sample, repaired };
  });
  return { result, spans, repairedCount };
}

/**
 * Normalizes a document's raw text.
 *
 * @example
 * normalizeText("區(qū)委").text // "区委"
 */
export function normalizeText(raw: string): NormalizedText {
  const run = normalization(raw);
  for (const step of run.steps) step();
  return run.result();
}

/**
 * {@link normalizeText} with a pause between its steps (each a pass over the text), so that normalizing a document
 * of megabytes leaves the event loop free for other requests between passes. Same result.
 */
export async function normalizeTextPausing(raw: string, pause: () => Promise<void>): Promise<NormalizedText> {
  const run = normalization(raw);
  for (const step of run.steps) {
    step();
    await pause();
  }
  return run.result();
}

/** The passes of normalization, in order, over one piece of state. */
function normalization(raw: string): { steps: Array<() => void>; result: () => NormalizedText } {
  const warnings: string[] = [];
  let current = fromRaw(raw);
  let beforeConversion = "";
  let mojibake: ReturnType<typeof handleMojibake> | undefined;
  const steps = [
    () => {
      const pinyin = stripPinyin(current);
      current = pinyin.result;
      if (pinyin.count > 0) warnings.push(`已去除拼音注音 ${pinyin.count} 处`);
    },
    () => {
      const chrome = stripChrome(current, toSimplified);
      current = chrome.result;
      if (chrome.report.bannerLines > 0 || chrome.report.footerChars > 0) {
        warnings.push(
          `已去除网页模板内容（页眉等 ${chrome.report.bannerLines} 行，页尾 ${chrome.report.footerChars} 字）`,
        );
      }
      if (chrome.report.truncated) warnings.push("正文末尾不完整（疑为网页预览截断），末句可能缺失");
    },
    () => {
      const pages = joinPageFragments(current);
      current = pages.result;
      if (pages.removed > 0) warnings.push(`已拼接分页断句 ${pages.removed} 处`);
    },
    () => {
      current = collapseWhitespace(current);
    },
    () => {
      beforeConversion = current.text;
      current = convertPieces(current, toSimplified);
    },
    () => {
      mojibake = handleMojibake(current, beforeConversion, raw);
      current = mojibake.result;
      if (mojibake.repairedCount > 0) warnings.push(`已修复疑似乱码 ${mojibake.repairedCount} 处`);
      for (const span of mojibake.spans) {
        const what = span.repaired ? `，已部分修复为“${span.repaired}”` : "";
        warnings.push(`疑似乱码：“${span.sample}”（第${span.start + 1}字附近）${what}，已排除在数字抽取之外`);
      }
    },
    () => {
      current = foldWidth(current, mojibake!.spans);
    },
  ];
  return { steps, result: () => ({ text: current.text, map: current.map, warnings, mojibake: mojibake!.spans }) };
}
