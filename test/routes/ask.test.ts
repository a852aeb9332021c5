import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { AppError } from "../../src/errors.ts";
import { askRoutes, type AnswerVerb } from "../../src/routes/ask.ts";
import { createTestDeps } from "../helpers/test-deps.ts";
import { readSse, scriptedVerb } from "./route-helpers.ts";

describe("POST /api/ask", () => {
  let deps: Awaited<ReturnType<typeof createTestDeps>>;
  beforeAll(async () => {
    deps = await createTestDeps();
  });
  afterAll(async () => deps.dispose());

  /** The real app with the ask router also mounted at /api/ask-scripted on a scripted verb. */
  const appWith = (verb: AnswerVerb) => {
    const app = createApp(deps);
    app.route("/api/ask-scripted", askRoutes(deps, { answer: verb }));
    return app;
  };
  const post = (app: ReturnType<typeof createApp>, path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

  it("validates the body: a missing or too long question, a wrong type, malformed JSON", async () => {
    const { verb, calls } = scriptedVerb({ tokens: ["好"] });
    const app = appWith(verb);
    for (const body of [{}, { question: "   " }, { question: "问".repeat(2001) }, { question: "产值", park: 3 }]) {
      const response = await post(app, "/api/ask-scripted", body);
      expect(response.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect(((await response.json()) as { detail: string }).detail).toMatch(/字段 (question|park) 无效/);
    }
    const malformed = await app.request("/api/ask-scripted", { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(malformed.status).toBe(400);
    const text = await app.request("/api/ask-scripted", { method: "POST", headers: { "content-type": "text/plain" }, body: "产值" });
    expect(text.status).toBe(415);
    expect(calls).toHaveLength(0);
  });

  it("passes question, park and conversationId to the verb and returns its result as JSON", async () => {
    const { verb, calls } = scriptedVerb({ tokens: ["2023年示范园区", "工业总产值202.3亿元。"], result: { conversationId: "c-42" } });
    const response = await post(appWith(verb), "/api/ask-scripted", { question: " 2023年产值多少？ ", park: "示范园区", conversationId: "c-42" });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, any>;
    expect(body).toEqual({
      answer: "2023年示范园区工业总产值202.3亿元。", conversationId: "c-42",
      citations: [{ document_id: "d1", title: "2023年工作总结", section: "一、主要指标", quote: "实现工业总产值202.3亿元" }],
      facts: [], verification: { claims: [], summary: { verified: 0, mismatch: 0, unsupported: 0, derived: 0 } }, mode: "figure",
    });
    expect(calls[0].input).toEqual({ question: "2023年产值多少？", park: "示范园区", conversationId: "c-42", channel: "api" });
  });

  it("streams token events in order, then one done event with the same JSON object", async () => {
    const tokens = ["2023年", "示范园区", "实现工业总产值", "202.3亿元", "。"];
    const { verb, calls } = scriptedVerb({ tokens });
    const response = await post(appWith(verb), "/api/ask-scripted", { question: "产值" }, { accept: "text/event-stream" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const events = await readSse(response);
    expect(events.map((event) => event.event)).toEqual(["token", "token", "token", "token", "token", "done"]);
    expect(events.slice(0, -1).map((event) => JSON.parse(event.data))).toEqual(tokens.map((text) => ({ text })));
    const done = JSON.parse(events.at(-1)!.data);
    expect(done.answer).toBe(tokens.join(""));
    expect(done).toMatchObject({ conversationId: "conversation-1", mode: "figure" });
    expect(calls[0].input.channel).toBe("sse");
  });

  it("sends the unstreamed rest of the answer as a last token, and nothing extra when the verb replaced text", async () => {
    const appended = await readSse(await post(appWith(scriptedVerb({ tokens: ["产值202.3亿元。"], answer: "产值202.3亿元。（模型暂不可用）" }).verb),
      "/api/ask-scripted", { question: "产值" }, { accept: "text/event-stream" }));
    expect(appended.filter((event) => event.event === "token").map((event) => JSON.parse(event.data).text).join("")).toBe("产值202.3亿元。（模型暂不可用）");

    const silent = await readSse(await post(appWith(scriptedVerb({ answer: "数据库中没有该园区的数据。" }).verb),
      "/api/ask-scripted", { question: "产值" }, { accept: "text/event-stream" }));
    expect(silent.map((event) => event.event)).toEqual(["token", "done"]);
    expect(JSON.parse(silent[0].data)).toEqual({ text: "数据库中没有该园区的数据。" });

    const replaced = await readSse(await post(appWith(scriptedVerb({ tokens: ["产值300亿元"], answer: "产值202.3亿元" }).verb),
      "/api/ask-scripted", { question: "产值" }, { accept: "text/event-stream" }));
    expect(replaced.map((event) => event.event)).toEqual(["token", "done"]);
    expect(JSON.parse(replaced[1].data).answer).toBe("产值202.3亿元");
  });

  it("answers a failure before the first token with problem+json, not a stream", async () => {
    const { verb } = scriptedVerb({ fail: { before: new AppError("upstream", "模型服务不可用") } });
    const response = await post(appWith(verb), "/api/ask-scripted", { question: "产值" }, { accept: "text/event-stream" });
    expect(response.status).toBe(502);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 502, detail: "模型服务不可用" });
  });

  it("ends a stream that fails midway with an error event carrying a problem object", async () => {
    const { verb } = scriptedVerb({ tokens: ["2023年", "示范园区"], fail: { after: new Error("connection reset by database") } });
    const response = await post(appWith(verb), "/api/ask-scripted", { question: "产值" }, { accept: "text/event-stream" });
    expect(response.status).toBe(200);
    const events = await readSse(response);
    expect(events.map((event) => event.event)).toEqual(["token", "token", "error"]);
    const problem = JSON.parse(events[2].data);
    expect(problem).toMatchObject({ status: 500, title: "服务器内部错误", type: expect.stringMatching(/internal$/) });
    expect(problem.detail).not.toContain("database");
    expect(problem.requestId).toBe(response.headers.get("x-request-id"));
  });

  it("is mounted at /api/ask behind the auth middleware", async () => {
    const app = createApp({ ...deps, config: { ...deps.config, apiTokens: [{ name: "reader", role: "reader", token: "r1" }] } });
    const response = await post(app, "/api/ask", { question: "产值" });
    expect(response.status).toBe(401);
    const invalid = await post(app, "/api/ask", {}, { authorization: "Bearer r1" });
    expect(invalid.status).toBe(400);
  });
});
