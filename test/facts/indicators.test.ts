import { describe, expect, it } from "vitest";
import { INDICATORS, resolveIndicator } from "../../src/domain/indicators.ts";

describe("resolveIndicator", () => {
  it.each([
    ["工业总产值", "industrial_output"], ["规上企业实现工业总产值", "industrial_output"], ["规上工业总产值", "industrial_output"],
    ["主营业务收入", "revenue"], ["营业收入", "revenue"], ["规上企业营收", "revenue"],
    ["实现利润", "profit"], ["利润总额", "profit"],
    ["税金总额", "tax"], ["上缴税金", "tax"], ["入库税收", "tax"], ["亩均税收", "tax_per_mu"],
    ["工业企业用电量", "electricity"], ["全部从业平均人数", "employees"],
    ["固定资产投资", "fixed_investment"], ["招商引资到位资金", "investment_attracted"], ["实际利用内资", "investment_attracted"],
    ["落户工贸企业项目", "projects"], ["签约项目", "projects"], ["项目总投资", "project_investment"], ["计划总投资", "project_investment"],
    ["国家高新技术企业", "hitech_enterprises"], ["规模以上工业企业", "above_scale_enterprises"],
    ["外贸进出口", "exports"], ["累计放贷金额", "loans"], ["企业发展扶持资金", "subsidies"], ["奖补资金", "subsidies"],
    ["平整土地", "land_area"], ["综合排名", "rank"], ["规模以上工业增加值", "industrial_value_added"],
    ["财政总收入", "fiscal_revenue"], ["一般公共预算收入", "general_budget_revenue"], ["安全隐患整改通知书", "rectification_notices"],
    ["产值", "industrial_output"],
  ])("%s → %s", (label, key) => expect(resolveIndicator(label)?.key).toBe(key));

  it("returns null outside the vocabulary", () => {
    expect(resolveIndicator("绿化面积覆盖")).toBeNull();
    expect(resolveIndicator("")).toBeNull();
  });

  it("keeps the required keys and unit kinds", () => {
    const keys = new Map(INDICATORS.map((item) => [item.key, item.unitKind]));
    expect(keys.get("industrial_output")).toBe("money");
    expect(keys.get("electricity")).toBe("energy");
    expect(keys.get("employees")).toBe("count_person");
    expect(keys.get("projects")).toBe("count_project");
    expect(keys.get("hitech_enterprises")).toBe("count_enterprise");
    expect(keys.get("land_area")).toBe("area");
    expect(keys.get("rank")).toBe("rank");
    expect(new Set(INDICATORS.map((item) => item.key)).size).toBe(INDICATORS.length);
  });
});
