import type { Context } from "hono";
import type { Deps } from "../deps.ts";
import { AppError, problemBody } from "../errors.ts";
import type { AppEnv } from "./auth.ts";

/** One event of a token-producing verb run: a text delta, the final result, or the failure. */
export type RunEvent<Result> =
  | { type: "token"; text: string }
  | { type: "done"; result: Result }
  | { type: "error"; error: unknown };

export interface TokenRun<Result> {
  /** Events in order; ends after `done` or `error`. */
  events: AsyncIterable<RunEvent<Result>>;
  /** Stop the verb (client went away). */
  abort(): void;
}

/**
 * Start a verb that reports tokens through a callback and resolve once its first event is known.
 * A failure before any token rejects, so the router can still answer with an ordinary problem+json;
 * after that, failures arrive as an `error` event inside the stream.
 * @example const run = await startTokenRun((onToken, signal) => answerQuestion(deps, input, { onToken, signal }));
 */
export async function startTokenRun<Result>(
  run: (onToken: (text: string) => void, signal: AbortSignal) => Promise<Result>,
  outerSignal?: AbortSignal,
): Promise<TokenRun<Result>> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  if (outerSignal?.aborted) abort();
  else outerSignal?.addEventListener("abort", abort, { once: true });

  const buffered: Array<RunEvent<Result>> = [];
  let wake: (() => void) | undefined;
  let finished = false;
  const push = (event: RunEvent<Result>) => {
    if (finished) return;
    if (event.type !== "token") finished = true;
    buffered.push(event);
    wake?.();
    wake = undefined;
  };
  const next = () => (buffered.length ? Promise.resolve() : new Promise<void>((resolve) => (wake = resolve)));

  run((text) => {
    if (text) push({ type: "token", text });
  }, controller.signal).then(
    (result) => push({ type: "done", result }),
    (error: unknown) => push({ type: "error", error }),
  );

  await next();
  if (buffered[0].type === "error") {
    outerSignal?.removeEventListener("abort", abort);
    throw buffered[0].error;
  }

  async function* events(): AsyncGenerator<RunEvent<Result>> {
    try {
      while (true) {
        await next();
        const event = buffered.shift()!;
        yield event;
        if (event.type !== "token") return;
      }
    } finally {
      outerSignal?.removeEventListener("abort", abort);
    }
  }
  return { events: events(), abort };
}

/**
 * What to send after the streamed tokens so that a client which only concatenates deltas ends with the final text:
 * the missing tail when the streamed text is a prefix of it, otherwise the whole final text as a correction
 * (the verb may replace a figure after checking it against the database).
 */
export function completionTail(streamed: string, final: string): { text: string; corrected: boolean } {
  if (final.startsWith(streamed)) return { text: final.slice(streamed.length), corrected: false };
  return { text: `\n\n【核对后的回答】\n${final}`, corrected: true };
}

/** True when the client asked for SSE (`Accept: text/event-stream`). */
export function wantsEventStream(context: Context): boolean {
  return (context.req.header("accept") ?? "").toLowerCase().includes("text/event-stream");
}

/** The problem object for a failure after streaming started, when app.onError can no longer answer. */
export function streamProblem(deps: Deps, context: Context<AppEnv>, error: unknown): Record<string, unknown> {
  const appError = error instanceof AppError ? error : new AppError("internal", "生成回答时出错，请稍后重试", { cause: error });
  if (appError.status >= 500) {
    deps.logger.error("stream failed", { requestId: context.get("requestId"), error: String(error), stack: (error as Error)?.stack });
  }
  return problemBody(appError, context.get("requestId"));
}
