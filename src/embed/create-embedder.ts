import type { Config } from "../config.ts";
import type { Embedder } from "./embedder.ts";
import { HashEmbedder } from "./hash-embedder.ts";
import { OpenAIEmbedder } from "./openai-embedder.ts";

/** OpenAI-compatible embeddings when EMBEDDING_MODEL and an endpoint are configured; hashed n-grams otherwise. */
export function createEmbedder(config: Config): Embedder {
  if (config.openai?.embeddingModel) {
    return new OpenAIEmbedder({
      apiKey: config.openai.apiKey,
      baseUrl: config.openai.baseUrl,
      model: config.openai.embeddingModel,
      dimension: 0,
      timeoutMs: config.openai.timeoutMs,
    });
  }
  return new HashEmbedder();
}
