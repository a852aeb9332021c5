/**
 * Bytes → text for uploaded .txt/.md files: BOMs, strict UTF-8, then a choice
 * between GB18030 (GBK) and Big5 for legacy Chinese files.
 */

/** Encodings {@link decodeBytes} can report. */
export type TextEncodingName = "utf-8" | "gb18030" | "big5" | "utf-16le" | "utf-16be";

const SAMPLE_BYTES = 8192;

/**
 * True for bytes that are not text: NUL bytes (outside UTF-16), or more than
 * 10% control characters other than tab, newline, carriage return, form feed
 * and escape, in the first 8 KB.
 */
export function isProbablyBinary(bytes: Uint8Array): boolean {
  if (bomEncoding(bytes) !== undefined || utf16WithoutBom(bytes) !== undefined) return false;
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  if (sample.length === 0) return false;
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) control++;
  }
  return control / sample.length > 0.1;
}

function bomEncoding(bytes: Uint8Array): { encoding: TextEncodingName; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return undefined;
}

/** Printable ASCII or tab/newline/carriage return. */
function isTextByte(byte: number): boolean {
  return (byte >= 0x20 && byte < 0x7f) || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/**
 * ASCII-heavy UTF-16 without a BOM: one byte of most pairs is NUL, the other
 * printable, and the other side of the pair is never NUL.
 */
function utf16WithoutBom(bytes: Uint8Array): TextEncodingName | undefined {
  const sample = bytes.subarray(0, Math.min(bytes.length, SAMPLE_BYTES) & ~1);
  if (sample.length < 8) return undefined;
  const pairs = sample.length / 2;
  let littleEndian = 0;
  let bigEndian = 0;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenZero++;
    if (sample[i + 1] === 0) oddZero++;
    if (sample[i + 1] === 0 && isTextByte(sample[i])) littleEndian++;
    if (sample[i] === 0 && isTextByte(sample[i + 1])) bigEndian++;
  }
  if (littleEndian / pairs > 0.4 && evenZero === 0) return "utf-16le";
  if (bigEndian / pairs > 0.4 && oddZero === 0) return "utf-16be";
  return undefined;
}

function countReplacements(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) count++;
  return count;
}

/**
 * Share of double-byte pairs whose trail byte is 0x40–0x7E. GB2312 text never
 * has such pairs; Big5 text has them for about a third of its characters.
 */
function lowTrailShare(bytes: Uint8Array): number {
  let pairs = 0;
  let low = 0;
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] < 0x81) continue;
    pairs++;
    if (bytes[i + 1] >= 0x40 && bytes[i + 1] <= 0x7e) low++;
    i++;
  }
  return pairs === 0 ? 0 : low / pairs;
}

/**
 * Decodes uploaded text bytes. Throws `Error('binary')` for non-text bytes so
 * the caller can answer 415.
 *
 * @example
 * decodeBytes(new TextEncoder().encode("园区")) // { text: "园区", encoding: "utf-8" }
 */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  const bom = bomEncoding(bytes);
  if (bom) return { text: new TextDecoder(bom.encoding).decode(bytes.subarray(bom.length)), encoding: bom.encoding };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  if (isProbablyBinary(bytes)) throw new Error("binary");
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // not UTF-8: a legacy Chinese encoding
  }
  const gb = new TextDecoder("gb18030").decode(bytes);
  let big5: string | undefined;
  try {
    big5 = new TextDecoder("big5").decode(bytes);
  } catch {
    big5 = undefined; // runtime without Big5
  }
  if (big5 === undefined) return { text: gb, encoding: "gb18030" };
  const gbBad = countReplacements(gb);
  const big5Bad = countReplacements(big5);
  if (gbBad !== big5Bad) {
    return gbBad < big5Bad ? { text: gb, encoding: "gb18030" } : { text: big5, encoding: "big5" };
  }
  return lowTrailShare(bytes) > 0.15 ? { text: big5, encoding: "big5" } : { text: gb, encoding: "gb18030" };
}
