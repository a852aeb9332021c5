import type { Embedder } from "./embedder.ts";

/** FNV-1a 32-bit: fast, deterministic, identical on Node and Workers. */
function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const cjk = /[\u3400-\u9fff]/;

/** Character unigrams, bigrams and trigrams of CJK runs, plus ASCII words; digits are folded to one symbol. */
function features(text: string): string[] {
  const out: string[] = [];
  const folded = text.replace(/\d+(\.\d+)?/g, "#");
  const runs = folded.match(/[\u3400-\u9fff]+|[a-zA-Z#]+/g) ?? [];
  for (const run of runs) {
    if (!cjk.test(run)) {
      out.push(`w:${run.toLowerCase()}`);
      continue;
    }
    for (let i = 0; i < run.length; i++) {
      out.push(`u:${run[i]}`);
      if (i + 1 < run.length) out.push(`b:${run.slice(i, i + 2)}`, `b:${run.slice(i, i + 2)}`);
      if (i + 2 < run.length) out.push(`t:${run.slice(i, i + 3)}`);
    }
  }
  return out;
}

/**
 * Offline default embedder: hashed character n-grams with signed feature hashing, sublinear term
 * weights and L2 normalisation. No network, no model download, deterministic.
 * @example await new HashEmbedder().embed(["工业总产值"]) // → [[…512 numbers…]]
 */
export class HashEmbedder implements Embedder {
  readonly name: string;
  constructor(readonly dimension = 512) {
    this.name = `hash-ngram-${dimension}`;
  }

  async embed(texts: string[]): Promise<number[][]> {
    return texts.map((text) => this.embedOne(text));
  }

  embedOne(text: string): number[] {
    const counts = new Map<string, number>();
    for (const feature of features(text)) counts.set(feature, (counts.get(feature) ?? 0) + 1);
    const vector = new Float64Array(this.dimension);
    for (const [feature, count] of counts) {
      const hash = fnv1a(feature);
      const sign = (fnv1a(feature, 0x9747b28c) & 1) === 0 ? 1 : -1;
      vector[hash % this.dimension] += sign * (1 + Math.log(count));
    }
    let norm = 0;
    for (const x of vector) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    return Array.from(vector, (x) => x / norm);
  }
}
