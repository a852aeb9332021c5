import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { openaiRoutes } from "../../src/routes/openai-compat.ts";
import { createTestDeps } from "../helpers/test-deps.ts";
import { scriptedVerb, serveApp } from "./route-helpers.ts";

describe("OpenAI-compatible /v1", () => {
  let deps: Awaited<ReturnType<typeof createTestDeps>>;
  let server: Awaited<ReturnType<typeof serveApp>>;
  let script = scriptedVerb({ tokens: [] });

  beforeAll(async () => {
    deps = await createTestDeps();
    const app = createApp(deps);
    // The same router on a scripted verb, so streaming and failures are deterministic.
    app.route("/scripted/v1", openaiRoutes(deps, { answer: (...args) => script.verb(...args) }));
    server = await serveApp(app);
  });
  afterAll(async () => {
    await server.close();
    await deps.dispose();
  });

  const scripted = () => new OpenAI({ baseURL: `${server.url}/scripted/v1`, apiKey: "x", maxRetries: 0 });

  it("lists the assistant model, and the configured LLM when there is one", async () => {
    const offline = await createApp(deps).request("/v1/models");
    expect(offline.status).toBe(200);
    expect(await offline.json()).toEqual({ object: "list", data: [{ id: "park-assistant", object: "model", created: expect.any(Number), owned_by: "park-assistant" }] });
    const online = await createApp({ ...deps, llmName: "qwen-plus" }).request("/v1/models");
    expect(((await online.json()) as { data: Array<{ id: string }> }).data.map((model) => model.id)).toEqual(["park-assistant", "qwen-plus"]);

    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "x", maxRetries: 0 });
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(["park-assistant"]);
    expect((await client.models.retrieve("park-assistant")).owned_by).toBe("park-assistant");
    await expect(client.models.retrieve("gpt-9")).rejects.toMatchObject({ status: 404 });
  });

  it("answers the last user message in the chat.completion shape with park_assistant details", async () => {
    script = scriptedVerb({ tokens: ["示范园区2023年", "工业总产值202.3亿元。"] });
    const completion = await scripted().chat.completions.create({
      model: "park-assistant",
      messages: [
        { role: "system", content: "你是园区助手" },
        { role: "user", content: "示范园区2022年工业总产值？" },
        { role: "assistant", content: "179.8亿元。" },
        { role: "user", content: [{ type: "text", text: "那2023年呢？" }] },
      ],
    });
    expect(completion.id).toMatch(/^chatcmpl-[0-9a-f]{32}$/);
    expect(completion.object).toBe("chat.completion");
    expect(completion.model).toBe("park-assistant");
    expect(completion.choices).toEqual([{
      index: 0, logprobs: null, finish_reason: "stop",
      message: { role: "assistant", content: "示范园区2023年工业总产值202.3亿元。\n\n数据来源：《2023年工作总结》", refusal: null },
    }]);
    expect(completion.usage!.completion_tokens).toBeGreaterThan(5);
    expect(completion.usage!.total_tokens).toBe(completion.usage!.prompt_tokens + completion.usage!.completion_tokens);
    const extra = (completion as unknown as { park_assistant: Record<string, any> }).park_assistant;
    expect(extra.mode).toBe("figure");
    expect(extra.citations[0].quote).toBe("实现工业总产值202.3亿元");
    expect(extra.verification.summary).toEqual({ verified: 0, mismatch: 0, unsupported: 0, derived: 0 });
    expect(script.calls[0].input).toMatchObject({ question: "那2023年呢？", channel: "openai", priorQuestions: ["示范园区2022年工业总产值？"] });
    expect(extra.conversation_id).toBe(completion.id);
  });

  it("hands the verb the earlier user messages as the conversation, and links no two requests on the server", async () => {
    script = scriptedVerb({ tokens: ["好"] });
    const client = scripted();
    const first = { role: "user" as const, content: "示范园区2022年工业总产值？" };
    await client.chat.completions.create({ model: "park-assistant", messages: [first] });
    await client.chat.completions.create({
      model: "park-assistant",
      messages: [first, { role: "assistant", content: "179.8亿元" }, { role: "user", content: "  " }, { role: "user", content: "那2023年呢？" }],
    });
    await client.chat.completions.create({ model: "park-assistant", user: "official-7", messages: [first] });
    expect(script.calls.map((call) => call.input.priorQuestions)).toEqual([[], ["示范园区2022年工业总产值？"], []]);
    const ids = script.calls.map((call) => call.input.conversationId);
    expect(new Set(ids).size).toBe(3);
    expect(ids.every((id) => /^chatcmpl-[0-9a-f]{32}$/.test(id ?? ""))).toBe(true);
  });

  it("streams chat.completion.chunk deltas that concatenate to the answer, then stop, usage and [DONE]", async () => {
    const tokens = ["2023年", "示范园区", "工业总产值", "202.3亿元", "。"];
    script = scriptedVerb({ tokens });
    const stream = await scripted().chat.completions.create({
      model: "park-assistant", stream: true, stream_options: { include_usage: true },
      messages: [{ role: "user", content: "示范园区2023年工业总产值？" }],
    });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0].choices[0].delta).toEqual({ role: "assistant", content: "" });
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(chunks.every((chunk) => chunk.object === "chat.completion.chunk")).toBe(true);
    const contentChunks = chunks.filter((chunk) => chunk.choices[0]?.delta.content);
    // The sources come as the last content delta, before the stop chunk.
    expect(contentChunks.map((chunk) => chunk.choices[0].delta.content)).toEqual([...tokens, "\n\n数据来源：《2023年工作总结》"]);
    const last = chunks.at(-2)!;
    expect(last.choices[0]).toMatchObject({ finish_reason: "stop", delta: {} });
    expect((last as unknown as { park_assistant: { mode: string } }).park_assistant.mode).toBe("figure");
    expect(chunks.at(-1)!.choices).toEqual([]);
    expect(chunks.at(-1)!.usage!.completion_tokens).toBeGreaterThan(0);
  });

  it("ends the raw stream with data: [DONE] and never sends event names", async () => {
    script = scriptedVerb({ tokens: ["一", "二"] });
    const response = await fetch(`${server.url}/scripted/v1/chat/completions`, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "m", stream: true, messages: [{ role: "user", content: "问" }] }),
    });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const text = await response.text();
    expect(text.trimEnd().endsWith("data: [DONE]")).toBe(true);
    expect(text).not.toMatch(/^event:/m);
    // role, two tokens, the sources, stop
    expect(text.split("\n\n").filter((block) => block.startsWith("data: {")).length).toBe(5);
  });

  it("rejects requests without a user message as problem+json, which the SDK raises as a 400 with its message", async () => {
    script = scriptedVerb({ tokens: ["x"] });
    await expect(scripted().chat.completions.create({ model: "park-assistant", messages: [{ role: "system", content: "只有系统消息" }] }))
      .rejects.toMatchObject({ status: 400, message: "400 messages 中没有非空的 user 消息", type: "invalid_request_error", param: "messages" });
    const response = await createApp(deps).request("/v1/chat/completions", {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: "park-assistant", messages: [] }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(((await response.json()) as { detail: string }).detail).toContain("messages");
    expect(script.calls).toHaveLength(0);
  });

  it("turns a failure mid-stream into an error the SDK raises", async () => {
    script = scriptedVerb({ tokens: ["2023年"], fail: { after: new Error("boom") } });
    const stream = await scripted().chat.completions.create({ model: "park-assistant", stream: true, messages: [{ role: "user", content: "产值？" }] });
    const received: string[] = [];
    await expect((async () => {
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? "");
    })()).rejects.toThrow(/服务器内部错误|生成回答时出错/);
    expect(received.join("")).toBe("2023年");

    // On the wire: the problem members and OpenAI's error object, as outside a stream.
    script = scriptedVerb({ tokens: ["2023年"], fail: { after: new Error("boom") } });
    const response = await fetch(`${server.url}/scripted/v1/chat/completions`, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "m", stream: true, messages: [{ role: "user", content: "产值？" }] }),
    });
    const lines = (await response.text()).split("\n").filter((line) => line.startsWith("data: {"));
    const failure = JSON.parse(lines.at(-1)!.slice(6)) as Record<string, any>;
    expect(failure).toMatchObject({ status: 500, title: "服务器内部错误", error: { type: "server_error", code: "internal", param: null } });
    expect(failure.error.message).toBe(failure.detail);
    expect(failure.error.message).not.toContain("boom");
  });

  it("answers a failure before streaming as problem+json with its status", async () => {
    const { AppError } = await import("../../src/errors.ts");
    script = scriptedVerb({ fail: { before: new AppError("upstream", "模型服务不可用") } });
    await expect(scripted().chat.completions.create({ model: "park-assistant", stream: true, messages: [{ role: "user", content: "产值？" }] }))
      .rejects.toMatchObject({ status: 502, message: "502 模型服务不可用", type: "server_error", code: "upstream" });
  });
});
