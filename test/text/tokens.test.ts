import { describe, expect, it } from "vitest";
import { queryTokens, searchTokens } from "../../src/text/tokens.ts";

describe("searchTokens", () => {
  const cases: Array<[string, string]> = [
    ["工业总产值202亿元", "工业 业总 总产 产值 202 亿元"],
    ["同比增长16.6%", "同比 比增 增长 16.6"],
    ["VOC治理", "voc 治理"],
    ["A1-A8七栋厂房", "a 1 a 8 七栋 栋厂 厂房"],
    ["年", "年"],
    ["２０２１年，园区", "2021 年 园区"],
    ["", ""],
  ];
  it.each(cases)("%s", (input, expected) => {
    expect(searchTokens(input)).toBe(expected);
  });

  it("is deterministic", () => {
    const text = "2020年，园区规上企业实现工业总产值202亿元。";
    expect(searchTokens(text)).toBe(searchTokens(text));
  });
});

describe("queryTokens", () => {
  const cases: Array<[string, string[]]> = [
    ["2020年工业总产值是多少？", ["2020", "年工", "工业", "业总", "总产", "产值"]],
    ["有哪些重点项目", ["重点", "点项", "项目"]],
    ["有色金属企业的税金是否增长了", ["有色", "色金", "金属", "属企", "企业", "税金", "增长"]],
    ["园区园区", ["园区", "区园"]],
  ];
  it.each(cases)("%s", (input, expected) => {
    expect(queryTokens(input)).toEqual(expected);
  });
});
