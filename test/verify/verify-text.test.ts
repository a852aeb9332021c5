import { describe, expect, it } from "vitest";
import type { Claim } from "../../src/domain/fact-types.ts";
import { verifyText } from "../../src/verify/verify-text.ts";
import { SEED_ECONOMY, SEED_FINANCE, SEED_PROJECTS } from "../facts/seed-text.ts";
import { MemoryFacts, fromText, stat } from "./memory-facts.ts";

const PARK = "XX工业园区";
const facts = [
  ...fromText(SEED_ECONOMY, PARK, 2020),
  ...fromText(SEED_FINANCE, PARK, 2020),
  ...fromText(SEED_PROJECTS, PARK, 2020),
  stat(PARK, "2019", "industrial_output", 173.3, "亿元"),
  stat(PARK, "2019", "revenue", 170.7, "亿元"),
  stat(PARK, "2020", "fixed_investment", 33, "亿元"),
  stat(PARK, "2019", "fixed_investment", 30, "亿元"),
  stat(PARK, "2020", "above_scale_enterprises", 68, "家"),
  stat(PARK, "2019", "above_scale_enterprises", 63, "家"),
  stat(PARK, "2021", "industrial_output", 230, "亿元", { status: "plan" }),
  stat("YY工业园区", "2020", "industrial_output", 99, "亿元"),
  stat("ZZ园区", "2020", "revenue", 200, "亿元"),
  stat("ZZ园区", "2020", "revenue", 50, "亿元", { scope: "其中电子信息企业" }),
  stat("ZZ园区", "2020", "revenue", 150, "亿元", { scope: "其中有色金属企业" }),
];

async function check(text: string, park = PARK, year: number | null = 2020) {
  const lookup = new MemoryFacts(facts);
  const result = await verifyText({ facts: lookup }, { text, park, year: year ?? undefined });
  return { ...result, lookup };
}
const statuses = (claims: Claim[]) => claims.map((claim) => [claim.text, claim.status]);

describe("verifyText: verified", () => {
  it("verifies the seed's own sentences, value and yoy", async () => {
    const { claims, summary, lookup } = await check(SEED_ECONOMY);
    expect(claims.every((claim) => claim.status === "verified")).toBe(true);
    expect(summary.verified).toBe(claims.length);
    expect(claims.length).toBe(19);
    expect(lookup.calls).toHaveLength(1);
    // Year 0 holds figures of documents that state no year: they may support sentences that state none.
    expect(lookup.calls[0]).toMatchObject({ park: PARK, years: [0, 2019, 2020] });
  });

  it("verifies at the stated precision and with qualifiers", async () => {
    const { claims } = await check("2020年园区累计放贷金额2.4亿元，工业总产值约200亿元，发放企业复工复产补助资金110余万元。");
    expect(statuses(claims)).toEqual([["2.4亿元", "verified"], ["约200亿元", "verified"], ["110余万元", "verified"]]);
  });

  it("verifies a rank with its half-year period, and plans against plans", async () => {
    const { claims } = await check("2020年上半年园区综合排名第50位。2021年，园区力争实现工业总产值230亿元。");
    expect(statuses(claims)).toEqual([["第50位", "verified"], ["230亿元", "verified"]]);
  });

  it("gives offsets into the text and the fact ids", async () => {
    const text = "园区实现主营业务收入212亿元。";
    const { claims } = await check(text);
    expect(text.slice(claims[0].start, claims[0].end)).toBe("212亿元");
    expect(claims[0]).toMatchObject({ value: 212, unit: "亿元", indicator: "revenue", period: "2020" });
    expect(claims[0].factIds.length).toBeGreaterThan(0);
  });
});

describe("verifyText: mismatch", () => {
  it("catches a 亿↔万 scale swap", async () => {
    const { claims } = await check("2020年，园区规上企业实现工业总产值202万元。");
    expect(claims[0]).toMatchObject({ status: "mismatch", expected: { value: 202, unit: "亿元" } });
  });

  it("catches a wrong yoy", async () => {
    const { claims } = await check("2020年，园区实现工业总产值202亿元，同比增长18.6%。");
    expect(statuses(claims)).toEqual([["202亿元", "verified"], ["18.6%", "mismatch"]]);
    expect(claims[1].expected).toEqual({ value: 16.6, unit: "%" });
  });

  it("catches last year's value under this year's heading", async () => {
    const { claims } = await check("2019年，园区实现工业总产值202亿元。");
    expect(claims[0]).toMatchObject({ status: "mismatch", period: "2019", expected: { value: 173.3, unit: "亿元" } });
    expect(claims[0].reason).toContain("2020");
  });

  it("never verifies a park total with a sub-scope's value, nor the reverse", async () => {
    const total = await check("2020年园区完成主营业务收入112亿元。");
    expect(total.claims[0]).toMatchObject({ status: "mismatch", expected: { value: 212 } });
    const part = await check("其中10家有色金属加工企业完成主营业务收入212亿元。");
    expect(part.claims.find((claim) => claim.text === "212亿元")?.status).toBe("mismatch");
  });

  it("catches a wrong precision (2.385 rounds half up to 2.39, not 2.38)", async () => {
    const { claims } = await check("2020年园区累计放贷金额2.38亿元。");
    expect(claims[0]).toMatchObject({ status: "mismatch", expected: { value: 2.385, unit: "亿元" } });
  });

  it("catches a wrong share and a wrong rank", async () => {
    const { claims } = await check("其中10家有色金属加工企业完成主营业务收入112亿元，占园区比重为55%。2020年上半年综合排名第48位。");
    expect(statuses(claims).slice(-2)).toEqual([["55%", "mismatch"], ["第48位", "mismatch"]]);
  });
});

describe("verifyText: derived", () => {
  it("computes a growth rate from two years when no yoy is stored", async () => {
    const { claims } = await check("2020年园区完成固定资产投资33亿元，同比增长10%。");
    expect(statuses(claims)).toEqual([["33亿元", "verified"], ["10%", "derived"]]);
    const wrong = await check("2020年园区完成固定资产投资33亿元，同比增长12%。");
    expect(wrong.claims[1]).toMatchObject({ status: "mismatch", expected: { value: 10, unit: "%" } });
  });

  it("computes a share as part over whole", async () => {
    const { claims } = await check("2020年，其中电子信息企业实现营业收入50亿元，占园区比重为25%。", "ZZ园区");
    expect(statuses(claims)).toEqual([["50亿元", "verified"], ["25%", "derived"]]);
  });

  it("computes a 新增 count from two years' totals, and a difference", async () => {
    const { claims } = await check("2020年园区新增规上企业5家，总数达到68家。固定资产投资比上年增加3亿元。");
    expect(statuses(claims)).toEqual([["5家", "derived"], ["68家", "verified"], ["3亿元", "derived"]]);
  });

  it("computes a total as the sum of its 其中 parts", async () => {
    const stored = facts.filter((fact) => !(fact.park === "ZZ园区" && fact.scope === "园区"));
    const result = await verifyText({ facts: new MemoryFacts(stored) }, { text: "2020年园区实现营业收入200亿元。", park: "ZZ园区" });
    expect(result.claims[0].status).toBe("derived");
  });
});

describe("verifyText: unsupported and non-claims", () => {
  it("flags what the database does not hold", async () => {
    const { claims, summary } = await check("2020年园区实现进出口总额12亿元，招商引资到位资金30亿元。");
    expect(statuses(claims)).toEqual([["12亿元", "unsupported"], ["30亿元", "unsupported"]]);
    expect(summary.unsupported).toBe(2);
  });

  it("flags a plan figure when only actuals exist", async () => {
    const { claims } = await check("2020年，园区力争实现工业总产值202亿元。");
    expect(claims[0].status).toBe("unsupported");
  });

  it("flags a claim without any year", async () => {
    const { claims } = await check("园区实现工业总产值202亿元。", PARK, null);
    expect(claims[0].status).toBe("unsupported");
  });

  it("keeps parks apart", async () => {
    const { claims } = await check("2020年园区实现工业总产值99亿元。");
    expect(claims[0]).toMatchObject({ status: "mismatch", expected: { value: 202 } });
  });

  it("does not treat years, dates, section numbers or ordinals as claims", async () => {
    const { claims, lookup } = await check("一、2020年工作开展情况 一是平台建设日益完善。第一工业园区于3月15日开工。（二）抓招大引强。1.企业核心竞争力不强。“一园二区”产业规划，三大产业园，十五字工作总部署。");
    expect(claims).toEqual([]);
    expect(lookup.calls).toHaveLength(0);
  });
});
