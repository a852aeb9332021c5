/**
 * The text to verify as the claim finder reads it: normalized the way documents are at ingest
 * (繁→简, full-width digits and ％, page chrome), with a way back to offsets in the caller's text.
 */
import { normalizeText } from "../text/normalize.ts";

/** Normalized text and the mapping of its spans back to the original. */
export interface InputText {
  text: string;
  /** The span [start, end) of the normalized text in the original text. */
  toOriginal(start: number, end: number): { start: number; end: number };
}

/**
 * @example const input = readInput("２０２２年江嶼經濟開發區工業總產值352.9億元");
 * // input.text === "2022年江屿经济开发区工业总产值352.9亿元"; input.toOriginal(a, b) → offsets into the original
 */
export function readInput(original: string): InputText {
  const normalized = normalizeText(original);
  const { map } = normalized;
  return {
    text: normalized.text,
    toOriginal(start, end) {
      const from = map[start] ?? original.length;
      // The end is one past the last character's origin, so characters dropped after it stay outside.
      const to = end > start ? (map[end - 1] ?? original.length - 1) + 1 : from;
      return { start: from, end: Math.max(from, Math.min(to, original.length)) };
    },
  };
}
