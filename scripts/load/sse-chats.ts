/**
 * Concurrent SSE chats against POST /api/ask (`Accept: text/event-stream`): each client asks, reads the stream to its
 * `done` event and asks again until the time is up; a stream under way then is read to its end. Times are measured
 * from sending the request to the first event and to `done`.
 */
import { percentile } from "../eval/labels.ts";

export interface SseChatOptions {
  url: string;
  token: string;
  questions: readonly string[];
  clients: number;
  seconds: number;
  /** The longest one stream may take before it counts as timed out. */
  streamTimeoutMs?: number;
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

export interface SseChatResult {
  clients: number;
  seconds: number;
  /** From the first request to the end of the last stream. */
  wallSeconds: number;
  started: number;
  completed: number;
  errors: number;
  /** Errors by kind: `HTTP 503`, `error 事件`, `未收到 done`, `超时`, or the network error's message. */
  errorKinds: Record<string, number>;
  streamsPerSecond: number;
  firstEventMs: Percentiles;
  doneMs: Percentiles;
}

/** p50/p95/p99 of a list of milliseconds, rounded to 0.1 ms (NaN when empty). */
export function percentilesOf(values: number[]): Percentiles {
  const at = (p: number) => (values.length ? Math.round(percentile(values, p) * 10) / 10 : Number.NaN);
  return { p50: at(50), p95: at(95), p99: at(99) };
}

type StreamOutcome = { ok: true; firstEventMs: number; doneMs: number } | { ok: false; kind: string };

async function oneStream(options: SseChatOptions, question: string): Promise<StreamOutcome> {
  const started = performance.now();
  let response: Response;
  try {
    response = await fetch(`${options.url}/api/ask`, {
      method: "POST",
      headers: { accept: "text/event-stream", "content-type": "application/json", authorization: `Bearer ${options.token}` },
      body: JSON.stringify({ question }),
      signal: AbortSignal.timeout(options.streamTimeoutMs ?? 120_000),
    });
  } catch (error) {
    return { ok: false, kind: errorKind(error) };
  }
  if (response.status !== 200 || !response.body) {
    await response.arrayBuffer().catch(() => undefined);
    return { ok: false, kind: `HTTP ${response.status}` };
  }
  let firstEventMs: number | undefined;
  let doneMs: number | undefined;
  let failed: string | undefined;
  let buffer = "";
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  try {
    // Read to the end of the stream (the server closes it after `done`), so the connection is reused.
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      buffer += decoder.decode(read.value, { stream: true });
      // Events end with a blank line; the last piece may be an unfinished event.
      const events = buffer.split(/\r?\n\r?\n/);
      buffer = events.pop()!;
      for (const event of events) {
        const name = /^event: ?(.*)$/m.exec(event)?.[1]?.trim() ?? "message";
        firstEventMs ??= performance.now() - started;
        if (name === "error") failed ??= "error 事件";
        if (name === "done") doneMs ??= performance.now() - started;
      }
    }
  } catch (error) {
    return { ok: false, kind: errorKind(error) };
  }
  if (failed) return { ok: false, kind: failed };
  return doneMs === undefined ? { ok: false, kind: "未收到 done" } : { ok: true, firstEventMs: firstEventMs!, doneMs };
}

function errorKind(error: unknown): string {
  const name = (error as Error)?.name;
  if (name === "TimeoutError" || name === "AbortError") return "超时";
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? String(error);
}

/** Run `clients` chat loops for `seconds` and summarise them. */
export async function runSseChats(options: SseChatOptions): Promise<SseChatResult> {
  const firstEvent: number[] = [];
  const done: number[] = [];
  const errorKinds: Record<string, number> = {};
  let started = 0;
  const begin = performance.now();
  const deadline = begin + options.seconds * 1000;
  const client = async (index: number) => {
    // Each client starts at its own place in the question list, so all questions are asked at once.
    for (let turn = index; performance.now() < deadline; turn++) {
      started++;
      const outcome = await oneStream(options, options.questions[turn % options.questions.length]);
      if (outcome.ok) {
        firstEvent.push(outcome.firstEventMs);
        done.push(outcome.doneMs);
      } else errorKinds[outcome.kind] = (errorKinds[outcome.kind] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, index) => client(index)));
  const wallSeconds = (performance.now() - begin) / 1000;
  return {
    clients: options.clients,
    seconds: options.seconds,
    wallSeconds: Math.round(wallSeconds * 10) / 10,
    started,
    completed: done.length,
    errors: started - done.length,
    errorKinds,
    streamsPerSecond: Math.round((done.length / wallSeconds) * 10) / 10,
    firstEventMs: percentilesOf(firstEvent),
    doneMs: percentilesOf(done),
  };
}
