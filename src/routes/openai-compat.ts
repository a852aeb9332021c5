import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { answerQuestion } from "../answer/answer-question.ts";
import { sourcesLine } from "../answer/sources-footer.ts";
import { type AnswerInput, type AnswerResult, MAX_QUESTION_CHARS } from "../answer/types.ts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import type { AnswerVerb } from "./ask.ts";
import type { AppEnv } from "./auth.ts";
import { estimateTokens, type FinishReason, sendableContent } from "./openai-content.ts";
import { completionSchema, contentLimits, type Message, refuseUnsupported, unknownParameters } from "./openai-request.ts";
import { completionTail, startTokenRun, streamProblem } from "./sse.ts";
import { readJson } from "./validate.ts";

/** The model id every client can ask for; the configured LLM is listed too when there is one. */
export const ASSISTANT_MODEL = "park-assistant";
const CREATED = 1_735_689_600; // 2025-01-01: a stable `created` for the model list

/**
 * OpenAI-compatible endpoints: GET /models, GET /models/:id, POST /chat/completions (plain and `stream: true`).
 * The last user message is answered by the same verb as /api/ask, its follow-ups resolved from the earlier user
 * messages of the request alone (no conversation is kept on the server, so two chats never share state). The
 * content ends with a 数据来源 line; the reply carries the usual OpenAI shapes plus
 * `park_assistant: { conversation_id, citations, facts, verification, mode }`. Errors are problem+json with
 * OpenAI's `error` object (see `problemBody`).
 */
export function openaiRoutes(deps: Deps, { answer = answerQuestion }: { answer?: AnswerVerb } = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const models = () => [ASSISTANT_MODEL, ...(deps.llmName && deps.llmName !== "offline" ? [deps.llmName] : [])]
    .map((id) => ({ id, object: "model" as const, created: CREATED, owned_by: "park-assistant" }));

  app.get("/models", (context) => context.json({ object: "list", data: models() }));

  app.get("/models/:id{.+}", (context) => {
    const model = models().find((item) => item.id === context.req.param("id"));
    if (!model) throw new AppError("not_found", `模型不存在：${context.req.param("id")}`, { reason: "model_not_found", param: "model" });
    return context.json(model);
  });

  app.post("/chat/completions", async (context) => {
    const body = await readJson(context, completionSchema);
    refuseUnsupported(body);
    const unknown = unknownParameters(body);
    if (unknown.length) deps.logger.warn("chat completion parameters ignored", { requestId: context.get("requestId"), parameters: unknown });
    const limits = contentLimits(body);
    const { question, prior } = questionsOf(body.messages);
    const id = `chatcmpl-${crypto.randomUUID().replaceAll("-", "")}`;
    const input: AnswerInput = {
      question, priorQuestions: prior, conversationId: id, channel: "openai", ...(body.park ? { park: body.park } : {}),
    };
    const created = Math.floor(Date.now() / 1000);
    const promptTokens = estimateTokens(body.messages.map((message) => textOf(message)).join("\n"));
    const extra = (result: AnswerResult) => ({
      conversation_id: result.conversationId, citations: result.citations, facts: result.facts,
      verification: result.verification, mode: result.mode,
    });
    const usage = (content: string) => {
      const completionTokens = estimateTokens(content);
      return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
    };

    if (!body.stream) {
      const result = await answer(deps, input, { signal: context.req.raw.signal });
      const content = sendableContent(withSources(result.answer, result), limits, true);
      return context.json({
        id, object: "chat.completion", created, model: body.model, system_fingerprint: null,
        choices: [{ index: 0, message: { role: "assistant", content: content.text, refusal: null }, logprobs: null, finish_reason: content.finish }],
        usage: usage(content.text),
        park_assistant: extra(result),
      });
    }

    const run = await startTokenRun<AnswerResult>((onToken, signal) => answer(deps, input, { onToken, signal }), context.req.raw.signal);
    const chunk = (delta: Record<string, unknown>, finishReason: FinishReason | null = null, more: Record<string, unknown> = {}) =>
      JSON.stringify({
        id, object: "chat.completion.chunk", created, model: body.model, system_fingerprint: null,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }], ...more,
      });
    return streamSSE(context, async (stream) => {
      stream.onAbort(() => run.abort());
      await stream.writeSSE({ data: chunk({ role: "assistant", content: "" }) });
      // The content produced so far and what of it max_tokens and stop let out: once they end it, nothing more goes.
      let produced = "";
      let sent = "";
      const send = async (more: string, final: boolean) => {
        produced += more;
        const sendable = sendableContent(produced, limits, final);
        if (sendable.text.length > sent.length) await stream.writeSSE({ data: chunk({ content: sendable.text.slice(sent.length) }) });
        sent = sendable.text;
        return sendable.finish;
      };
      let streamed = "";
      for await (const event of run.events) {
        if (event.type === "token") {
          streamed += event.text;
          await send(event.text, false);
        } else if (event.type === "done") {
          const tail = completionTail(streamed, event.result.answer).text;
          if (tail) await send(tail, false);
          // The sources are the last content delta, so a client that shows deltas as they come shows them last.
          const finish = await send(withSources("", event.result), true);
          await stream.writeSSE({ data: chunk({}, finish, { park_assistant: extra(event.result) }) });
          if (body.stream_options?.include_usage) {
            await stream.writeSSE({
              data: JSON.stringify({ id, object: "chat.completion.chunk", created, model: body.model, choices: [], usage: usage(sent) }),
            });
          }
          await stream.writeSSE({ data: "[DONE]" });
        } else {
          // The openai SDK raises an APIError for a data line carrying `error`; the problem body carries one.
          await stream.writeSSE({ data: JSON.stringify(streamProblem(deps, context, event.error)) });
        }
      }
    });
  });

  return app;
}

/** The answer text with the 数据来源 line of its citations after it (the line alone for `text` ""). */
function withSources(text: string, result: AnswerResult): string {
  const line = sourcesLine(result);
  return line ? `${text}\n\n${line}` : text;
}

/** Plain text of a message: a string, or the text parts of a parts array. */
function textOf(message: Message): string {
  if (typeof message.content === "string") return message.content;
  if (!message.content) return "";
  return message.content.filter((part) => part.type === "text" || part.type === "input_text").map((part) => part.text ?? "").join("\n");
}

/**
 * The question (the last user message) and the user messages before it, oldest first: the transcript is the whole
 * conversation, so follow-ups (「那2023年呢？」) resolve from it and from nothing else.
 */
function questionsOf(messages: Message[]): { question: string; prior: string[] } {
  const asked = messages.filter((message) => message.role === "user").map((message) => textOf(message).trim());
  const question = asked.at(-1) ?? "";
  if (!question) throw new AppError("bad_request", "messages 中没有非空的 user 消息", { param: "messages" });
  if (question.length > MAX_QUESTION_CHARS) throw new AppError("bad_request", `问题不能超过 ${MAX_QUESTION_CHARS} 个字符`, { param: "messages" });
  return { question, prior: asked.slice(0, -1).filter(Boolean) };
}
