import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { createTestDeps } from "../helpers/test-deps.ts";
import { loadSampleThroughApi, readSse, serveApp } from "./route-helpers.ts";

/** /api/ask and /v1/chat/completions on the real answer verb (offline: no model configured). */
describe("answer routes on the real verb, offline", () => {
  let deps: Awaited<ReturnType<typeof createTestDeps>>;
  let server: Awaited<ReturnType<typeof serveApp>>;
  beforeAll(async () => {
    deps = await createTestDeps();
    const app = createApp(deps);
    await loadSampleThroughApi(app);
    server = await serveApp(app);
  });
  afterAll(async () => {
    await server.close();
    await deps.dispose();
  });

  const ask = (body: unknown, headers: Record<string, string> = {}) =>
    createApp(deps).request("/api/ask", { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

  it("answers a figure question from the database with facts, citations and a verified claim", async () => {
    const response = await ask({ question: "示范园区2023年工业总产值是多少？" });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, any>;
    expect(body.mode).toBe("figure");
    expect(body.answer).toContain("202.3亿元");
    expect(body.facts.map((fact: any) => [fact.indicator, fact.value])).toContainEqual(["industrial_output", 202.3]);
    expect(body.citations.length).toBeGreaterThan(0);
    expect(body.verification.summary.mismatch).toBe(0);
    expect(body.verification.claims.find((claim: any) => claim.value === 202.3)).toMatchObject({ status: "verified" });
    expect(body.verification.claims[0]).toHaveProperty("fact_ids");
    expect(typeof body.conversationId).toBe("string");
  });

  it("resolves a follow-up in the same conversation", async () => {
    const first = (await (await ask({ question: "示范园区2023年工业总产值是多少？" })).json()) as { conversationId: string };
    const second = (await (await ask({ question: "那2022年呢？", conversationId: first.conversationId })).json()) as Record<string, any>;
    expect(second.conversationId).toBe(first.conversationId);
    expect(second.answer).toContain("179.8亿元");
  });

  it("streams the same answer over SSE: tokens concatenate to done.answer", async () => {
    const response = await ask({ question: "示范园区2023年税金是多少？" }, { accept: "text/event-stream" });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const events = await readSse(response);
    expect(events.at(-1)!.event).toBe("done");
    const done = JSON.parse(events.at(-1)!.data);
    expect(done.answer).toContain("8.6亿元");
    const tokens = events.filter((event) => event.event === "token").map((event) => JSON.parse(event.data).text as string);
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.join("")).toBe(done.answer);
  });

  it("answers an open question from the document with a citation", async () => {
    const open = (await (await ask({ question: "示范园区2023年招商引资做了哪些工作？" })).json()) as Record<string, any>;
    expect(open.mode).toBe("retrieval");
    expect(open.answer).toContain("驻点招商");
    expect(open.citations[0]).toMatchObject({ title: "示范园区2023年工作总结" });
  });

  it("refuses a figure question about a park it does not know instead of answering for other parks", async () => {
    const unknown = (await (await ask({ question: "火星园区2023年工业总产值是多少？" })).json()) as Record<string, any>;
    expect(unknown.mode).toBe("refusal");
    expect(unknown.answer).not.toContain("202.3");
  });

  it("serves the openai SDK: a plain completion, a follow-up from the transcript, and a stream", async () => {
    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "x", maxRetries: 0 });
    const question = { role: "user" as const, content: "示范园区2023年工业总产值是多少？" };
    const first = await client.chat.completions.create({ model: "park-assistant", messages: [question] });
    const firstAnswer = first.choices[0].message.content!;
    expect(firstAnswer).toContain("202.3亿元");
    expect((first as unknown as { park_assistant: { mode: string } }).park_assistant.mode).toBe("figure");

    const followUp = await client.chat.completions.create({
      model: "park-assistant",
      messages: [question, { role: "assistant", content: firstAnswer }, { role: "user", content: "那2022年呢？" }],
    });
    expect(followUp.choices[0].message.content).toContain("179.8亿元");

    const stream = await client.chat.completions.create({ model: "park-assistant", stream: true, messages: [{ role: "user", content: "滨江园区2023年工业总产值是多少？" }] });
    let streamed = "";
    let finish: string | null = null;
    for await (const chunk of stream) {
      streamed += chunk.choices[0]?.delta.content ?? "";
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(streamed).toContain("95.4亿元");
    expect(finish).toBe("stop");
  });
});
