import { ChatOpenAI } from "@langchain/openai";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createApp } from "../../src/app.ts";
import { parseConfig } from "../../src/config.ts";
import { AppError, openaiErrorType, problemBody } from "../../src/errors.ts";
import { openaiRoutes } from "../../src/routes/openai-compat.ts";
import { PARK, seedFacts } from "../answer/fixtures.ts";
import { createTestDeps } from "../helpers/test-deps.ts";
import { scriptedVerb, serveApp } from "./route-helpers.ts";

const TOKEN = "reader-token-0123456789";
const WIDGET = "https://widget.example";

/** Every /v1 error is problem+json with OpenAI's error object, so OpenAI clients raise it with its status and message. */
describe("/v1 errors as OpenAI clients see them", () => {
  let deps: Awaited<ReturnType<typeof createTestDeps>>;
  let app: ReturnType<typeof createApp>;
  let server: Awaited<ReturnType<typeof serveApp>>;

  beforeAll(async () => {
    deps = await createTestDeps();
    await seedFacts(deps);
    app = createApp({ ...deps, config: parseConfig({ LOG_LEVEL: "silent", API_TOKENS: `reader:reader:${TOKEN}`, WIDGET_ORIGINS: WIDGET }) });
    const failing = scriptedVerb({ fail: { before: new Error("connection refused at 10.0.0.7") } });
    app.route("/failing/v1", openaiRoutes(deps, { answer: failing.verb }));
    server = await serveApp(app);
  });
  afterAll(async () => {
    await server.close();
    await deps.dispose();
  });

  const client = (options: { apiKey?: string; path?: string; headers?: Record<string, string> } = {}) => new OpenAI({
    baseURL: `http://park.test${options.path ?? "/v1"}`, apiKey: options.apiKey ?? TOKEN, maxRetries: 0, defaultHeaders: options.headers,
    fetch: async (url, init) => app.request(String(url), init),
  });
  const ask = (openai: OpenAI, content: string) => openai.chat.completions.create({ model: "park-assistant", messages: [{ role: "user", content }] });

  const cases: Array<{ name: string; status: number; type: string; code: string; message: string; call: () => Promise<unknown> }> = [
    {
      name: "validation", status: 400, type: "invalid_request_error", code: "bad_request", message: "字段 messages 无效：messages 不能为空",
      call: () => client().chat.completions.create({ model: "park-assistant", messages: [] }),
    },
    {
      name: "wrong token", status: 401, type: "authentication_error", code: "invalid_api_key", message: "访问令牌无效",
      call: () => ask(client({ apiKey: "not-the-token-0123456789" }), "2022年工业总产值是多少？"),
    },
    {
      name: "foreign page", status: 403, type: "permission_error", code: "forbidden", message: "该网页来源不在 WIDGET_ORIGINS 允许列表中，不能调用本服务的接口",
      call: () => ask(client({ headers: { Origin: "https://elsewhere.example" } }), "2022年工业总产值是多少？"),
    },
    {
      name: "unknown model", status: 404, type: "not_found_error", code: "model_not_found", message: "模型不存在：gpt-9",
      call: () => client().models.retrieve("gpt-9"),
    },
    {
      name: "unknown path", status: 404, type: "not_found_error", code: "not_found", message: "请求的路径不存在",
      call: () => client().get("/assistants"),
    },
    {
      name: "transcript too large", status: 413, type: "invalid_request_error", code: "payload_too_large", message: "请求体超过 1 MB",
      call: () => ask(client(), "园区".repeat(300_000)),
    },
    {
      name: "failure inside", status: 500, type: "server_error", code: "internal", message: "服务器内部错误，请稍后重试",
      call: () => ask(client({ path: "/failing/v1" }), "2022年工业总产值是多少？"),
    },
  ];

  for (const { name, status, type, code, message, call } of cases) {
    it(`${status} (${name}): the SDK raises it with its status, type, code and Chinese message`, async () => {
      const error = await call().then(() => null, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAI.APIError);
      expect(error).toMatchObject({ status, type, code, message: `${status} ${message}` });
    });
  }

  it("keeps the problem+json members beside the error object", async () => {
    const response = await app.request("/v1/chat/completions", {
      method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ model: "park-assistant", messages: [{ role: "user", content: "问" }], n: 3 }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    const body = (await response.json()) as Record<string, any>;
    expect(body).toMatchObject({
      type: "https://park-assistant.local/problems/bad_request", title: "请求无效", status: 400, requestId: expect.any(String),
      error: { type: "invalid_request_error", code: "unsupported_parameter", param: "n" },
    });
    expect(body.error.message).toBe(body.detail);
    const missing = await app.request("/v1/models");
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as Record<string, any>).error).toMatchObject({ type: "authentication_error", code: "missing_api_key" });
  });

  it("gives each status OpenAI's error type, 429 and 5xx included", () => {
    const types = [400, 401, 403, 404, 409, 413, 415, 429, 500, 502].map((status) => [status, openaiErrorType(status)]);
    expect(types).toEqual([
      [400, "invalid_request_error"], [401, "authentication_error"], [403, "permission_error"], [404, "not_found_error"],
      [409, "invalid_request_error"], [413, "invalid_request_error"], [415, "invalid_request_error"], [429, "rate_limit_error"],
      [500, "server_error"], [502, "server_error"],
    ]);
    expect(problemBody(new AppError("conflict", "冲突了"))).toMatchObject({ status: 409, detail: "冲突了", error: { message: "冲突了", code: "conflict", param: null } });
  });

  describe("LangChain's ChatOpenAI", () => {
    const chat = (apiKey = TOKEN) => new ChatOpenAI({ model: "park-assistant", apiKey, maxRetries: 0, configuration: { baseURL: `${server.url}/v1` } });

    it("gets the answer with its sources", async () => {
      const reply = await chat().invoke("明湖2022年工业总产值是多少？");
      expect(reply.content).toContain(`${PARK}2022年工业总产值为221.6亿元`);
      expect(reply.content).toMatch(/\n\n数据来源：统计数据导入（2022）$/);
    });

    it("a refused token reaches it as a 401 with the Chinese message", async () => {
      const error = await chat("not-the-token-0123456789").invoke("明湖2022年工业总产值是多少？").then(() => null, (caught: unknown) => caught);
      // LangChain adds a troubleshooting link after the message.
      expect(error).toMatchObject({ status: 401, code: "invalid_api_key", message: expect.stringMatching(/^401 访问令牌无效/) });
    });

    it("withStructuredOutput and bound tools get a clear 400 naming the parameter, not a parse failure", async () => {
      const schema = z.object({ value: z.number() });
      const failures = [
        ["response_format", () => chat().withStructuredOutput(schema).invoke("明湖2022年工业总产值是多少？")],
        ["tools", () => chat().withStructuredOutput(schema, { method: "functionCalling" }).invoke("明湖2022年工业总产值是多少？")],
        ["tools", () => chat().bindTools([{ type: "function", function: { name: "lookup", parameters: { type: "object", properties: {} } } }]).invoke("产值？")],
      ] as const;
      for (const [param, call] of failures) {
        const error = (await call().then(() => null, (caught: unknown) => caught)) as Record<string, unknown> | null;
        expect(error, param).toMatchObject({ status: 400, param, code: "unsupported_parameter" });
        expect(String(error?.message)).toContain(`400 不支持参数 ${param}：`);
      }
    });
  });
});
