import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import type { Logger } from "../../src/logger.ts";
import { openaiRoutes } from "../../src/routes/openai-compat.ts";
import { estimateTokens } from "../../src/routes/openai-content.ts";
import { createTestDeps } from "../helpers/test-deps.ts";
import { scriptedVerb, serveApp } from "./route-helpers.ts";

const ANSWER_PIECES = ["示范园区2023年工业总产值为202.3亿元，", "同比增长12.5%；", "上缴税金8.6亿元，", "同比增长5.2%。"];
const ANSWER = ANSWER_PIECES.join("");
const SOURCES = "\n\n数据来源：《2023年工作总结》";
const CONTENT = ANSWER + SOURCES;

/** Parameters are honoured (max_tokens, stop, n = 1), accepted when they cannot change the answer, or refused. */
describe("/v1/chat/completions parameters", () => {
  let deps: Awaited<ReturnType<typeof createTestDeps>>;
  let server: Awaited<ReturnType<typeof serveApp>>;
  let script = scriptedVerb({ tokens: ANSWER_PIECES });
  const warnings: Array<{ message: string; fields?: Record<string, unknown> }> = [];

  beforeAll(async () => {
    deps = await createTestDeps();
    const logger: Logger = { ...deps.logger, warn: (message, fields) => warnings.push({ message, fields }) };
    const app = createApp({ ...deps, logger });
    app.route("/scripted/v1", openaiRoutes({ ...deps, logger }, { answer: (...args) => script.verb(...args) }));
    server = await serveApp(app);
  });
  afterAll(async () => {
    await server.close();
    await deps.dispose();
  });

  const client = () => new OpenAI({ baseURL: `${server.url}/scripted/v1`, apiKey: "x", maxRetries: 0 });
  const messages = [{ role: "user" as const, content: "示范园区2023年工业总产值和税金？" }];
  const post = (extra: Record<string, unknown>) => fetch(`${server.url}/scripted/v1/chat/completions`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: "park-assistant", messages, ...extra }),
  });
  const streamed = async (extra: Record<string, unknown>) => {
    const stream = await client().chat.completions.create({ model: "park-assistant", messages, stream: true, stream_options: { include_usage: true }, ...extra });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    return {
      content: chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join(""),
      finish: chunks.map((chunk) => chunk.choices[0]?.finish_reason).find(Boolean),
      usage: chunks.at(-1)!.usage!,
    };
  };

  const refused: Array<[string, Record<string, unknown>]> = [
    ["tools", { tools: [{ type: "function", function: { name: "lookup", parameters: {} } }] }],
    ["tool_choice", { tool_choice: "required" }],
    ["functions", { functions: [{ name: "lookup", parameters: {} }] }],
    ["function_call", { function_call: { name: "lookup" } }],
    ["response_format", { response_format: { type: "json_object" } }],
    ["response_format", { response_format: { type: "json_schema", json_schema: { name: "x", schema: {} } } }],
    ["logprobs", { logprobs: true }],
    ["top_logprobs", { top_logprobs: 3 }],
    ["n", { n: 2 }],
    ["n", { n: 0 }],
    ["audio", { audio: { voice: "alloy", format: "mp3" } }],
    ["modalities", { modalities: ["text", "audio"] }],
    ["web_search_options", { web_search_options: {} }],
  ];
  for (const [param, extra] of refused) {
    it(`refuses ${JSON.stringify(extra)} with a 400 naming ${param}, before answering`, async () => {
      script = scriptedVerb({ tokens: ANSWER_PIECES });
      const response = await post(extra);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { detail: string; error: Record<string, unknown> };
      expect(body.detail).toMatch(new RegExp(`^(不支持参数 ${param}：|参数 ${param} 只能为 1)`));
      expect(body.error).toMatchObject({ message: body.detail, type: "invalid_request_error", code: "unsupported_parameter", param });
      expect(script.calls).toHaveLength(0);
    });
  }

  it("accepts the empty and neutral forms of those parameters", async () => {
    script = scriptedVerb({ tokens: ANSWER_PIECES });
    const neutral = { n: 1, tools: [], functions: [], tool_choice: "none", function_call: "none", response_format: { type: "text" }, logprobs: false, modalities: ["text"] };
    const response = await post(neutral);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { choices: Array<{ message: { content: string } }> }).choices[0].message.content).toBe(CONTENT);
  });

  it("accepts sampling and bookkeeping parameters, which do not change the answer", async () => {
    script = scriptedVerb({ tokens: ANSWER_PIECES });
    const completion = await client().chat.completions.create({
      model: "park-assistant", messages, temperature: 1.7, top_p: 0.2, presence_penalty: 1, frequency_penalty: -1, seed: 42,
      user: "official-7", metadata: { team: "招商局" }, store: false, logit_bias: { "100": -100 },
    });
    expect(completion.choices[0]).toMatchObject({ message: { content: CONTENT }, finish_reason: "stop" });
    expect(warnings).toEqual([]);
  });

  it("accepts an unknown field and logs it as ignored", async () => {
    script = scriptedVerb({ tokens: ANSWER_PIECES });
    const response = await post({ frobnicate: true, reasoning_effort: "low" });
    expect(response.status).toBe(200);
    expect(warnings).toEqual([{ message: "chat completion parameters ignored", fields: { requestId: expect.any(String), parameters: ["frobnicate"] } }]);
    warnings.length = 0;
  });

  it("cuts the content at a clause end within max_tokens, never inside a number, with finish_reason length", async () => {
    const numbers = (text: string) => text.match(/\d+(?:\.\d+)?/g) ?? [];
    const whole = numbers(CONTENT);
    for (let budget = 1; budget <= estimateTokens(CONTENT) + 1; budget++) {
      script = scriptedVerb({ tokens: ANSWER_PIECES });
      const completion = await client().chat.completions.create({ model: "park-assistant", messages, max_tokens: budget });
      const content = completion.choices[0].message.content ?? "";
      expect(CONTENT.startsWith(content), `${budget}: ${content}`).toBe(true);
      expect(estimateTokens(content)).toBeLessThanOrEqual(budget);
      expect(completion.usage!.completion_tokens).toBe(estimateTokens(content));
      // Every number sent is a number of the answer, whole.
      expect(whole.slice(0, numbers(content).length)).toEqual(numbers(content));
      if (content === CONTENT) {
        expect(completion.choices[0].finish_reason).toBe("stop");
      } else {
        expect(completion.choices[0].finish_reason).toBe("length");
        expect(content === "" || /[，；。]$/.test(content), content).toBe(true);
      }
    }
  });

  it("cuts a stream the same way, and max_completion_tokens counts like max_tokens (the smaller wins)", async () => {
    for (const budget of [9, 20, 30]) {
      script = scriptedVerb({ tokens: ANSWER_PIECES });
      const plain = await client().chat.completions.create({ model: "park-assistant", messages, max_tokens: budget });
      script = scriptedVerb({ tokens: ANSWER_PIECES });
      const stream = await streamed({ max_completion_tokens: budget, max_tokens: budget + 50 });
      expect(stream.content).toBe(plain.choices[0].message.content);
      expect(stream.finish).toBe("length");
      expect(stream.usage.completion_tokens).toBeLessThanOrEqual(budget);
    }
    // 14 CJK characters and 9 others: 17 tokens, the first clause exactly.
    const first = await client().chat.completions.create({ model: "park-assistant", messages, max_tokens: 17 });
    expect(first.choices[0].message.content).toBe("示范园区2023年工业总产值为202.3亿元，");
    const none = await client().chat.completions.create({ model: "park-assistant", messages, max_tokens: 16 });
    expect(none.choices[0]).toMatchObject({ message: { content: "" }, finish_reason: "length" });
  });

  it("ends the content before the first stop sequence, plain and streamed", async () => {
    script = scriptedVerb({ tokens: ANSWER_PIECES });
    const plain = await client().chat.completions.create({ model: "park-assistant", messages, stop: ["税金", "；"] });
    expect(plain.choices[0]).toMatchObject({ message: { content: "示范园区2023年工业总产值为202.3亿元，同比增长12.5%" }, finish_reason: "stop" });
    script = scriptedVerb({ tokens: ["示范园区2023年工业", "总产值为202.3亿元，上缴税", "金8.6亿元。"] });
    const stream = await streamed({ stop: "上缴税金" });
    expect(stream).toMatchObject({ content: "示范园区2023年工业总产值为202.3亿元，", finish: "stop" });
  });

  it("refuses a malformed limit with a 400 naming the field", async () => {
    const response = await post({ max_tokens: 0 });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toBe("字段 max_tokens 无效：须为正整数");
  });
});
