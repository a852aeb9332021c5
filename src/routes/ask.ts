import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import { answerQuestion } from "../answer/answer-question.ts";
import type { AnswerInput, AnswerOptions, AnswerResult } from "../answer/types.ts";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "./auth.ts";
import { completionTail, startTokenRun, streamProblem, wantsEventStream } from "./sse.ts";
import { readJson } from "./validate.ts";

/** The answer verb as routers call it; injectable so tests can script it. */
export type AnswerVerb = (deps: Deps, input: AnswerInput, options?: AnswerOptions) => Promise<AnswerResult>;

/** The POST /api/ask body (also in /openapi.json). */
export const askSchema = z.object({
  question: z.string().trim().min(1, "问题不能为空").max(2000, "问题不能超过 2000 个字符").describe("问题"),
  park: z.string().trim().min(1).max(100).optional().describe("默认园区：问题没有点名园区时按此园区回答"),
  conversationId: z.string().trim().min(1).max(200).optional().describe("会话编号：带上上一轮返回的值即可追问"),
});

/**
 * POST /api/ask: the answer as JSON, or with `Accept: text/event-stream` as SSE — `token` events (`{ text }`),
 * then one `done` event carrying the same JSON object. A failure before the first event is an ordinary
 * problem+json response; a failure later is an `error` event with a problem object, then the stream closes.
 */
export function askRoutes(deps: Deps, { answer = answerQuestion }: { answer?: AnswerVerb } = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post("/", async (context) => {
    const input = await readJson(context, askSchema);
    const request: AnswerInput = { ...input, channel: wantsEventStream(context) ? "sse" : "api" };
    if (!wantsEventStream(context)) {
      return context.json(await answer(deps, request, { signal: context.req.raw.signal }));
    }
    const run = await startTokenRun<AnswerResult>(
      (onToken, signal) => answer(deps, request, { onToken, signal }),
      context.req.raw.signal,
    );
    return streamSSE(context, async (stream) => {
      stream.onAbort(() => run.abort());
      let streamed = "";
      for await (const event of run.events) {
        if (event.type === "token") {
          streamed += event.text;
          await stream.writeSSE({ event: "token", data: JSON.stringify({ text: event.text }) });
        } else if (event.type === "done") {
          // A verb that does not stream (offline figure answers) or that appends a note still ends with tokens
          // that concatenate to the answer; a verb that replaced a figure sends the corrected answer in `done` only.
          const tail = completionTail(streamed, event.result.answer);
          if (!tail.corrected && tail.text) await stream.writeSSE({ event: "token", data: JSON.stringify({ text: tail.text }) });
          await stream.writeSSE({ event: "done", data: JSON.stringify(event.result) });
        } else {
          await stream.writeSSE({ event: "error", data: JSON.stringify(streamProblem(deps, context, event.error)) });
        }
      }
    });
  });

  return app;
}
