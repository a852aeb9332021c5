import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import { answerQuestion } from "../answer/answer-question.ts";
import type { AnswerInput, AnswerResult } from "../answer/types.ts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import type { AnswerVerb } from "./ask.ts";
import type { AppEnv } from "./auth.ts";
import { completionTail, startTokenRun, streamProblem } from "./sse.ts";
import { readJson } from "./validate.ts";

/** The model id every client can ask for; the configured LLM is listed too when there is one. */
export const ASSISTANT_MODEL = "park-assistant";
const CREATED = 1_735_689_600; // 2025-01-01: a stable `created` for the model list

const contentPart = z.object({ type: z.string(), text: z.string().optional() });
const messageSchema = z.object({
  role: z.enum(["system", "developer", "user", "assistant", "tool", "function"]),
  content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
});
/** The POST /v1/chat/completions body (also in /openapi.json). */
export const completionSchema = z.object({
  model: z.string().trim().min(1, "需要 model"),
  messages: z.array(messageSchema).min(1, "messages 不能为空"),
  stream: z.boolean().nullable().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullable().optional(),
  user: z.string().max(200).optional(),
  /** Extension: restrict answers to one park. */
  park: z.string().trim().min(1).max(100).optional(),
});
type CompletionRequest = z.infer<typeof completionSchema>;
type Message = z.infer<typeof messageSchema>;

/**
 * OpenAI-compatible endpoints: GET /models, GET /models/:id, POST /chat/completions (plain and `stream: true`).
 * The last user message is answered by the same verb as /api/ask; the reply carries the usual OpenAI shapes plus
 * `park_assistant: { conversation_id, citations, facts, verification, mode }`. Errors stay problem+json.
 */
export function openaiRoutes(deps: Deps, { answer = answerQuestion }: { answer?: AnswerVerb } = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const models = () => [ASSISTANT_MODEL, ...(deps.llmName && deps.llmName !== "offline" ? [deps.llmName] : [])]
    .map((id) => ({ id, object: "model" as const, created: CREATED, owned_by: "park-assistant" }));

  app.get("/models", (context) => context.json({ object: "list", data: models() }));

  app.get("/models/:id{.+}", (context) => {
    const model = models().find((item) => item.id === context.req.param("id"));
    if (!model) throw new AppError("not_found", `模型不存在：${context.req.param("id")}`);
    return context.json(model);
  });

  app.post("/chat/completions", async (context) => {
    const body = await readJson(context, completionSchema);
    const question = lastUserQuestion(body.messages);
    const conversationId = await conversationIdOf(body);
    const input: AnswerInput = { question, conversationId, channel: "openai", ...(body.park ? { park: body.park } : {}) };
    const id = `chatcmpl-${crypto.randomUUID().replaceAll("-", "")}`;
    const created = Math.floor(Date.now() / 1000);
    const promptTokens = estimateTokens(body.messages.map((message) => textOf(message)).join("\n"));
    const extra = (result: AnswerResult) => ({
      conversation_id: result.conversationId, citations: result.citations, facts: result.facts,
      verification: result.verification, mode: result.mode,
    });
    const usage = (answerText: string) => {
      const completionTokens = estimateTokens(answerText);
      return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
    };

    if (!body.stream) {
      const result = await answer(deps, input, { signal: context.req.raw.signal });
      return context.json({
        id, object: "chat.completion", created, model: body.model, system_fingerprint: null,
        choices: [{ index: 0, message: { role: "assistant", content: result.answer, refusal: null }, logprobs: null, finish_reason: "stop" }],
        usage: usage(result.answer),
        park_assistant: extra(result),
      });
    }

    const run = await startTokenRun<AnswerResult>((onToken, signal) => answer(deps, input, { onToken, signal }), context.req.raw.signal);
    const chunk = (delta: Record<string, unknown>, finishReason: "stop" | null = null, more: Record<string, unknown> = {}) =>
      JSON.stringify({
        id, object: "chat.completion.chunk", created, model: body.model, system_fingerprint: null,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }], ...more,
      });
    return streamSSE(context, async (stream) => {
      stream.onAbort(() => run.abort());
      await stream.writeSSE({ data: chunk({ role: "assistant", content: "" }) });
      let streamed = "";
      for await (const event of run.events) {
        if (event.type === "token") {
          streamed += event.text;
          await stream.writeSSE({ data: chunk({ content: event.text }) });
        } else if (event.type === "done") {
          const tail = completionTail(streamed, event.result.answer);
          if (tail.text) await stream.writeSSE({ data: chunk({ content: tail.text }) });
          await stream.writeSSE({ data: chunk({}, "stop", { park_assistant: extra(event.result) }) });
          if (body.stream_options?.include_usage) {
            await stream.writeSSE({
              data: JSON.stringify({ id, object: "chat.completion.chunk", created, model: body.model, choices: [], usage: usage(event.result.answer) }),
            });
          }
          await stream.writeSSE({ data: "[DONE]" });
        } else {
          // The openai SDK raises an APIError for a data line carrying `error`.
          const problem = streamProblem(deps, context, event.error);
          await stream.writeSSE({ data: JSON.stringify({ error: { ...problem, message: problem.detail } }) });
        }
      }
    });
  });

  return app;
}

/** Plain text of a message: a string, or the text parts of a parts array. */
function textOf(message: Message): string {
  if (typeof message.content === "string") return message.content;
  if (!message.content) return "";
  return message.content.filter((part) => part.type === "text" || part.type === "input_text").map((part) => part.text ?? "").join("\n");
}

function lastUserQuestion(messages: Message[]): string {
  const last = [...messages].reverse().find((message) => message.role === "user");
  const question = last ? textOf(last).trim() : "";
  if (!question) throw new AppError("bad_request", "messages 中没有非空的 user 消息");
  if (question.length > 2000) throw new AppError("bad_request", "问题不能超过 2000 个字符");
  return question;
}

/**
 * OpenAI clients resend the whole transcript and no conversation id. A chat is identified by its caller (`user`)
 * and its opening user message, so every turn of one chat maps to the same stored conversation and follow-ups
 * (「那去年呢？」) resolve against it.
 */
export async function conversationIdOf(body: Pick<CompletionRequest, "messages" | "user">): Promise<string> {
  const first = body.messages.find((message) => message.role === "user");
  const seed = JSON.stringify([body.user ?? null, first ? textOf(first).trim() : ""]);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(seed)));
  return `openai-${[...digest.slice(0, 16)].map((byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}

/** Rough token count: one per CJK character, one per four other characters. */
export function estimateTokens(text: string): number {
  const cjk = text.match(/[\u3000-\u9fff\uff00-\uffef]/gu)?.length ?? 0;
  return cjk + Math.ceil((text.length - cjk) / 4);
}
