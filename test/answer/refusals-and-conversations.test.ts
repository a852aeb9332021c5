import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer-question.ts";
import { recentMessages } from "../../src/db/conversations-repo.ts";
import { createTestDeps } from "../helpers/test-deps.ts";
import { OTHER_PARK, PARK, seedFacts } from "./fixtures.ts";

let deps: Awaited<ReturnType<typeof createTestDeps>>;

beforeAll(async () => {
  deps = await createTestDeps();
  await seedFacts(deps);
});
afterAll(async () => deps.dispose());

describe("refusals", () => {
  it("says plainly that a year is not on record, and which years are", async () => {
    const result = await answerQuestion(deps, { question: "明湖经济开发区2018年工业总产值是多少？" });
    expect(result.mode).toBe("refusal");
    expect(result.answer).toContain(`数据库中没有${PARK}2018年工业总产值的数据`);
    expect(result.answer).toContain("2020—2022年");
    expect(result.facts).toEqual([]);
    // No number is invented: the only figures are years.
    expect(result.answer).not.toMatch(/\d+(\.\d+)?亿元/);
  });

  it("names the nearest indicators when the park has no such indicator", async () => {
    const result = await answerQuestion(deps, { question: "明湖2022年研发投入是多少？" });
    expect(result.mode).toBe("refusal");
    expect(result.answer).toContain("研发投入");
    expect(result.answer).toMatch(/相近的指标有：.*(工业总产值|利润|税金)/);
  });

  it("refuses an indicator the vocabulary does not know rather than guessing one", async () => {
    const result = await answerQuestion(deps, { question: "明湖2022年每平方公里产值是多少？" });
    expect(result.mode).toBe("refusal");
    expect(result.answer).not.toContain("221.6");
  });

  it("refuses a park that is not on record, even when the caller passes it as the default park", async () => {
    const named = await answerQuestion(deps, { question: "青山经济开发区2022年税金是多少？" });
    expect(named.mode).toBe("refusal");
    expect(named.answer).toContain("数据库中没有青山经济开发区的数据");
    expect(named.answer).toContain(PARK);
    const byDefault = await answerQuestion(deps, { question: "2022年税金是多少？", park: "青山经济开发区" });
    expect(byDefault.mode).toBe("refusal");
    expect(byDefault.answer).not.toContain("8.06");
  });

  it("refuses an actual figure for a year that only has targets", async () => {
    const result = await answerQuestion(deps, { question: "明湖2023年实际完成工业总产值多少？" });
    expect(result.mode).toBe("refusal");
  });
});

describe("conversations", () => {
  it("stores each turn with its resolved query and resolves follow-ups against it", async () => {
    const first = await answerQuestion(deps, { question: "明湖2022年工业总产值是多少？", channel: "test" });
    expect(first.answer).toContain("221.6亿元");
    const conversationId = first.conversationId;

    const year = await answerQuestion(deps, { question: "那2021年呢？", conversationId });
    expect(year.conversationId).toBe(conversationId);
    expect(year.mode).toBe("figure");
    expect(year.answer).toContain("2021年工业总产值为202.3亿元");

    const indicator = await answerQuestion(deps, { question: "利润呢？", conversationId });
    expect(indicator.answer).toContain("2021年利润为12.4亿元");

    const compare = await answerQuestion(deps, { question: "和去年比呢？", conversationId });
    expect(compare.answer).toContain("12.4亿元");
    expect(compare.answer).toContain("2020年");

    const park = await answerQuestion(deps, { question: "南溪呢？", conversationId });
    expect(park.answer).toContain(OTHER_PARK);

    const messages = await recentMessages(deps.db, conversationId, 20);
    expect(messages.filter((message) => message.role === "user").map((message) => message.content)).toEqual([
      "明湖2022年工业总产值是多少？", "那2021年呢？", "利润呢？", "和去年比呢？", "南溪呢？",
    ]);
    const stored = messages.find((message) => message.content === "那2021年呢？")?.query as Record<string, unknown>;
    expect(stored).toMatchObject({ intent: "value", years: [2021], indicators: ["industrial_output"], parks: [PARK], followUp: true });
    expect(messages.filter((message) => message.role === "assistant")).toHaveLength(5);
  });

  it("keeps conversations apart", async () => {
    const a = await answerQuestion(deps, { question: "明湖2022年利润是多少？" });
    const b = await answerQuestion(deps, { question: "南溪工业园区2022年工业总产值是多少？" });
    const followA = await answerQuestion(deps, { question: "那2021年呢？", conversationId: a.conversationId });
    expect(followA.answer).toContain("12.4亿元");
    expect(b.conversationId).not.toBe(a.conversationId);
  });

  it("resolves follow-ups from the caller's own questions (priorQuestions), reading and writing no conversation", async () => {
    const count = async () => Number((await deps.db.query<{ count: string }>("SELECT count(*) AS count FROM messages")).rows[0].count);
    const before = await count();
    const prior = ["明湖2022年工业总产值是多少？", "那2021年呢？"];
    const profit = await answerQuestion(deps, { question: "利润呢？", priorQuestions: prior, conversationId: "chatcmpl-1" });
    expect(profit.answer).toContain(`${PARK}2021年利润为12.4亿元`);
    expect(profit.conversationId).toBe("chatcmpl-1");
    // An undated question's year is the one its answer settled, as in a stored conversation: 和去年比 has a base.
    const settled = await answerQuestion(deps, { question: "和去年比呢？", priorQuestions: ["南溪的工业总产值是多少？"] });
    expect(settled.answer).toContain(`${OTHER_PARK}2022年工业总产值80.1亿元`);
    expect(settled.answer).toContain("2021年");
    // Empty prior questions: a first turn, with nothing stored to follow.
    const alone = await answerQuestion(deps, { question: "那2021年呢？", priorQuestions: [] });
    expect(alone.answer).not.toContain("202.3亿元");
    expect(await count()).toBe(before);
  });

  it("rejects an empty question", async () => {
    await expect(answerQuestion(deps, { question: "   " })).rejects.toThrow("问题不能为空");
  });
});
