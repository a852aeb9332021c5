import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import type { Hono } from "hono";
import type { AnswerInput, AnswerOptions, AnswerResult } from "../../src/answer/types.ts";
import type { AppEnv } from "../../src/routes/auth.ts";

/** One server-sent event as a client sees it. */
export interface SseEvent {
  event: string;
  data: string;
}

/** Read a whole SSE response into events (`event:` defaults to "message", multi-line data joined by "\n"). */
export async function readSse(response: Response): Promise<SseEvent[]> {
  const text = await response.text();
  return parseSse(text);
}

export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    if (!block.trim()) continue;
    let event = "message";
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
    }
    events.push({ event, data: data.join("\n") });
  }
  return events;
}

/** Serve an app on 127.0.0.1 with a free port, for real HTTP clients (the openai SDK). */
export async function serveApp(app: Hono<AppEnv>): Promise<{ url: string; close(): Promise<void> }> {
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => resolve({ server: started, port: info.port }));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      (server as import("node:http").Server).closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

export const emptyVerification = { claims: [], summary: { verified: 0, mismatch: 0, unsupported: 0, derived: 0 } };

/** A scripted answer verb: emits `tokens`, then returns `answer` (default: their concatenation); records calls. */
export function scriptedVerb(script: {
  tokens?: string[];
  answer?: string;
  fail?: { before?: Error; after?: Error };
  result?: Partial<AnswerResult>;
}) {
  const calls: Array<{ input: AnswerInput; options?: AnswerOptions }> = [];
  const verb = async (_deps: unknown, input: AnswerInput, options?: AnswerOptions): Promise<AnswerResult> => {
    calls.push({ input, options });
    if (script.fail?.before) throw script.fail.before;
    for (const token of script.tokens ?? []) {
      options?.onToken?.(token);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    if (script.fail?.after) throw script.fail.after;
    return {
      answer: script.answer ?? (script.tokens ?? []).join(""),
      conversationId: input.conversationId ?? "conversation-1",
      citations: [{ document_id: "d1", title: "2023年工作总结", section: "一、主要指标", quote: "实现工业总产值202.3亿元" }],
      facts: [],
      verification: emptyVerification,
      mode: "figure",
      ...script.result,
    };
  };
  return { verb, calls };
}

/** Statistics used across route tests. */
export const SAMPLE_STATS_CSV = [
  "park,period,indicator,value,unit,yoy_pct,scope,note",
  "示范园区,2023,工业总产值,202.3,亿元,12.5,,",
  "示范园区,2022,工业总产值,179.8,亿元,,,",
  "示范园区,2023,税金,8.6,亿元,5.2,,",
  "滨江园区,2023,工业总产值,95.4,亿元,3.1,,",
].join("\n");

/** A small work summary whose figures agree with SAMPLE_STATS_CSV. */
export const SAMPLE_SUMMARY = `示范园区2023年工作总结

一、主要经济指标
2023年，示范园区实现工业总产值202.3亿元，同比增长12.5%；上缴税金8.6亿元。

二、招商引资工作
全年赴长三角、珠三角开展驻点招商，举办专题招商推介会，重点引进新能源汽车零部件和电子信息项目。

三、安全生产工作
开展安全生产大检查，排查整改各类隐患，全年未发生较大安全事故。
`;

/** Load SAMPLE_STATS_CSV and SAMPLE_SUMMARY through the HTTP API, asserting both writes succeed. */
export async function loadSampleThroughApi(app: Hono<AppEnv>): Promise<void> {
  const stats = await app.request("/api/stats", { method: "POST", headers: { "content-type": "text/csv" }, body: SAMPLE_STATS_CSV });
  if (stats.status !== 200) throw new Error(`stats import failed: ${stats.status} ${await stats.text()}`);
  const upload = await app.request("/api/documents", {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ text: SAMPLE_SUMMARY, title: "示范园区2023年工作总结", park: "示范园区", year: 2023, kind: "summary" }),
  });
  if (upload.status !== 201) throw new Error(`document upload failed: ${upload.status} ${await upload.text()}`);
}
