import { describe, expect, it } from "vitest";
import { matchesStated, normalizeScope, periodText, precisionStep, scopesCompatible, type StatedFigure } from "../../src/verify/match-figure.ts";
import type { Qualifier } from "../../src/domain/fact-types.ts";

const yi = (value: number, decimals: number, qualifier: Qualifier = "exact"): StatedFigure => ({ value, decimals, scale: 1e8, baseUnit: "元", qualifier });
const wan = (value: number, decimals: number, qualifier: Qualifier = "exact"): StatedFigure => ({ value, decimals, scale: 1e4, baseUnit: "元", qualifier });

describe("matchesStated", () => {
  it.each<[string, StatedFigure, number, boolean]>([
    ["186亿元 stated, 186.3亿元 stored", yi(186, 0), 186.3e8, true],
    ["186亿元 stated, 186.5亿元 stored (四舍五入 → 187)", yi(186, 0), 186.5e8, false],
    ["187亿元 stated, 186.5亿元 stored", yi(187, 0), 186.5e8, true],
    ["3.15亿元 stated, 3.145亿元 stored", yi(3.15, 2), 314_500_000, true],
    ["186亿元 stated, 186.6亿元 stored", yi(186, 0), 186.6e8, false],
    ["3.145亿元 stated, 3.1亿元 stored", yi(3.145, 3), 3.1e8, false],
    ["3.1亿元 stated, 3.145亿元 stored", yi(3.1, 1), 3.145e8, true],
    ["3.145亿元 stated, 3.145亿元 stored", yi(3.145, 3), 314_500_000, true],
    ["186万元 stated, 186亿元 stored (scale swap)", wan(186, 0), 186e8, false],
    ["186亿元 stated, 186万元 stored (scale swap)", yi(186, 0), 186e4, false],
    ["130余万元, stored 135万", wan(130, 0, "more_than"), 1_350_000, true],
    ["130余万元, stored 130万", wan(130, 0, "more_than"), 1_300_000, true],
    ["130余万元, stored 145万", wan(130, 0, "more_than"), 1_450_000, false],
    ["130余万元, stored 125万", wan(130, 0, "more_than"), 1_250_000, false],
    ["1亿多元, stored 1.6亿", yi(1, 0, "more_than"), 1.6e8, true],
    ["3000余人, stored 3400", { value: 3000, decimals: 0, scale: 1, baseUnit: "人", qualifier: "more_than" }, 3400, true],
    ["近5亿元, stored 4.8亿", yi(5, 0, "less_than"), 4.8e8, true],
    ["近5亿元, stored 5.2亿", yi(5, 0, "less_than"), 5.2e8, false],
    ["约30亿元, stored 31亿", yi(30, 0, "about"), 31e8, true],
    ["约30亿元, stored 35亿", yi(30, 0, "about"), 35e8, false],
    ["3-5亿元, stored 4.2亿", { ...yi(3, 0, "range"), valueHigh: 5 }, 4.2e8, true],
    ["3-5亿元, stored 6亿", { ...yi(3, 0, "range"), valueHigh: 5 }, 6e8, false],
  ])("%s → %s", (_name, stated, storedBase, expected) => expect(matchesStated(stated, storedBase)).toBe(expected));

  it("knows the step of the last stated place", () => {
    expect(precisionStep(130, 0)).toBe(10);
    expect(precisionStep(3000, 0)).toBe(1000);
    expect(precisionStep(3.145, 3)).toBe(0.001);
    expect(precisionStep(7, 0)).toBe(1);
  });
});

describe("scopes", () => {
  it("treats 园区 and 规上企业 as the park's totals and keeps sub-scopes apart", () => {
    expect(scopesCompatible("园区", "规上企业")).toBe(true);
    expect(scopesCompatible("其中14家新材料企业", "新材料企业")).toBe(true);
    expect(scopesCompatible("园区", "其中14家新材料企业")).toBe(false);
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
