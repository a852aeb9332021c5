import { HumanMessage } from "@langchain/core/messages";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { parseConfig } from "../../src/config.ts";
import { OpenAIEmbedder } from "../../src/embed/openai-embedder.ts";
import { createChatModel } from "../../src/llm/create-chat-model.ts";
import { startOpenAIStub, stubVector, type OpenAIStub } from "../helpers/openai-stub.ts";

/** The real @langchain/openai clients against the local stub: what they send and what they make of the replies. */
describe("@langchain/openai against the local OpenAI stub", () => {
  let stub: OpenAIStub;
  beforeAll(async () => {
    stub = await startOpenAIStub({ embeddingDimension: 16 });
  });
  afterAll(async () => stub.close());
  beforeEach(() => {
    stub.requests.length = 0;
    stub.setFallback(null);
  });

  const model = (env: Record<string, string> = {}) =>
    createChatModel(parseConfig({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: stub.url, CHAT_MODEL: "gpt-4o-mini", ...env }));

  it("sends the configured model and key, and returns the scripted text", async () => {
    const { chat, name } = model();
    expect(name).toBe("gpt-4o-mini");
    stub.enqueue({ content: "示范园区2023年工业总产值202.3亿元。" });
    const reply = await chat!.invoke([new HumanMessage("产值多少？")]);
    expect(reply.content).toBe("示范园区2023年工业总产值202.3亿元。");
    const [request] = stub.chatRequests();
    expect(request.body).toMatchObject({ model: "gpt-4o-mini", messages: [{ role: "user", content: "产值多少？" }] });
    expect(request.headers.authorization).toBe("Bearer sk-test");
  });

  it("streams chunks in order", async () => {
    const { chat } = model();
    stub.enqueue({ chunks: ["示范园区", "2023年", "工业总产值", "202.3亿元"] });
    const pieces: string[] = [];
    for await (const chunk of await chat!.stream("产值？")) pieces.push(String(chunk.content));
    expect(pieces.filter(Boolean)).toEqual(["示范园区", "2023年", "工业总产值", "202.3亿元"]);
    expect(stub.chatRequests()[0].body.stream).toBe(true);
  });

  it("serves structured output both as json_schema content and as a forced tool call", async () => {
    const { chat } = model();
    const schema = z.object({ park: z.string(), year: z.number() });
    stub.enqueue({ json: { park: "示范园区", year: 2023 } }, { json: { park: "滨江园区", year: 2022 } });
    expect(await chat!.withStructuredOutput(schema, { name: "query" }).invoke("示范园区2023年")).toEqual({ park: "示范园区", year: 2023 });
    expect(await chat!.withStructuredOutput(schema, { name: "query", method: "functionCalling" }).invoke("滨江园区2022年")).toEqual({ park: "滨江园区", year: 2022 });
    const [jsonSchema, tools] = stub.chatRequests();
    expect(jsonSchema.body.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "query" } });
    expect(tools.body.tools[0].function.name).toBe("query");
    expect(tools.body.tool_choice).toMatchObject({ type: "function", function: { name: "query" } });
  });

  it("times out on a reply slower than LLM_TIMEOUT_MS", async () => {
    const { chat } = model({ LLM_TIMEOUT_MS: "200" });
    stub.setFallback({ delayMs: 20_000, content: "太迟了" });
    const started = Date.now();
    await expect(chat!.invoke("产值？")).rejects.toThrow(/time|abort/i);
    // Gave up before the stub's reply was due.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(stub.chatRequests().length).toBeGreaterThanOrEqual(1);
  });

  it("reports a scripted HTTP error as a failure", async () => {
    const { chat } = model();
    stub.setFallback({ status: 400, error: "bad model" });
    await expect(chat!.invoke("产值？")).rejects.toThrow(/bad model/);
  });

  it("OpenAIEmbedder gets one vector per text from /v1/embeddings, newlines kept", async () => {
    const embedder = new OpenAIEmbedder({ apiKey: "sk-test", baseUrl: stub.url, model: "text-embedding-3-small", dimension: 0 });
    const texts = ["一、主要指标\n工业总产值202.3亿元", "税金8.6亿元"];
    const vectors = await embedder.embed(texts);
    expect(vectors).toHaveLength(2);
    expect(embedder.dimension).toBe(16);
    vectors.forEach((vector, index) => {
      const expected = stubVector(texts[index], 16);
      vector.forEach((value, position) => expect(value).toBeCloseTo(expected[position], 5));
    });
    expect(vectors[0]).not.toEqual(vectors[1]);
    const request = stub.requests.find((entry) => entry.path.startsWith("/v1/embeddings"))!;
    expect(request.body.model).toBe("text-embedding-3-small");
    expect(request.body.input).toEqual(texts);
    expect(await embedder.embed([])).toEqual([]);
  });
});
