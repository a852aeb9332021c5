import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { OTHER_PARK, PARK, seedFacts } from "../answer/fixtures.ts";
import { createTestDeps } from "../helpers/test-deps.ts";

type ChatMessage = OpenAI.Chat.Completions.ChatCompletionMessageParam;

/** The conversation of a /v1 chat is the `messages` its client sends, and nothing the server keeps. */
describe("/v1/chat/completions: follow-ups from the request's messages", () => {
  let deps: Awaited<ReturnType<typeof createTestDeps>>;
  let app: ReturnType<typeof createApp>;
  let client: OpenAI;

  beforeAll(async () => {
    deps = await createTestDeps();
    await seedFacts(deps);
    app = createApp(deps);
    client = new OpenAI({ baseURL: "http://park.test/v1", apiKey: "x", maxRetries: 0, fetch: async (url, init) => app.request(String(url), init) });
  });
  afterAll(async () => deps.dispose());

  const complete = async (messages: ChatMessage[], park?: string) => {
    const completion = await client.chat.completions.create({ model: "park-assistant", messages, ...(park ? { park } : {}) } as OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming);
    return completion.choices[0].message.content ?? "";
  };
  /** A chat as a client keeps it: its transcript, to which each question and its answer are added. */
  const chat = (park?: string) => {
    const messages: ChatMessage[] = [{ role: "system", content: "你是园区助手" }];
    return async (question: string) => {
      messages.push({ role: "user", content: question });
      const content = await complete(messages, park);
      messages.push({ role: "assistant", content });
      return content;
    };
  };
  const openaiConversations = async () =>
    Number((await deps.db.query<{ count: string }>("SELECT count(*) AS count FROM conversations WHERE channel = 'openai'")).rows[0].count);

  it("two chats opening with the same question for different parks follow up each on its own park", async () => {
    const first = chat(PARK);
    const second = chat(OTHER_PARK);
    expect(await first("2022年工业总产值是多少？")).toContain(`${PARK}2022年工业总产值为221.6亿元`);
    expect(await second("2022年工业总产值是多少？")).toContain(`${OTHER_PARK}2022年工业总产值为80.1亿元`);
    const firstProfit = await first("利润呢？");
    const secondProfit = await second("利润呢？");
    expect(firstProfit).toContain(`${PARK}2022年利润为13.2亿元`);
    expect(firstProfit).not.toContain(OTHER_PARK);
    expect(secondProfit).toContain(`${OTHER_PARK}2022年利润为3.9亿元`);
    expect(secondProfit).not.toContain(PARK);
  });

  it("two chats opening with the same text part ways: one's 南溪呢？ does not become the other's park", async () => {
    const first = chat();
    const second = chat();
    await first("明湖2022年工业总产值是多少？");
    await second("明湖2022年工业总产值是多少？");
    expect(await first("南溪呢？")).toContain(`${OTHER_PARK}2022年工业总产值为80.1亿元`);
    const profit = await second("利润呢？");
    expect(profit).toContain(`${PARK}2022年利润为13.2亿元`);
    expect(profit).not.toContain("3.9亿元");
  });

  it("resolves 那2021年呢？ from a transcript the server never saw, whatever the earlier assistant turns say", async () => {
    const content = await complete([
      { role: "system", content: "你是园区助手" },
      { role: "user", content: "明湖2022年工业总产值是多少？" },
      { role: "assistant", content: "（另一个模型的回答）" },
      { role: "user", content: "那2021年呢？" },
    ]);
    expect(content).toContain(`${PARK}2021年工业总产值为202.3亿元`);
  });

  it("answers each turn of a transcript as /api/ask answers the same turns of a stored conversation", async () => {
    const questions = ["明湖2022年工业总产值是多少？", "那2021年呢？", "利润呢？", "和去年比呢？", "南溪呢？"];
    const follow = chat();
    let conversationId: string | undefined;
    const contents: string[] = [];
    for (const question of questions) {
      const response = await app.request("/api/ask", {
        method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question, conversationId }),
      });
      const stored = (await response.json()) as { answer: string; conversationId: string };
      conversationId = stored.conversationId;
      const content = await follow(question);
      expect(content.split("\n\n数据来源：")[0], question).toBe(stored.answer);
      contents.push(content);
    }
    // The chain really moved: the year, then the indicator, then the park changed while the rest was inherited.
    expect(contents[1]).toContain("2021年工业总产值为202.3亿元");
    expect(contents[2]).toContain("2021年利润为12.4亿元");
    expect(contents[4]).toContain(OTHER_PARK);
  });

  it("answers a new chat as if no other chat had happened, and keeps no conversation on the server", async () => {
    const alone: ChatMessage[] = [{ role: "user", content: "利润呢？" }];
    const before = await complete(alone);
    const other = chat();
    await other("利润呢？");
    await other("南溪呢？");
    await other("那2021年呢？");
    expect(await complete(alone)).toBe(before);
    // With nothing to follow, 利润呢？ is asked of every park on record.
    expect(before).toContain(PARK);
    expect(before).toContain(OTHER_PARK);
    expect(await openaiConversations()).toBe(0);
  });
});
