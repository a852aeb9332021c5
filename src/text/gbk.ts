/**
 * A GBK encoder and character classes built lazily from the runtime's own
 * `TextDecoder('gbk')`, so no code table ships with the bundle.
 *
 * Used to undo mojibake (text whose GBK bytes were decoded the wrong way) and
 * to tell common characters (GB2312 level 1) from rare ones.
 */

/** How common a character is, judged by its place in GBK. */
export type GbkClass =
  | "ascii"
  | "level1" // GB2312 level-1 hanzi: the 3,755 most common characters
  | "level2" // GB2312 level-2 hanzi: rarer characters
  | "symbol" // GB2312 symbol rows (punctuation, kana, Greek, box drawing …)
  | "extension" // GBK extension: traditional and rare characters
  | "none"; // not encodable in GBK

interface GbkTable {
  encode: Map<string, number>; // char -> (lead << 8) | trail
  decoder: TextDecoder;
}

let table: GbkTable | null | undefined;

/** Builds the reverse table once; null when the runtime has no GBK decoder. */
function getTable(): GbkTable | null {
  if (table !== undefined) return table;
  try {
    const decoder = new TextDecoder("gbk");
    const encode = new Map<string, number>();
    const pair = new Uint8Array(2);
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        pair[0] = lead;
        pair[1] = trail;
        const char = decoder.decode(pair);
        if (char.length === 1 && char !== "\ufffd" && !encode.has(char)) {
          encode.set(char, (lead << 8) | trail);
        }
      }
    }
    table = { encode, decoder };
  } catch {
    table = null;
  }
  return table;
}

/** True when the runtime can decode GBK (Node with ICU, browsers; maybe not every edge runtime). */
export function hasGbk(): boolean {
  return getTable() !== null;
}

/** The two-byte GBK code of a character, or undefined (ASCII and unencodable characters). */
export function gbkCode(char: string): number | undefined {
  return getTable()?.encode.get(char);
}

/**
 * Encodes text as GBK bytes. ASCII stays one byte; characters GBK cannot hold
 * become `?` (0x3f). Returns null when the runtime has no GBK decoder.
 */
export function encodeGbk(text: string): Uint8Array | null {
  const current = getTable();
  if (!current) return null;
  const out: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0x3f;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const pair = current.encode.get(char);
    if (char === "\u20ac") out.push(0x80); // the one single-byte non-ASCII GBK code
    else if (pair === undefined) out.push(0x3f);
    else out.push(pair >> 8, pair & 0xff);
  }
  return Uint8Array.from(out);
}

/** Decodes one GBK pair; undefined when it is not a valid character. */
export function decodeGbkPair(lead: number, trail: number): string | undefined {
  const current = getTable();
  if (!current) return undefined;
  const char = current.decoder.decode(Uint8Array.of(lead, trail));
  return char.length === 1 && char !== "\ufffd" ? char : undefined;
}

/** Classifies a character by its place in GBK (see {@link GbkClass}). */
export function gbkClass(char: string): GbkClass {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x80) return "ascii";
  const pair = gbkCode(char);
  if (pair === undefined) return "none";
  return classifyPair(pair >> 8, pair & 0xff);
}

/** Classifies a GBK byte pair without decoding it. */
export function classifyPair(lead: number, trail: number): GbkClass {
  if (trail < 0xa1 || lead < 0xa1) return "extension";
  if (lead >= 0xb0 && lead <= 0xd7) return lead === 0xd7 && trail > 0xf9 ? "extension" : "level1";
  if (lead >= 0xd8 && lead <= 0xf7) return "level2";
  if (lead <= 0xa9) return "symbol";
  return "extension";
}
