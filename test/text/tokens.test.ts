import { describe, expect, it } from "vitest";
import { queryTokens, searchTokens } from "../../src/text/tokens.ts";

describe("searchTokens", () => {
  const cases: Array<[string, string]> = [
    ["工业总产值317亿元", "工业 业总 总产 产值 317 亿元"],
    ["同比增长8.4%", "同比 比增 增长 8.4"],
    ["VOC治理", "voc 治理"],
    ["C1-C6六栋厂房", "c 1 c 6 六栋 栋厂 厂房"],
    ["年", "年"],
    ["２０２１年，园区", "2021 年 园区"],
    ["", ""],
  ];
  it.each(cases)("%s", (input, expected) => {
    expect(searchTokens(input)).toBe(expected);
  });

  it("is deterministic", () => {
    const text = "2023年，桐川工业园区完成规上工业总产值317亿元。";
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
