import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer-question.ts";
import { createApp } from "../../src/app.ts";
import { createChatModel } from "../../src/llm/create-chat-model.ts";
import { startOpenAIStub, type OpenAIStub, type RecordedRequest, type StubReply } from "../helpers/openai-stub.ts";
import { createTestDeps } from "../helpers/test-deps.ts";
import { loadSampleThroughApi, parseSse, serveApp } from "../routes/route-helpers.ts";

const OPEN_QUESTION = "示范园区2023年招商引资做了哪些工作？";

/** How the model understands OPEN_QUESTION (structured output, park_query). */
const understanding = { intent: "open", parks: ["示范园区"], years: [2023], indicators: [], status: "actual", follow_up: false };

const isStructured = (request: RecordedRequest) => Boolean(request.body?.response_format || request.body?.tools);

/** Structured-output calls get `understood`; the answer call streams `chunks`. */
function modelScript(chunks: string[], options: { understood?: unknown; chunkDelayMs?: number } = {}): StubReply {
  return (request) => (isStructured(request) ? { json: options.understood ?? understanding } : { chunks, chunkDelayMs: options.chunkDelayMs });
}

/** Deps with the real ChatOpenAI client (src/llm/create-chat-model.ts) pointed at the stub, and the sample data loaded. */
async function depsWithModel(stub: OpenAIStub, timeoutMs: number) {
  const deps = await createTestDeps({ env: { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: stub.url, CHAT_MODEL: "gpt-4o-mini", LLM_TIMEOUT_MS: String(timeoutMs) } });
  const { chat, name } = createChatModel(deps.config);
  Object.assign(deps, { chat, llmName: name });
  const app = createApp(deps);
  await loadSampleThroughApi(app);
  return deps;
}

describe("answers with a real ChatOpenAI client against the local OpenAI stub", () => {
  let stub: OpenAIStub;
  let deps: Awaited<ReturnType<typeof depsWithModel>>;
  beforeAll(async () => {
    stub = await startOpenAIStub();
    deps = await depsWithModel(stub, 2_000);
  });
  afterAll(async () => {
    await deps.dispose();
    await stub.close();
  });
  beforeEach(() => {
    stub.requests.length = 0;
    stub.setFallback(null);
  });

  it("(a) replaces a wrong figure stated by the model with the database value, and the verification shows it", async () => {
    stub.setFallback(modelScript(["2023年示范园区实现工业总产值", "300亿元[1]。", "全年赴长三角、珠三角开展驻点招商[1]。"]));
    const result = await answerQuestion(deps, { question: OPEN_QUESTION });
    expect(result.mode).toBe("retrieval");
    expect(result.answer).not.toContain("300亿元");
    expect(result.answer).toContain("202.3亿元");
    expect(result.answer).toContain("驻点招商");
    const claim = result.verification.claims.find((item) => item.value === 202.3);
    expect(claim).toMatchObject({ status: "verified", unit: "亿元" });
    expect(claim!.fact_ids.length).toBeGreaterThan(0);
    expect(result.verification.summary.mismatch).toBe(0);
    expect(result.citations[0]).toMatchObject({ title: "示范园区2023年工作总结" });

    // The model was asked twice: to understand the question (json_schema), then to answer from quoted passages (streamed).
    const [understand, answer] = stub.chatRequests();
    expect(understand.body.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "park_query" } });
    expect(answer.body.stream).toBe(true);
    const prompt = JSON.stringify(answer.body.messages);
    expect(prompt).toContain("驻点招商");
    expect(prompt).toContain(OPEN_QUESTION);
  });

  it("(a) marks a number the database does not hold as 未核实, through POST /api/ask", async () => {
    stub.setFallback(modelScript(["全年引进高层次人才57名[1]。"]));
    const response = await createApp(deps).request("/api/ask", {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: OPEN_QUESTION }),
    });
    const body = (await response.json()) as Record<string, any>;
    expect(body.answer).toContain("57名（未核实）");
    expect(body.verification.claims.find((claim: any) => claim.value === 57)).toMatchObject({ status: "unsupported" });
  });

  it("(c) streams SSE tokens in order, as the model produces them, concatenating to the final answer", async () => {
    const sentences = ["全年赴长三角、珠三角开展驻点招商[1]。", "重点引进新能源汽车零部件和电子信息项目[1]。", "举办专题招商推介会[1]。"];
    stub.setFallback(modelScript(sentences, { chunkDelayMs: 120 }));
    const response = await createApp(deps).request("/api/ask", {
      method: "POST", headers: { "content-type": "application/json", accept: "text/event-stream" }, body: JSON.stringify({ question: OPEN_QUESTION }),
    });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    // Read incrementally and time each event: tokens must arrive while the model is still producing.
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const arrivals: Array<{ event: string; data: string; at: number }> = [];
    let buffer = "";
    const started = Date.now();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      const cut = buffer.lastIndexOf("\n\n");
      if (cut < 0) continue;
      for (const event of parseSse(buffer.slice(0, cut + 2))) arrivals.push({ ...event, at: Date.now() - started });
      buffer = buffer.slice(cut + 2);
    }
    const tokens = arrivals.filter((event) => event.event === "token");
    const done = arrivals.at(-1)!;
    expect(done.event).toBe("done");
    const result = JSON.parse(done.data);
    expect(tokens.map((event) => JSON.parse(event.data).text)).toEqual(sentences);
    expect(tokens.map((event) => JSON.parse(event.data).text).join("")).toBe(result.answer);
    expect(done.at - tokens[0].at).toBeGreaterThan(100);
  });

  it("(c) streams through /v1/chat/completions to the openai SDK with the corrected figure", async () => {
    stub.setFallback(modelScript(["2023年示范园区实现工业总产值", "300亿元[1]。"]));
    const server = await serveApp(createApp(deps));
    try {
      const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "x", maxRetries: 0 });
      const stream = await client.chat.completions.create({ model: "park-assistant", stream: true, messages: [{ role: "user", content: OPEN_QUESTION }] });
      let text = "";
      let details: any;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? "";
        details = (chunk as unknown as { park_assistant?: unknown }).park_assistant ?? details;
      }
      expect(text).toContain("202.3亿元");
      expect(text).not.toContain("300亿元");
      expect(details.mode).toBe("retrieval");
    } finally {
      await server.close();
    }
  });
});

describe("when the model times out", () => {
  let stub: OpenAIStub;
  let deps: Awaited<ReturnType<typeof depsWithModel>>;
  beforeAll(async () => {
    stub = await startOpenAIStub();
    // Every call answers after 20 s, far past LLM_TIMEOUT_MS = 150 (the stub drops pending replies on close).
    stub.setFallback({ delayMs: 20_000, content: "太迟了" });
    deps = await depsWithModel(stub, 150);
  });
  afterAll(async () => {
    await deps.dispose();
    await stub.close();
  });

  it("(b) answers an open question offline from the passages, saying the model was unavailable", async () => {
    const started = Date.now();
    const result = await answerQuestion(deps, { question: OPEN_QUESTION });
    // It did not wait for the model's (late) reply: it answered before the stub would have.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(stub.chatRequests().length).toBeGreaterThan(0);
    expect(result.mode).toBe("retrieval");
    expect(result.answer).toContain("驻点招商");
    expect(result.answer).not.toContain("太迟了");
    expect(result.answer).toMatch(/模型.{0,12}(不可用|暂不可用|无法|超时|未响应)/);
  });

  it("(b) still answers a figure question from the database", async () => {
    const response = await createApp(deps).request("/api/ask", {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: "示范园区2023年工业总产值是多少？" }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, any>;
    expect(body.mode).toBe("figure");
    expect(body.answer).toContain("202.3亿元");
  });
});
