import { describe, expect, it } from "vitest";
import { MAX_SENTENCE, sentenceSpans, splitSentences } from "../../src/text/sentences.ts";

const texts = (text: string, semicolons = false) => sentenceSpans(text, { semicolons }).map((span) => text.slice(span.start, span.end));

describe("the sentence splitter", () => {
  it("ends sentences at 。！？ and line breaks, keeping ；-lists whole unless asked", () => {
    expect(texts("甲园区产值5亿元；利润1亿元。乙！丙")).toEqual(["甲园区产值5亿元；利润1亿元。", "乙！", "丙"]);
    expect(texts("甲；乙。", true)).toEqual(["甲；", "乙。"]);
  });

  it("reads 。 between digits as a decimal point", () => {
    expect(texts("税收2。87億元。次句")).toEqual(["税收2。87億元。", "次句"]);
  });

  it("keeps closing quotes, brackets and line breaks with their sentence, and covers the whole text", () => {
    const text = "他说：“完成目标。”\n\n下一句？！结尾";
    expect(texts(text)).toEqual(["他说：“完成目标。”\n\n", "下一句？！", "结尾"]);
    expect(splitSentences(text).join("")).toBe(text);
  });

  it("cuts a run with no end longer than MAX_SENTENCE at its last ；, else ，, else before a number — never inside one", () => {
    const clauses = "园区新签约项目12个，总投资35.6亿元；".repeat(40);
    const cut = texts(clauses);
    expect(cut.join("")).toBe(clauses);
    expect(Math.max(...cut.map((part) => part.length))).toBeLessThanOrEqual(MAX_SENTENCE);
    expect(cut.slice(0, -1).every((part) => part.endsWith("；"))).toBe(true);
    const bare = "1亿元".repeat(1000);
    const pieces = texts(bare);
    expect(pieces.join("")).toBe(bare);
    expect(pieces.every((part) => /^(1亿元)+$/.test(part))).toBe(true);
    // Prose sentences stay whole.
    expect(texts(`${"园区实现工业总产值352.9亿元，".repeat(10)}同比增长5%。`)).toHaveLength(1);
  });

  it("ends clauses at ，, too when asked, but not at a comma or 。 inside a number", () => {
    const clauses = (text: string) => sentenceSpans(text, { commas: true }).map((span) => text.slice(span.start, span.end));
    expect(clauses("产值1,568.2亿元，增长2。87%；税金8.6亿元。")).toEqual(["产值1,568.2亿元，", "增长2。87%；", "税金8.6亿元。"]);
    expect(clauses("甲，乙")).toEqual(["甲，", "乙"]);
  });
});
