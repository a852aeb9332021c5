/**
 * The embedding port. The dimension belongs to the embedder: switching embedders means re-embedding
 * (`npm run reembed`), which the store notices through the recorded embedder name.
 */
export interface Embedder {
  /** Stable name recorded with the data, e.g. "hash-ngram-512" or "openai:text-embedding-3-small". */
  readonly name: string;
  readonly dimension: number;
  embed(texts: string[]): Promise<number[][]>;
}
