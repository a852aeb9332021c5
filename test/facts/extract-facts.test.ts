import { describe, expect, it } from "vitest";
import { extractFacts } from "../../src/facts/extract-facts.ts";
import type { FactInput } from "../../src/domain/fact-types.ts";
import { GENRE_ECONOMY, GENRE_FINANCE, GENRE_PROJECTS, GENRE_SAFETY } from "./genre-text.ts";

const run = (text: string, extra: Partial<Parameters<typeof extractFacts>[0]> = {}) =>
  extractFacts({ text, park: "青桐工业园区", year: 2021, ...extra });
const find = (facts: FactInput[], key: string, value?: number) =>
  facts.find((fact) => fact.indicatorKey === key && (value === undefined || fact.value === value));

describe("extractFacts on a work summary's economy paragraph", () => {
  const facts = run(GENRE_ECONOMY, { offset: 1000 });

  it.each([
    ["industrial_output", 186, "亿元", 13.4, 1.86e10],
    ["revenue", 194, "亿元", 18.7, 1.94e10],
    ["profit", 15.8, "亿元", 31.5, 1.58e9],
    ["tax", 7.42, "亿元", 6.8, 7.42e8],
    ["employees", 6453, "人", 9, 6453],
    ["electricity", 4.7, "亿千瓦时", 3, 4.7e8],
  ])("%s = %d %s, yoy %d, scope 规上企业 carried across ；", (key, value, unit, yoy, valueBase) => {
    const fact = find(facts, key, value);
    expect(fact).toMatchObject({ value, unit, yoyPct: yoy, valueBase, scope: "规上企业", period: "2021", status: "actual", park: "青桐工业园区" });
  });

  it("gives absolute spans and the sentence as quote", () => {
    const fact = find(facts, "industrial_output")!;
    expect(GENRE_ECONOMY.slice(fact.spanStart! - 1000, fact.spanEnd! - 1000)).toBe("186亿元");
    expect(fact.quote.startsWith("2021年，园区规上企业实现工业总产值186亿元")).toBe(true);
    expect(fact.quote.length).toBeLessThanOrEqual(120);
    expect(fact.label).toBe("工业总产值");
    expect(fact.decimals).toBe(0);
  });

  it("reads the 其中 sub-scope and the two shares of 分别占园区比重", () => {
    const scope = "其中14家新材料企业";
    expect(find(facts, "revenue", 87)).toMatchObject({ scope, yoyPct: null });
    expect(find(facts, "tax", 3.9)).toMatchObject({ scope });
    expect(find(facts, "share:revenue")).toMatchObject({ value: 44.8, unit: "%", scope, label: "占园区比重" });
    expect(find(facts, "share:tax")).toMatchObject({ value: 53, unit: "%", scope });
  });

  it("reads increments, ranks with their half-year period", () => {
    expect(find(facts, "hitech_enterprises")).toMatchObject({ value: 9, unit: "家", label: "新增国家高新技术企业" });
    expect(find(facts, "rank")).toMatchObject({ value: 37, period: "2021H1", unit: "位" });
  });

  it("extracts no year, section number or ordinal", () => {
    const all = run(GENRE_SAFETY);
    expect(all.map((fact) => fact.value)).toEqual([8, 11, 9, 13, 56.8]);
  });
});

describe("extractFacts on finance and projects", () => {
  const finance = run(GENRE_FINANCE);
  const projects = run(GENRE_PROJECTS);

  it("reads loans, subsidies with their qualifiers and labels", () => {
    expect(find(finance, "loans")).toMatchObject({ value: 3.145, decimals: 3, valueBase: 314_500_000 });
    expect(find(finance, "loan_enterprises")).toMatchObject({ value: 52, unit: "户" });
    expect(find(finance, "tax_incentive_enterprises")).toMatchObject({ value: 41 });
    expect(find(finance, "subsidies", 1.96)).toMatchObject({ label: "企业发展扶持资金" });
    expect(find(finance, "subsidies", 130)).toMatchObject({ qualifier: "more_than", unit: "万元", label: "企业防疫复产补助资金" });
    expect(find(finance, "subsidies", 350)).toMatchObject({ qualifier: "more_than" });
  });

  it("reads projects, thresholds as scopes, forecasts after 达产达标后", () => {
    expect(find(projects, "projects", 11)).toMatchObject({ scope: "新落户项目", status: "actual" });
    expect(find(projects, "project_investment")).toMatchObject({ value: 95.4 });
    expect(find(projects, "projects", 1)).toMatchObject({ scope: "其中30亿元以上项目" });
    expect(find(projects, "projects", 3)).toMatchObject({ scope: "其中10亿元以上项目" });
    expect(find(projects, "projects", 9)).toMatchObject({ scope: "其中亿元以上项目" });
    // The 30亿元 threshold is no fact; the forecast revenue of the same value is.
    expect(projects.some((fact) => fact.value === 30 && fact.indicatorKey !== "revenue")).toBe(false);
    expect(find(projects, "revenue", 30)).toMatchObject({ status: "forecast" });
    expect(find(projects, "jobs")).toMatchObject({ value: 4500, qualifier: "more_than", status: "forecast" });
    expect(find(projects, "enterprises", 13)).toMatchObject({ status: "actual" });
  });

  it("never drops a figure outside the vocabulary", () => {
    const building = projects.find((fact) => fact.value === 6);
    expect(building).toMatchObject({ indicatorKey: "label:厂房", unit: "栋" });
    expect(building!.confidence).toBeLessThan(0.7);
  });
});

describe("extractFacts on other park-document shapes", () => {
  it.each<[string, string, Partial<FactInput>]>([
    ["全年完成规模以上工业增加值45.6亿元，增长8.5%。", "industrial_value_added", { value: 45.6, yoyPct: 8.5, scope: "规上企业" }],
    ["实现财政总收入3.2亿元，其中一般公共预算收入1.86亿元。", "general_budget_revenue", { value: 1.86, scope: "园区" }],
    ["实现财政总收入3.2亿元，其中一般公共预算收入1.86亿元。", "fiscal_revenue", { value: 3.2 }],
    ["亩均税收15.3万元，同比下降3.5%。", "tax_per_mu", { value: 15.3, valueBase: 153_000, yoyPct: -3.5 }],
    ["引进项目15个，总投资45亿元。", "project_investment", { value: 45 }],
    ["新增规上企业5家，总数达到68家。", "above_scale_enterprises", { value: 5, label: "新增规上企业" }],
    ["园区规上企业总数达到68家。", "above_scale_enterprises", { value: 68, label: "规上企业", scope: "园区" }],
    ["1—11月，园区完成固定资产投资30.5亿元。", "fixed_investment", { period: "2021M01-11" }],
    ["1-6月，园区完成固定资产投资20亿元。", "fixed_investment", { period: "2021H1" }],
    ["2019年，园区实现营业收入180亿元。", "revenue", { period: "2019", year: 2019 }],
    ["力争实现工业总产值230亿元，增长12%。", "industrial_output", { status: "plan", value: 230, yoyPct: 12 }],
    ["预计2022年实现营业收入250亿元。", "revenue", { status: "forecast", period: "2022", year: 2022 }],
    ["综合能耗下降5.2%。", "yoy:energy_consumption", { value: -5.2, yoyPct: -5.2 }],
    ["实现利润20亿元，比上年增加3.2亿元。", "delta:profit", { value: 3.2, valueBase: 3.2e8 }],
    ["研发投入占营业收入比重提高0.5个百分点。", "pp:rd_investment", { value: 0.5 }],
    ["园区实现出口额12.5亿美元。", "exports", { unit: "亿美元", baseUnit: "美元" }],
  ])("%s → %s", (text, key, expected) => {
    expect(find(run(text), key)).toMatchObject(expected);
  });

  it("takes plan status from a plan section", () => {
    const [fact] = run("实现工业总产值230亿元。", { sectionPath: "五、2022年工作打算", year: 2022 });
    expect(fact).toMatchObject({ status: "plan", period: "2022" });
  });

  it("skips figures in excluded (mojibake) ranges", () => {
    const text = "实现利润总额15.8亿元，入库税收3.9亿元。";
    const facts = run(text, { offset: 50, exclude: [{ start: 50 + text.indexOf("3.9"), end: 50 + text.indexOf("3.9") + 2 }] });
    expect(facts.map((fact) => fact.value)).toEqual([15.8]);
  });
});
