import { describe, expect, it } from "vitest";
import { rollForward } from "../../src/draft/roll-forward.ts";
import { checkTargets, targetSentence } from "../../src/draft/targets.ts";
import { SUMMARY_SECTIONS } from "../../src/draft/section-plan.ts";
import { YearFacts } from "../../src/draft/year-facts.ts";
import type { Fact } from "../../src/domain/fact-types.ts";

const PARK = "江屿经济开发区";
let counter = 0;

/** A stored statistic, as the stats importer writes it. */
function stat(key: string, label: string, period: string, value: number, unit: string, scale: number, options: Partial<Fact> = {}): Fact {
  const decimals = (String(value).split(".")[1] ?? "").length;
  return {
    id: `f${++counter}`, park: PARK, period, year: Number(period.slice(0, 4)), indicatorKey: key, label, scope: "规上企业",
    value, unit, valueBase: value * scale, baseUnit: unit.replace(/^(亿|万)/, ""), yoyPct: null, qualifier: "exact",
    status: "actual", decimals, spanStart: null, spanEnd: null, quote: "", origin: "stats", confidence: 1,
    documentId: null, chunkId: null, ...options,
  };
}

const LAST_YEAR = "2020年，园区规上企业实现工业总产值281.7亿元，同比增长5%；实现主营业务收入270.8亿元，同比增长4.4%；实现利润16.9亿元，同比下降4%。";

describe("rollForward", () => {
  const facts = YearFacts.of(PARK, 2021, [
    stat("industrial_output", "工业总产值", "2020", 281.7, "亿元", 1e8),
    // Stored in 万元: the draft writes it in last year's unit (亿元), at the stored precision.
    stat("industrial_output", "工业总产值", "2021", 3265000, "万元", 1e4),
    stat("revenue", "主营业务收入", "2020", 270.8, "亿元", 1e8),
    stat("revenue", "主营业务收入", "2021", 260.1, "亿元", 1e8),
    // 利润 2021 is not on record.
    stat("profit", "利润", "2020", 16.9, "亿元", 1e8),
  ]);
  const result = rollForward({ text: LAST_YEAR, fromYear: 2020, toYear: 2021, facts, reportsActuals: true });

  it("puts in the target year's value of the same indicator, in last year's unit", () => {
    expect(result.text).toContain("实现工业总产值326.5亿元");
    expect(result.text).not.toContain("281.7");
  });

  it("recomputes 同比 from the two years' values", () => {
    // By hand: (326.5 − 281.7) / 281.7 = 15.903…% → 15.9%; (260.1 − 270.8) / 270.8 = −3.951…% → 下降4%.
    expect(result.text).toContain("326.5亿元，同比增长15.9%");
    expect(result.text).toContain("260.1亿元，同比下降4%");
  });

  it("marks a figure with no target-year value and leaves no stale number", () => {
    expect(result.text).toContain("实现利润【待补充：利润，2021年】");
    expect(result.text).not.toContain("16.9");
    expect(result.text).not.toMatch(/同比下降4%。$/);
    expect(result.text).toContain("【待补充：利润同比增速，2021年】");
    const missing = result.changes.filter((change) => change.outcome === "missing").map((change) => change.from);
    expect(missing).toEqual(["16.9亿元", "下降4%"]);
  });

  it("moves the report year forward", () => {
    expect(result.text.startsWith("2021年，园区")).toBe(true);
    expect(result.text).not.toContain("2020");
  });

  it("prefers a stored 同比 to the computed one", () => {
    const stored = YearFacts.of(PARK, 2021, [
      stat("industrial_output", "工业总产值", "2020", 281.7, "亿元", 1e8),
      stat("industrial_output", "工业总产值", "2021", 326.5, "亿元", 1e8, { yoyPct: 15.8 }),
    ]);
    const text = rollForward({ text: "实现工业总产值281.7亿元，同比增长5%。", fromYear: 2020, toYear: 2021, facts: stored, reportsActuals: true }).text;
    expect(text).toBe("实现工业总产值326.5亿元，同比增长15.8%。");
  });

  it("recomputes 完成年度目标的…% from the plan target", () => {
    const withPlan = YearFacts.of(PARK, 2021, [
      stat("industrial_output", "工业总产值", "2021", 326.5, "亿元", 1e8, { yoyPct: 15.9 }),
      stat("industrial_output", "工业总产值", "2021", 310, "亿元", 1e8, { status: "plan", origin: "text" }),
    ]);
    const text = rollForward({ text: "全年规上工业总产值281.7亿元，完成年度目标的98.2%。", fromYear: 2020, toYear: 2021, facts: withPlan, reportsActuals: true }).text;
    // 326.5 / 310 = 105.32…% → 105.3%
    expect(text).toBe("全年规上工业总产值326.5亿元，完成年度目标的105.3%。");
  });
});

describe("targets vs actuals", () => {
  const economy = SUMMARY_SECTIONS.find((spec) => spec.id === "经济运行")!;
  const projects = SUMMARY_SECTIONS.find((spec) => spec.id === "项目建设与招商")!;

  it("says a target was exceeded and by how much", () => {
    const facts = YearFacts.of(PARK, 2021, [
      stat("industrial_output", "工业总产值", "2021", 326.5, "亿元", 1e8),
      stat("industrial_output", "工业总产值", "2021", 310, "亿元", 1e8, { status: "plan", origin: "text" }),
    ]);
    const [check] = checkTargets(economy, facts, 2021);
    expect(check.ratio).toBe(105.3);
    expect(targetSentence(check)).toBe("工业总产值完成年度目标的105.3%，超额完成");
  });

  it("says a target was missed with the completion rate", () => {
    const facts = YearFacts.of(PARK, 2021, [
      stat("investment_attracted", "招商引资到位资金", "2021", 65.35, "亿元", 1e8, { scope: "园区" }),
      stat("investment_attracted", "招商引资到位资金", "2021", 68, "亿元", 1e8, { scope: "园区", status: "plan", origin: "text" }),
    ]);
    const [check] = checkTargets(projects, facts, 2021);
    // 65.35 / 68 = 96.10…%
    expect(targetSentence(check)).toBe("招商引资到位资金未完成年度目标，完成率96.1%");
  });

  it("states nothing when no target was set", () => {
    const facts = YearFacts.of(PARK, 2021, [stat("industrial_output", "工业总产值", "2021", 326.5, "亿元", 1e8)]);
    expect(checkTargets(economy, facts, 2021)).toEqual([]);
  });
});

describe("composeSection (no previous text)", () => {
  it("writes the year's figures in the genre's style, 同比 computed", async () => {
    const { composeSection } = await import("../../src/draft/compose.ts");
    const economy = SUMMARY_SECTIONS.find((spec) => spec.id === "经济运行")!;
    const facts = YearFacts.of(PARK, 2021, [
      stat("industrial_output", "工业总产值", "2020", 281.7, "亿元", 1e8),
      stat("industrial_output", "工业总产值", "2021", 326.5, "亿元", 1e8),
      stat("profit", "利润", "2021", 21.8, "亿元", 1e8, { yoyPct: 29 }),
      stat("above_scale_enterprises", "规上企业数", "2020", 241, "家", 1, { scope: "园区" }),
      stat("above_scale_enterprises", "规上企业数", "2021", 258, "家", 1, { scope: "园区" }),
    ]);
    // 258 − 241 = 17; (326.5 − 281.7) / 281.7 = 15.9%
    // A park-wide statistic is not written as 规上企业' (its 口径 says 园区); the count states the subject once.
    expect(composeSection(economy, facts, 2021)).toBe(
      "2021年，园区规上企业达到258家，比上年净增17家；实现工业总产值326.5亿元，同比增长15.9%；实现利润21.8亿元，同比增长29%。",
    );
  });

  it("says what is missing instead of inventing a figure", async () => {
    const { composeSection } = await import("../../src/draft/compose.ts");
    const safety = SUMMARY_SECTIONS.find((spec) => spec.id === "安全环保")!;
    expect(composeSection(safety, YearFacts.of(PARK, 2021, []), 2021)).toBe("【待补充：安全环保工作情况，2021年】");
  });
});
