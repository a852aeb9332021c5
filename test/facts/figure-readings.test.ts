/** Readings of figures in their sentence: period, status, scope and role rules of the genre (own sentences). */
import { describe, expect, it } from "vitest";
import { extractFacts } from "../../src/facts/extract-facts.ts";
import type { FactInput } from "../../src/domain/fact-types.ts";
import { isDefiningScope } from "../../src/domain/indicators.ts";

const run = (text: string, year = 2022, extra: Partial<Parameters<typeof extractFacts>[0]> = {}) =>
  extractFacts({ text, park: "南湖高新区", year, ...extra });
const at = (facts: FactInput[], value: number) => facts.find((fact) => fact.value === value);

describe("period", () => {
  it("全年 never overrides the year the sentence states", () => {
    const facts = run("2018年，全年新签约落户项目15个，实现营业收入61.2亿元。", 2022);
    expect(at(facts, 15)).toMatchObject({ period: "2018" });
    expect(at(facts, 61.2)).toMatchObject({ period: "2018" });
  });

  it("a 上年 after the figure is a comparison, not its year", () => {
    expect(at(run("实现利润7.4亿元，扭转了上年下滑的局面。", 2022), 7.4)).toMatchObject({ period: "2022" });
  });

  it("reads two figures with their own years in one sentence (由…增加到…)", () => {
    const facts = run("营业收入由2019年的40.5亿元增长到2022年的55.8亿元。", 2023);
    expect(at(facts, 40.5)).toMatchObject({ indicatorKey: "revenue", period: "2019", status: "actual" });
    expect(at(facts, 55.8)).toMatchObject({ indicatorKey: "revenue", period: "2022", status: "actual" });
  });
});

describe("status", () => {
  it("a completed target is a report; the 其中 clause after it stays actual", () => {
    const facts = run("全年完成产值80.6亿元，完成年度目标的98.2%；其中电子信息产业实现产值30.1亿元。");
    expect(at(facts, 98.2)).toMatchObject({ indicatorKey: "label:目标完成率", scope: "工业总产值", status: "actual" });
    expect(at(facts, 30.1)).toMatchObject({ indicatorKey: "industrial_output", scope: "其中电子信息产业", status: "actual" });
  });

  it("the figure before 的年度目标 is the target", () => {
    const facts = run("上缴税金4.6亿元，超额完成4.2亿元的年度目标。");
    expect(at(facts, 4.6)).toMatchObject({ indicatorKey: "tax", status: "actual" });
    expect(at(facts, 4.2)).toMatchObject({ indicatorKey: "tax", status: "plan" });
  });

  it("a plan recalls an earlier year's results as actual; its own targets stay plans", () => {
    const facts = run("2022年实现利润5.3亿元，2023年力争利润达到5.8亿元。", 2023, { status: "plan" });
    expect(at(facts, 5.3)).toMatchObject({ status: "actual", period: "2022" });
    expect(at(facts, 5.8)).toMatchObject({ status: "plan", period: "2023" });
  });
});

describe("indicator and scope", () => {
  it("a count before its noun counts that noun (58家规上企业实现…)", () => {
    expect(at(run("全年58家规上企业实现营业收入90.2亿元。"), 58)).toMatchObject({ indicatorKey: "above_scale_enterprises" });
  });

  it("产值 of a 其中 subject, also when a comma follows 其中", () => {
    expect(at(run("其中，生物医药产业实现产值12.7亿元。"), 12.7)).toMatchObject({ indicatorKey: "industrial_output", scope: "其中生物医药产业" });
  });

  it("a share in tenths of a 其中 subject", () => {
    expect(at(run("完成固定资产投资46.3亿元，其中技改投资占比近四成。"), 40)).toMatchObject({ indicatorKey: "share:fixed_investment", scope: "其中技改投资", qualifier: "less_than" });
  });

  it("keeps the park's own scope for stock, flow and loan figures, and writes a project count's stage", () => {
    const facts = run("新认定高新技术企业12家，年末高企总数达到75家；新签约落户项目21个；全年放贷3.35亿元。");
    expect(at(facts, 12)).toMatchObject({ indicatorKey: "hitech_enterprises", scope: "园区" });
    expect(at(facts, 12)?.label).toMatch(/^新/);
    expect(at(facts, 75)).toMatchObject({ indicatorKey: "hitech_enterprises", scope: "园区" });
    expect(at(facts, 75)?.label).not.toMatch(/^新/);
    expect(at(facts, 21)).toMatchObject({ indicatorKey: "projects", scope: "新落户项目" });
    expect(at(facts, 3.35)).toMatchObject({ indicatorKey: "loans", scope: "园区" });
  });

  it("carries a sentence's 规上企业 subject only to sums over enterprises, not to projects or jobs", () => {
    const facts = run("2021年，园区规上企业实现营业收入50亿元，新签约项目12个，新增就业岗位300个，实现利润4.2亿元。", 2021);
    expect(at(facts, 50)).toMatchObject({ indicatorKey: "revenue", scope: "规上企业" });
    expect(at(facts, 12)).toMatchObject({ indicatorKey: "projects", scope: "新落户项目" });
    expect(at(facts, 300)).toMatchObject({ indicatorKey: "jobs", scope: "园区" });
    expect(at(facts, 4.2)).toMatchObject({ indicatorKey: "profit", scope: "规上企业" });
  });

  it("names a sub-area from its own words, not the verb before it", () => {
    const facts = run("启动了园区东扩片区286亩土地征收工作。");
    expect(at(facts, 286)?.scope).toBe("园区东扩片区");
  });

  it("keeps the verb out of the label for the genre's verbs of payment and handling (兑付, 发出, 办结)", () => {
    const facts = run("兑付企业发展扶持资金1.96亿元，发出环境保护整改通知书12份，办结环保信访件30件。");
    expect(at(facts, 1.96)).toMatchObject({ indicatorKey: "subsidies", label: "企业发展扶持资金" });
    expect(at(facts, 12)).toMatchObject({ indicatorKey: "rectification_notices", label: "环境保护整改通知书" });
    expect(at(facts, 30)).toMatchObject({ indicatorKey: "petitions", label: "环保信访件" });
  });

  it("reads a statistics table's restating 口径 as the park's own figure, and a real part as a part", () => {
    expect(isDefiningScope("loans", "融资平台")).toBe(true);
    expect(isDefiningScope("loans", "合作银行")).toBe(true);
    expect(isDefiningScope("electricity", "工业企业")).toBe(true);
    expect(isDefiningScope("rank", "全省开发区综合考核")).toBe(true);
    expect(isDefiningScope("hitech_enterprises", "年末总数")).toBe(true);
    expect(isDefiningScope("revenue", "其中14家新材料企业")).toBe(false);
    expect(isDefiningScope("electricity", "居民生活")).toBe(false);
  });

  it("names threshold sub-scopes with their counted noun; 其中 carries along the list", () => {
    const facts = run("其中5亿元以上项目4个、亿元以上项目11个。");
    expect(at(facts, 4)).toMatchObject({ scope: "其中5亿元以上项目" });
    expect(at(facts, 11)).toMatchObject({ scope: "其中亿元以上项目" });
  });
});

describe("roles", () => {
  it("年均增长 is a compound rate over the years named, not a yoy", () => {
    const facts = run("2019—2022年，园区营业收入年均增长6.5%。", 2022);
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ indicatorKey: "cagr:revenue", period: "2019-2022", yoyPct: null, value: 6.5 });
  });

  it("“十三五”期间 spans 2016—2020", () => {
    expect(run("“十三五”期间，规上工业总产值年均增长7.1%。", 2020)[0]).toMatchObject({ indicatorKey: "cagr:industrial_output", period: "2016-2020" });
  });

  it("a growth stated just before its value belongs to it", () => {
    const facts = run("税金增长5%，达到4.2亿元。");
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ indicatorKey: "tax", value: 4.2, yoyPct: 5 });
  });

  it("a 首次突破 milestone restating the value before it is no fact of its own", () => {
    const facts = run("工业总产值达到105.3亿元，首次突破100亿元，同比增长9.6%。");
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ value: 105.3, yoyPct: 9.6 });
  });
});

describe("sets, lists and per-unit figures", () => {
  it("a count followed by its noun and 中 names a set; the figure after it is a part (其中)", () => {
    const facts = run("今年签约的24个项目中新能源项目达到10个。", 2023);
    expect(at(facts, 24)).toMatchObject({ indicatorKey: "projects", scope: "新落户项目" });
    expect(at(facts, 10)).toMatchObject({ indicatorKey: "projects", scope: "其中新能源" });
  });

  it("中 that starts a word (中小企业) opens no part", () => {
    const facts = run("帮助38家中小企业获得贷款。", 2023);
    expect(at(facts, 38)?.scope).not.toMatch(/^其中/);
  });

  it("each value of a 分别 list reads its own item", () => {
    const facts = run("规上企业营业收入和利润分别为50.2亿元和3.1亿元，分别增长6%和4%。", 2023);
    expect(at(facts, 50.2)).toMatchObject({ indicatorKey: "revenue", scope: "规上企业", yoyPct: 6 });
    expect(at(facts, 3.1)).toMatchObject({ indicatorKey: "profit", scope: "规上企业", yoyPct: 4 });
  });

  it("a figure per person or per enterprise is no total: its scope says per what", () => {
    expect(at(run("领导干部每人包联3家企业。", 2023), 3)).toMatchObject({ scope: "每人" });
  });

  it("a bracketed note between the label and its verb stays in the clause", () => {
    expect(at(run("项目数（新落户项目）为20个。", 2023), 20)).toMatchObject({ indicatorKey: "projects", scope: "新落户项目" });
  });

  it("projects of another stage than settling get that stage as their scope", () => {
    expect(at(run("东区标准厂房、南湖光电产线等7个项目竣工投产。", 2023), 7)).toMatchObject({ indicatorKey: "projects", scope: "竣工投产项目" });
    expect(at(run("全年新开工项目11个。", 2023), 11)).toMatchObject({ indicatorKey: "projects", scope: "新开工项目" });
  });
});

describe("ranks, targets and attained figures", () => {
  it("前移/后退N位 is a change of the rank, its direction in the scope", () => {
    const facts = run("在全市园区考核中排名第8位，较上年前移4位；去年曾后退2位。", 2023);
    expect(at(facts, 8)).toMatchObject({ indicatorKey: "rank" });
    expect(at(facts, 4)).toMatchObject({ indicatorKey: "delta:rank", scope: "较上年前移", value: 4 });
    expect(at(facts, 2)).toMatchObject({ indicatorKey: "delta:rank", scope: "较上年后退", value: 2 });
  });

  it("a change since a named year keeps that year", () => {
    expect(at(run("2023年排名第8位，比2020年前移12位。", 2023), 12)).toMatchObject({ scope: "较2020年前移" });
  });

  it("实际完成 after a target is a report; a figure before 的目标 is the target", () => {
    const facts = run("新落户项目目标为18个，实际完成项目数14个。", 2023);
    expect(at(facts, 18)).toMatchObject({ status: "plan" });
    expect(at(facts, 14)).toMatchObject({ indicatorKey: "projects", status: "actual" });
    expect(at(run("全年签约项目未达到18个的目标。", 2023), 18)).toMatchObject({ status: "plan" });
  });
});

describe("kinds of projects", () => {
  it("a kind of project other than the newly settled ones is its own scope", () => {
    expect(at(run("帮助企业实施技术改造项目15个。", 2023), 15)).toMatchObject({ indicatorKey: "projects", scope: "技术改造项目" });
    expect(at(run("全年新签约项目20个。", 2023), 20)).toMatchObject({ indicatorKey: "projects", scope: "新落户项目" });
  });
});
