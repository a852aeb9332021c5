import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ChatOpenAI } from "@langchain/openai";
import type { Config } from "../config.ts";

/**
 * The chat-model port: a LangChain chat model when an OpenAI-compatible endpoint is configured
 * (OpenAI, DeepSeek, Qwen, vLLM, Ollama …), otherwise null → the offline answerer and drafter.
 * Keys are passed explicitly: Workers have no process.env.
 */
export function createChatModel(config: Config): { chat: BaseChatModel | null; name: string } {
  if (!config.openai) return { chat: null, name: "offline" };
  const chat = new ChatOpenAI({
    apiKey: config.openai.apiKey,
    model: config.openai.chatModel,
    temperature: 0.2,
    timeout: config.openai.timeoutMs,
    maxRetries: 1,
    configuration: config.openai.baseUrl ? { baseURL: config.openai.baseUrl } : undefined,
  });
  return { chat, name: config.openai.chatModel };
}
