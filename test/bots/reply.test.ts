import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnswerResult } from "../../src/answer/types.ts";
import { BadRequestError } from "../../src/errors.ts";
import { botReply, pageQuestion } from "../../src/bots/reply.ts";
import { botDeps, type BotDeps } from "./bot-helpers.ts";

const question = { platform: "telegram", chatId: "c1", userId: "u1" };
const result = (answer: string, extra: Partial<AnswerResult> = {}): AnswerResult => ({
  answer, conversationId: "x", citations: [], facts: [], mode: "retrieval",
  verification: { claims: [], summary: { verified: 0, mismatch: 0, unsupported: 0, derived: 0 } }, ...extra,
});

describe("botReply: what every platform's message says", () => {
  let deps: BotDeps;
  beforeAll(async () => {
    deps = await botDeps({});
  });
  afterAll(async () => deps.dispose());

  it("a long answer is cut to the platform's limit, the 数据来源 and link footer kept whole", async () => {
    const long = "园区".repeat(3000);
    const answer = async () => result(long, { citations: [{ document_id: "d1", title: "示范园区2023年工作总结", section: "", quote: "" }] });
    const text = await botReply(deps, { ...question, text: "总结一下" }, { baseUrl: "https://x.example", maxBytes: 2048, answer });
    expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(2048);
    expect(text).toContain("…\n\n数据来源：《示范园区2023年工作总结》");
    expect(text).toMatch(/完整回答：https:\/\/x\.example\/\?q=/);
    const chars = await botReply(deps, { ...question, text: "总结一下" }, { baseUrl: "https://x.example", maxChars: 4096, answer });
    expect([...chars].length).toBeLessThanOrEqual(4096);
  });

  it("a figure the verifier could not confirm is named in the reply, never passed silently", async () => {
    const answer = async () => result("园区2023年税金约为9.9亿元。", {
      verification: {
        claims: [{ text: "9.9亿元", start: 10, end: 15, value: 9.9, unit: "亿元", status: "unsupported", fact_ids: [] }],
        summary: { verified: 0, mismatch: 0, unsupported: 1, derived: 0 },
      },
    });
    const text = await botReply(deps, { ...question, text: "税金" }, { baseUrl: "https://x.example", answer });
    expect(text).toContain("以下数字未能在数据库中核实：9.9亿元");
  });

  it("a bad question is answered with its reason; 帮助 and an empty mention list what can be asked", async () => {
    const bad = async () => {
      throw new BadRequestError("问题过长（不超过2000字）");
    };
    expect(await botReply(deps, { ...question, text: "x" }, { baseUrl: "https://x.example", answer: bad })).toBe("问题过长（不超过2000字）");
    for (const text of ["帮助", "  ", "/help", "？"]) {
      expect(await botReply(deps, { ...question, text }, { baseUrl: "https://x.example" })).toContain("可以这样问");
    }
  });

  it("follow-ups resolve in the bot's conversation (one per chat and sender), and the page link states the figure in full", async () => {
    const ask = (text: string, userId = "u-follow") => botReply(deps, { platform: "dingtalk", chatId: "group-1", userId, text }, { baseUrl: "https://x.example" });
    expect(await ask("2023年工业总产值是多少？")).toContain("202.3亿元");
    const followUp = await ask("那2022年呢？");
    expect(followUp).toContain("179.8亿元");
    expect(decodeURIComponent(followUp)).toContain("?q=示范园区2022年工业总产值");
    // Another sender in the same group has no such context.
    expect(await ask("那2022年呢？", "u-other")).not.toContain("179.8亿元");
  });

  it("pageQuestion keeps a non-figure question as asked", () => {
    expect(pageQuestion("园区今年重点做了什么？", result("……"))).toBe("园区今年重点做了什么？");
  });
});
