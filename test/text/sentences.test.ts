import { describe, expect, it } from "vitest";
import { sentenceSpans, splitSentences } from "../../src/text/sentences.ts";

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

  it("ends clauses at ，, too when asked, but not at a comma or 。 inside a number", () => {
    const clauses = (text: string) => sentenceSpans(text, { commas: true }).map((span) => text.slice(span.start, span.end));
    expect(clauses("产值1,568.2亿元，增长2。87%；税金8.6亿元。")).toEqual(["产值1,568.2亿元，", "增长2。87%；", "税金8.6亿元。"]);
    expect(clauses("甲，乙")).toEqual(["甲，", "乙"]);
  });
});
