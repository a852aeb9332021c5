import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A scripted reply of the stub's /v1/chat/completions.
 * - `content`: the assistant text (streamed in `chunks` when given, else in pieces of `chunkSize` characters).
 * - `json`: structured output. Answered as a forced tool call when the request carries `tools` (LangChain's
 *   `functionCalling` method), else as JSON content (`jsonSchema` / `jsonMode` methods).
 * - `delayMs`: wait before answering (past the client's timeout to force one); `chunkDelayMs` between stream chunks.
 * - `status` ≥ 400: an OpenAI error body with that status.
 * - a function: decide from the recorded request.
 */
export type StubReply =
  | {
      content?: string;
      chunks?: string[];
      chunkSize?: number;
      json?: unknown;
      delayMs?: number;
      chunkDelayMs?: number;
      status?: number;
      error?: string;
    }
  | ((request: RecordedRequest) => StubReply);

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

export interface OpenAIStub {
  /** Base URL to give an OpenAI client: `http://127.0.0.1:PORT/v1`. */
  url: string;
  /** Every request received, in order (including ones the client abandoned). */
  requests: RecordedRequest[];
  /** The chat-completion requests only. */
  chatRequests(): RecordedRequest[];
  /** Queue replies; each chat request takes the next one. */
  enqueue(...replies: StubReply[]): void;
  /** The reply used when the queue is empty (null: a 500 saying the script ran out). */
  setFallback(reply: StubReply | null): void;
  /** How many queued replies are left. */
  pending(): number;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1:0 speaking enough of the OpenAI API for ChatOpenAI and OpenAIEmbeddings:
 * POST /v1/chat/completions (plain, streamed, tool calls, json_schema) and POST /v1/embeddings (float and base64).
 * @example const stub = await startOpenAIStub(); stub.enqueue({ content: "你好" }); … await stub.close();
 */
export async function startOpenAIStub(options: { embeddingDimension?: number; fallback?: StubReply } = {}): Promise<OpenAIStub> {
  const queue: StubReply[] = [];
  let fallback: StubReply | null = options.fallback ?? null;
  const requests: RecordedRequest[] = [];
  const dimension = options.embeddingDimension ?? 8;
  const timers = new Set<NodeJS.Timeout>();

  const sleep = (ms: number, response: ServerResponse) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
      response.once("close", () => {
        clearTimeout(timer);
        timers.delete(timer);
        resolve();
      });
    });

  const server = createServer(async (request, response) => {
    try {
      const body = await readBody(request);
      const recorded: RecordedRequest = { method: request.method ?? "GET", path: request.url ?? "/", headers: request.headers, body };
      requests.push(recorded);
      if (request.method === "POST" && recorded.path.startsWith("/v1/chat/completions")) {
        let reply = queue.shift() ?? fallback ?? { status: 500, error: "openai-stub: the script has no reply left" };
        while (typeof reply === "function") reply = reply(recorded);
        await answerChat(recorded, reply, response, sleep);
      } else if (request.method === "POST" && recorded.path.startsWith("/v1/embeddings")) {
        answerEmbeddings(recorded, dimension, response);
      } else {
        sendJson(response, 404, { error: { message: `openai-stub: no route ${request.method} ${recorded.path}`, type: "invalid_request_error" } });
      }
    } catch (error) {
      if (!response.headersSent) sendJson(response, 500, { error: { message: String(error), type: "server_error" } });
      else response.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () => requests.filter((entry) => entry.path.startsWith("/v1/chat/completions")),
    enqueue: (...replies) => void queue.push(...replies),
    setFallback: (reply) => void (fallback = reply),
    pending: () => queue.length,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readBody(request: IncomingMessage): Promise<any> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  const text = Buffer.concat(parts).toString("utf8");
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

type PlainReply = Exclude<StubReply, Function>;

async function answerChat(
  request: RecordedRequest,
  reply: PlainReply,
  response: ServerResponse,
  sleep: (ms: number, response: ServerResponse) => Promise<void>,
): Promise<void> {
  if (reply.delayMs) await sleep(reply.delayMs, response);
  if (response.destroyed || response.writableEnded) return;
  if (reply.status && reply.status >= 400) {
    sendJson(response, reply.status, { error: { message: reply.error ?? "stub error", type: "server_error", code: null } });
    return;
  }
  const body = request.body ?? {};
  const model = String(body.model ?? "stub-model");
  const id = `chatcmpl-stub${Math.random().toString(36).slice(2, 10)}`;
  const created = Math.floor(Date.now() / 1000);
  const forcedTool: string | undefined = Array.isArray(body.tools) && body.tools.length
    ? body.tool_choice?.function?.name ?? body.tools[0]?.function?.name
    : undefined;
  const toolCall = reply.json !== undefined && forcedTool
    ? { id: "call_stub1", type: "function" as const, function: { name: forcedTool, arguments: JSON.stringify(reply.json) } }
    : undefined;
  const content = toolCall ? null : reply.chunks ? reply.chunks.join("") : reply.content ?? (reply.json !== undefined ? JSON.stringify(reply.json) : "");
  const usage = { prompt_tokens: 10, completion_tokens: content ? content.length : 5, total_tokens: 10 + (content ? content.length : 5) };

  if (!body.stream) {
    sendJson(response, 200, {
      id, object: "chat.completion", created, model,
      choices: [{
        index: 0,
        message: { role: "assistant", content, refusal: null, ...(toolCall ? { tool_calls: [toolCall] } : {}) },
        logprobs: null,
        finish_reason: toolCall ? "tool_calls" : "stop",
      }],
      usage,
    });
    return;
  }

  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const send = (delta: Record<string, unknown>, finishReason: string | null = null) =>
    response.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] })}\n\n`);
  send({ role: "assistant", content: toolCall ? null : "" });
  if (toolCall) {
    const args = toolCall.function.arguments;
    send({ tool_calls: [{ index: 0, id: toolCall.id, type: "function", function: { name: toolCall.function.name, arguments: "" } }] });
    for (const piece of split(args, 16)) {
      if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs, response);
      if (response.destroyed) return;
      send({ tool_calls: [{ index: 0, function: { arguments: piece } }] });
    }
  } else {
    for (const piece of reply.chunks ?? split(content ?? "", reply.chunkSize ?? 4)) {
      if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs, response);
      if (response.destroyed) return;
      send({ content: piece });
    }
  }
  send({}, toolCall ? "tool_calls" : "stop");
  if (body.stream_options?.include_usage) {
    response.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [], usage })}\n\n`);
  }
  response.end("data: [DONE]\n\n");
}

function split(text: string, size: number): string[] {
  const characters = [...text];
  const pieces: string[] = [];
  for (let i = 0; i < characters.length; i += size) pieces.push(characters.slice(i, i + size).join(""));
  return pieces;
}

/** Deterministic unit vectors from character codes, so equal texts embed equally and different ones differ. */
export function stubVector(text: string, dimension: number): number[] {
  const vector = new Array<number>(dimension).fill(0);
  for (const [index, character] of [...text].entries()) vector[(character.codePointAt(0)! + index) % dimension] += 1;
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

function answerEmbeddings(request: RecordedRequest, dimension: number, response: ServerResponse): void {
  const input: unknown = request.body?.input;
  const texts = Array.isArray(input) ? input.map(String) : [String(input ?? "")];
  const base64 = request.body?.encoding_format === "base64";
  sendJson(response, 200, {
    object: "list",
    model: request.body?.model ?? "stub-embedding",
    data: texts.map((text, index) => {
      const vector = stubVector(text, dimension);
      return {
        object: "embedding",
        index,
        embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString("base64") : vector,
      };
    }),
    usage: { prompt_tokens: texts.join("").length, total_tokens: texts.join("").length },
  });
}
