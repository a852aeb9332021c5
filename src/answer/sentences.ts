import { splitSentences } from "../text/sentences.ts";

const SENTENCE_END = /[。！？!?；;\n]/;

/**
 * Cut the complete sentences off the front of a stream buffer; the rest waits for more tokens.
 * Never cuts inside a citation marker [n].
 */
export function takeCompleteSentences(buffer: string): { sentences: string[]; rest: string } {
  let last = -1;
  for (let index = 0; index < buffer.length; index++) if (SENTENCE_END.test(buffer[index])) last = index;
  if (last < 0) return { sentences: [], rest: buffer };
  // A marker right after the punctuation ("……。[2]") belongs to the sentence: wait for it.
  const head = buffer.slice(0, last + 1);
  const tail = buffer.slice(last + 1);
  if (/^\s*[[【]\d*$/.test(tail)) return { sentences: [], rest: buffer };
  return { sentences: splitSentences(head), rest: tail };
}

/** Emit a finished text through `onToken` sentence by sentence (the offline stream). */
export function emitBySentence(text: string, onToken?: (text: string) => void): void {
  if (!onToken) return;
  for (const piece of splitSentences(text)) onToken(piece);
}

/** Bigrams of the CJK and alphanumeric characters of a text (for overlap scores). */
export function bigrams(text: string): Set<string> {
  const clean = text.replace(/[^\p{Script=Han}A-Za-z0-9]/gu, "");
  const grams = new Set<string>();
  for (let index = 0; index + 2 <= clean.length; index++) grams.add(clean.slice(index, index + 2));
  return grams;
}

/** Share of the query's bigrams found in a text, 0…1. */
export function overlap(query: Set<string>, text: string): number {
  if (query.size === 0) return 0;
  const grams = bigrams(text);
  let hits = 0;
  for (const gram of query) if (grams.has(gram)) hits++;
  return hits / query.size;
}

/**
 * Weights of the query's bigrams by rarity among candidate texts (inverse document frequency): 疫情 counts
 * more than 企业 when every candidate mentions 企业.
 */
export function gramWeights(query: Set<string>, texts: string[]): Map<string, number> {
  const sets = texts.map(bigrams);
  const weights = new Map<string, number>();
  for (const gram of query) {
    const df = sets.filter((set) => set.has(gram)).length;
    weights.set(gram, Math.log(1 + (texts.length + 1) / (1 + df)));
  }
  return weights;
}

/** Weighted share of the query's bigrams found in a text, 0…1. */
export function weightedOverlap(weights: Map<string, number>, text: string): number {
  let total = 0;
  let hit = 0;
  const grams = bigrams(text);
  for (const [gram, weight] of weights) {
    total += weight;
    if (grams.has(gram)) hit += weight;
  }
  return total ? hit / total : 0;
}
