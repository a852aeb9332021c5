import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { estimateTokens, sendableContent } from "../../src/routes/openai-content.ts";

const TEXT = "园区实现工业总产值1,568.2亿元，同比增长2。87%；税金8.6亿元。\n\n数据来源：《2023年工作总结》（2023）";

describe("sendableContent: the content a /v1 completion may send", () => {
  it("cuts at the last clause end within the budget, reading 1,568.2 and 2。87 as numbers", () => {
    const cases: Array<[number, string]> = [
      [0, ""],
      [estimateTokens("园区实现工业总产值1,568.2亿元，") - 1, ""],
      [estimateTokens("园区实现工业总产值1,568.2亿元，"), "园区实现工业总产值1,568.2亿元，"],
      [estimateTokens("园区实现工业总产值1,568.2亿元，同比增长2。87%；") + 3, "园区实现工业总产值1,568.2亿元，同比增长2。87%；"],
      [estimateTokens(TEXT) - 1, "园区实现工业总产值1,568.2亿元，同比增长2。87%；税金8.6亿元。"],
    ];
    for (const [budget, text] of cases) expect(sendableContent(TEXT, { maxTokens: budget }, true), String(budget)).toEqual({ text, finish: "length" });
    expect(sendableContent(TEXT, { maxTokens: estimateTokens(TEXT) }, true)).toEqual({ text: TEXT, finish: "stop" });
    expect(sendableContent(TEXT, {}, true)).toEqual({ text: TEXT, finish: "stop" });
  });

  it("ends before the earliest stop sequence, and holds back a stop sequence's possible start in a stream", () => {
    expect(sendableContent(TEXT, { stop: ["税金", "同比"] }, true)).toEqual({ text: "园区实现工业总产值1,568.2亿元，", finish: "stop" });
    expect(sendableContent("园区实现工业总产值", { stop: ["产值为"] }, false)).toEqual({ text: "园区实现工业总", finish: null });
    expect(sendableContent("园区实现工业总产值为", { stop: ["产值为"] }, false)).toEqual({ text: "园区实现工业总", finish: "stop" });
  });

  it("in a stream, only ever adds to what it sent, and ends with what the whole content gets", () => {
    const piece = fc.string({ unit: fc.constantFrom(..."园区产值亿元，。；\n1,2.3、（）”"), maxLength: 12 });
    fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), fc.integer({ min: 0, max: 60 }), fc.option(fc.constantFrom("。", "亿元，", "\n\n")), (pieces, budget, stop) => {
      const limits = { maxTokens: budget, ...(stop ? { stop: [stop] } : {}) };
      let content = "";
      let sent = "";
      for (const next of pieces) {
        content += next;
        const { text } = sendableContent(content, limits, false);
        if (!text.startsWith(sent)) return false;
        sent = text;
      }
      const final = sendableContent(content, limits, true);
      return final.text.startsWith(sent) && estimateTokens(final.text) <= budget;
    }), { numRuns: 500 });
  });
});
