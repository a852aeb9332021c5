import { describe, expect, it } from "vitest";
import { matchesStated, normalizeScope, periodText, precisionStep, scopesCompatible, type StatedFigure } from "../../src/verify/match-figure.ts";
import type { Qualifier } from "../../src/domain/fact-types.ts";

const yi = (value: number, decimals: number, qualifier: Qualifier = "exact"): StatedFigure => ({ value, decimals, scale: 1e8, baseUnit: "元", qualifier });
const wan = (value: number, decimals: number, qualifier: Qualifier = "exact"): StatedFigure => ({ value, decimals, scale: 1e4, baseUnit: "元", qualifier });

describe("matchesStated", () => {
  it.each<[string, StatedFigure, number, boolean]>([
    ["202亿元 stated, 202.3亿元 stored", yi(202, 0), 202.3e8, true],
    ["202亿元 stated, 202.5亿元 stored (四舍五入 → 203)", yi(202, 0), 202.5e8, false],
    ["203亿元 stated, 202.5亿元 stored", yi(203, 0), 202.5e8, true],
    ["2.39亿元 stated, 2.385亿元 stored", yi(2.39, 2), 238_500_000, true],
    ["202亿元 stated, 202.6亿元 stored", yi(202, 0), 202.6e8, false],
    ["2.385亿元 stated, 2.4亿元 stored", yi(2.385, 3), 2.4e8, false],
    ["2.4亿元 stated, 2.385亿元 stored", yi(2.4, 1), 2.385e8, true],
    ["2.385亿元 stated, 2.385亿元 stored", yi(2.385, 3), 238_500_000, true],
    ["202万元 stated, 202亿元 stored (scale swap)", wan(202, 0), 202e8, false],
    ["202亿元 stated, 202万元 stored (scale swap)", yi(202, 0), 202e4, false],
    ["110余万元, stored 115万", wan(110, 0, "more_than"), 1_150_000, true],
    ["110余万元, stored 110万", wan(110, 0, "more_than"), 1_100_000, true],
    ["110余万元, stored 125万", wan(110, 0, "more_than"), 1_250_000, false],
    ["110余万元, stored 105万", wan(110, 0, "more_than"), 1_050_000, false],
    ["2亿多元, stored 2.6亿", yi(2, 0, "more_than"), 2.6e8, true],
    ["6000余人, stored 6350", { value: 6000, decimals: 0, scale: 1, baseUnit: "人", qualifier: "more_than" }, 6350, true],
    ["近5亿元, stored 4.8亿", yi(5, 0, "less_than"), 4.8e8, true],
    ["近5亿元, stored 5.2亿", yi(5, 0, "less_than"), 5.2e8, false],
    ["约30亿元, stored 31亿", yi(30, 0, "about"), 31e8, true],
    ["约30亿元, stored 35亿", yi(30, 0, "about"), 35e8, false],
    ["3-5亿元, stored 4.2亿", { ...yi(3, 0, "range"), valueHigh: 5 }, 4.2e8, true],
    ["3-5亿元, stored 6亿", { ...yi(3, 0, "range"), valueHigh: 5 }, 6e8, false],
  ])("%s → %s", (_name, stated, storedBase, expected) => expect(matchesStated(stated, storedBase)).toBe(expected));

  it("knows the step of the last stated place", () => {
    expect(precisionStep(110, 0)).toBe(10);
    expect(precisionStep(6000, 0)).toBe(1000);
    expect(precisionStep(2.385, 3)).toBe(0.001);
    expect(precisionStep(7, 0)).toBe(1);
  });
});

describe("scopes", () => {
  it("treats 园区 and 规上企业 as the park's totals and keeps sub-scopes apart", () => {
    expect(scopesCompatible("园区", "规上企业")).toBe(true);
    expect(scopesCompatible("其中10家有色金属加工企业", "有色金属加工企业")).toBe(true);
    expect(scopesCompatible("园区", "其中10家有色金属加工企业")).toBe(false);
    expect(normalizeScope("10亿元以上")).toBe("10亿元以上");
  });
});

describe("periodText and normalizeScope for spans and statistics' scopes", () => {
  it("shows year spans", () => {
    expect(periodText("2021-2024")).toBe("2021—2024年");
    expect(periodText("2021-")).toBe("2021年以来");
  });

  it("drops 其中： and a scope that restates the indicator", () => {
    expect(normalizeScope("其中：电子信息产业")).toBe("电子信息产业");
    expect(normalizeScope("其中：亿元以上项目")).toBe(normalizeScope("1亿元以上项目"));
    expect(normalizeScope("融资平台", "loans")).toBe("");
    expect(normalizeScope("融资平台", "revenue")).toBe("融资平台");
  });
});
