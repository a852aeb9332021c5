import { OpenAIEmbeddings } from "@langchain/openai";
import type { Embedder } from "./embedder.ts";

/**
 * OpenAI-compatible embeddings through @langchain/openai. Newlines are kept (stripNewLines: false):
 * in official documents a line break often separates headings from body text.
 */
export class OpenAIEmbedder implements Embedder {
  readonly name: string;
  private readonly client: OpenAIEmbeddings;
  private measured: number | undefined;

  constructor(options: { apiKey: string; baseUrl?: string; model: string; dimension: number; timeoutMs?: number }) {
    this.name = `openai:${options.model}`;
    this.measured = options.dimension;
    this.client = new OpenAIEmbeddings({
      apiKey: options.apiKey,
      model: options.model,
      stripNewLines: false,
      timeout: options.timeoutMs,
      maxRetries: 1,
      configuration: options.baseUrl ? { baseURL: options.baseUrl } : undefined,
    });
  }

  get dimension(): number {
    return this.measured ?? 0;
  }

  async embed(texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    const vectors = await this.client.embedDocuments(texts);
    this.measured = vectors[0]?.length ?? this.measured;
    return vectors;
  }
}
