import { describe, expect, it } from "vitest";
import { partialPeriodOf, periodSuffix, periodText, periodYear } from "../../src/domain/periods.ts";

describe("periods", () => {
  it.each([
    ["2023年上半年工作总结", "H1"],
    ["2021年1—11月经济运行情况", "M01-11"],
    ["2022年前三季度工作汇报", "M01-09"],
    ["2024年一季度经济运行分析", "Q1"],
    ["2023年1-6月主要指标", "H1"],
    ["2023年工作总结", undefined],
  ])("%s covers %s", (title, suffix) => expect(partialPeriodOf(title)).toBe(suffix));

  it.each([
    ["2021M01-11", "2021年1-11月"],
    ["2020H1", "2020年上半年"],
    ["2021-2024", "2021—2024年"],
    ["0000M01-10", "（年份未注明）1-10月"],
    ["0000", "（年份未注明）"],
  ])("%s reads %s", (period, text) => expect(periodText(period)).toBe(text));

  it("splits a period into year and sub-year part", () => {
    expect(periodYear("2021M01-11")).toBe(2021);
    expect(periodYear("0000")).toBe(0);
    expect(periodSuffix("2021M01-11")).toBe("M01-11");
    expect(periodSuffix("2021")).toBe("");
  });
});
