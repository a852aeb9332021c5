/**
 * Mojibake: runs of text whose bytes were decoded with the wrong encoding,
 * e.g. `“六?!惫ぷ鳎瑘@区` (GBK bytes read one byte out of step) or
 * `鈥滃叚淇濃€濆伐浣滐紝` (UTF-8 read as GBK). Detection scores characters that
 * are rare in Chinese prose; repair re-encodes a run as GBK and decodes it again.
 */
import { classifyPair, decodeGbkPair, encodeGbk, gbkClass, hasGbk } from "./gbk.ts";

/** A suspicious run in the text it was found in. */
export interface MojibakeRun {
  start: number;
  end: number;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const COMMON_PUNCTUATION = new Set("“”‘’，。、；：！？（）《》【】—…·");
const TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ";
/** Pinyin notes (or their remains) inside a garbled run: `(guān)`, `zāi)`. */
const PINYIN_FRAGMENT = new RegExp(`[(（]?[a-zü${TONE_VOWELS}]*[${TONE_VOWELS}][a-zü${TONE_VOWELS}]*[)）]?`, "g");

function isCjk(char: string | undefined): boolean {
  return char !== undefined && CJK.test(char);
}

/** How suspicious one character is in Chinese prose (0 = normal). */
function suspicion(char: string, previous: string | undefined, next: string | undefined): number {
  const code = char.codePointAt(0) ?? 0;
  if (code === 0xfffd || (code >= 0xe000 && code <= 0xf8ff)) return 3;
  if (code >= 0x3040 && code <= 0x30ff) return 3; // kana in a Chinese text
  if (TONE_VOWELS.includes(char)) return 2; // pinyin left over from a garbled note
  if (code < 0x80) {
    const nearCjk = isCjk(previous) || isCjk(next);
    // A half-width "?" beside anything but ASCII is a lost character, not a question.
    if (char === "?") return nearCjk || (previous ?? "a") > "\u007f" || (next ?? "a") > "\u007f" ? 2 : 0;
    if (/[A-Za-z]/.test(char)) {
      return (isCjk(previous) && (isCjk(next) || next === "(")) || (isCjk(next) && previous === "?") ? 1 : 0;
    }
    if ("!@^~`|\\".includes(char)) return nearCjk || previous === "?" || next === "?" ? 1 : 0;
    return 0;
  }
  if (code === 0x20ac || (code >= 0x0370 && code <= 0x04ff) || (code >= 0x2500 && code <= 0x257f)) return 2;
  if (code >= 0xff21 && code <= 0xff5a) return isCjk(previous) || isCjk(next) ? 1 : 0; // full-width Latin
  if (!isCjk(char) || !hasGbk()) return 0; // without a GBK table only the signals above count
  switch (gbkClass(char)) {
    case "level1":
      return 0;
    case "level2":
      return 1;
    default:
      return 2;
  }
}

/**
 * Finds runs of likely mojibake: at least three suspicious characters, at most
 * three ordinary ones between them, a total suspicion of 5 or more and one
 * strongly suspicious character. Runs never cross a line break.
 */
export function findMojibake(text: string): MojibakeRun[] {
  const runs: MojibakeRun[] = [];
  let current: { start: number; end: number; total: number; count: number; strong: boolean } | null = null;
  const close = (): void => {
    if (current && current.count >= 3 && current.total >= 5 && current.strong) {
      runs.push({ start: current.start, end: current.end });
    }
    current = null;
  };
  // Characters inside pinyin remains neither break a run nor count as gaps.
  const bridge = new Uint8Array(text.length);
  for (const match of text.matchAll(PINYIN_FRAGMENT)) {
    bridge.fill(1, match.index, match.index + match[0].length);
  }
  let gap = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "\n") {
      close();
      continue;
    }
    const score = suspicion(char, text[i - 1], text[i + 1]);
    if (score === 0) {
      if (bridge[i]) continue;
      gap++;
      if (current && gap > 3) close();
      continue;
    }
    gap = 0;
    if (!current) current = { start: i, end: i + 1, total: 0, count: 0, strong: false };
    current.end = i + 1;
    current.total += score;
    current.count++;
    current.strong ||= score >= 2;
  }
  close();
  // A run ending inside pinyin remains takes the rest of them with it.
  for (const run of runs) {
    while (run.end < text.length && bridge[run.end] && bridge[run.end - 1]) run.end++;
  }
  return runs;
}

/** Score of one decoded character: common Chinese high, rare or odd low. */
function charScore(char: string, simplify: (text: string) => string): number {
  if (COMMON_PUNCTUATION.has(char)) return 2;
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x80) {
    if (/[A-Za-z0-9 ]/.test(char)) return 0;
    return char === "?" ? -1 : -0.7;
  }
  if (code === 0xfffd) return -1;
  if (code >= 0xff21 && code <= 0xff5a) return -2; // full-width Latin inside Chinese
  if (!isCjk(char)) return -1.5;
  const kind = gbkClass(simplify(char));
  return kind === "level1" ? 2 : kind === "level2" ? 0.3 : -0.5;
}

/** Sum of character scores; higher means more like ordinary Chinese. */
export function textScore(text: string, simplify: (text: string) => string = (value) => value): number {
  let total = 0;
  const chars = [...text];
  chars.forEach((char, index) => {
    // A Latin letter glued to a Chinese character is a byte, not a word.
    const glued = /[A-Za-z]/.test(char) && (isCjk(chars[index - 1]) || isCjk(chars[index + 1]));
    total += glued ? -1 : charScore(char, simplify);
  });
  return total;
}

/**
 * Best GBK re-reading of bytes that were decoded out of step. Dynamic
 * programming over byte positions: a pair may be read as is, an ASCII byte may
 * get its lost high bit back, and a stray byte may be dropped (as U+FFFD).
 */
function realignGbk(bytes: Uint8Array, simplify: (text: string) => string): string {
  const n = bytes.length;
  const best = new Array<number>(n + 1).fill(-Infinity);
  const back: Array<{ from: number; text: string } | undefined> = new Array(n + 1);
  best[0] = 0;
  const relax = (from: number, to: number, text: string, score: number): void => {
    if (best[from] + score > best[to]) {
      best[to] = best[from] + score;
      back[to] = { from, text };
    }
  };
  for (let i = 0; i < n; i++) {
    if (best[i] === -Infinity) continue;
    const byte = bytes[i];
    if (byte < 0x80) relax(i, i + 1, String.fromCharCode(byte), charScore(String.fromCharCode(byte), simplify));
    else relax(i, i + 1, "\ufffd", -1);
    if (i + 1 < n) {
      const trail = bytes[i + 1];
      if (byte >= 0x81) {
        const char = decodeGbkPair(byte, trail);
        if (char) relax(i, i + 2, char, charScore(char, simplify));
      } else if (byte >= 0x21 && byte !== 0x3f && trail >= 0xa1 && classifyPair(byte | 0x80, trail) !== "extension") {
        const char = decodeGbkPair(byte | 0x80, trail);
        if (char) relax(i, i + 2, char, charScore(char, simplify) - 1.5);
      }
    }
  }
  const parts: string[] = [];
  for (let at = n; at > 0; ) {
    const step = back[at];
    if (!step) break;
    parts.push(step.text);
    at = step.from;
  }
  return parts.reverse().join("");
}

/**
 * Tries to recover the text behind a mojibake run (given as it appeared in the
 * source, before 繁→简). Returns the repair, or undefined when no reading is
 * clearly better than the garbage. The repair may still hold U+FFFD for bytes
 * that were lost for good.
 */
export function repairMojibake(source: string, simplify: (text: string) => string = (value) => value): string | undefined {
  // Drop pinyin notes (a tone vowel alone, like ǔ, is a GBK symbol and stays).
  const bytes = encodeGbk(source.replace(PINYIN_FRAGMENT, (fragment) => (/[a-z()（）]/.test(fragment) ? "" : fragment)));
  if (!bytes) return undefined;
  const candidates: string[] = [];
  // UTF-8 read as GBK; lost bytes come back as U+FFFD and cost score below.
  candidates.push(new TextDecoder("utf-8").decode(bytes));
  candidates.push(realignGbk(bytes, simplify));
  const before = textScore(source, simplify);
  let bestText: string | undefined;
  let bestScore = before + 1;
  for (const candidate of candidates) {
    const chars = [...candidate];
    const good = chars.filter((char) => charScore(char, simplify) >= 2).length;
    const score = textScore(candidate, simplify);
    if (good / Math.max(chars.length, 1) >= 0.5 && score > bestScore) {
      bestScore = score;
      bestText = candidate;
    }
  }
  return bestText === undefined ? undefined : simplify(bestText);
}
