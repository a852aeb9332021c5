import { describe, expect, it } from "vitest";
import type { Claim } from "../../src/domain/fact-types.ts";
import { verifyText } from "../../src/verify/verify-text.ts";
import { GENRE_ECONOMY, GENRE_FINANCE, GENRE_PROJECTS } from "../facts/genre-text.ts";
import { MemoryFacts, fromText, stat } from "./memory-facts.ts";

const PARK = "青桐工业园区";
const OTHER = "白鹭工业园区";
const PARTS = "东岭产业园";
const facts = [
  ...fromText(GENRE_ECONOMY, PARK, 2021),
  ...fromText(GENRE_FINANCE, PARK, 2021),
  ...fromText(GENRE_PROJECTS, PARK, 2021),
  stat(PARK, "2020", "industrial_output", 164, "亿元"),
  stat(PARK, "2020", "revenue", 163.4, "亿元"),
  stat(PARK, "2021", "fixed_investment", 41.8, "亿元"),
  stat(PARK, "2020", "fixed_investment", 38, "亿元"),
  stat(PARK, "2021", "above_scale_enterprises", 74, "家"),
  stat(PARK, "2020", "above_scale_enterprises", 67, "家"),
  stat(PARK, "2022", "industrial_output", 210, "亿元", { status: "plan" }),
  stat(OTHER, "2021", "industrial_output", 88, "亿元"),
  stat(PARTS, "2021", "revenue", 240, "亿元"),
  stat(PARTS, "2021", "revenue", 72, "亿元", { scope: "其中电子信息企业" }),
  stat(PARTS, "2021", "revenue", 168, "亿元", { scope: "其中装备制造企业" }),
];

async function check(text: string, park = PARK, year: number | null = 2021) {
  const lookup = new MemoryFacts(facts);
  const result = await verifyText({ facts: lookup }, { text, park, year: year ?? undefined });
  return { ...result, lookup };
}
const statuses = (claims: Claim[]) => claims.map((claim) => [claim.text, claim.status]);

describe("verifyText: verified", () => {
  it("verifies the paragraph's own sentences, value and yoy", async () => {
    const { claims, summary, lookup } = await check(GENRE_ECONOMY);
    expect(claims.every((claim) => claim.status === "verified")).toBe(true);
    expect(summary.verified).toBe(claims.length);
    expect(claims.length).toBe(19);
    expect(lookup.calls).toHaveLength(1);
    // Year 0 holds figures of documents that state no year: they may support sentences that state none.
    expect(lookup.calls[0]).toMatchObject({ park: PARK, years: [0, 2020, 2021] });
  });

  it("verifies at the stated precision and with qualifiers", async () => {
    const { claims } = await check("2021年园区累计放贷金额3.1亿元，工业总产值约190亿元，发放企业防疫复产补助资金130余万元。");
    expect(statuses(claims)).toEqual([["3.1亿元", "verified"], ["约190亿元", "verified"], ["130余万元", "verified"]]);
  });

  it("verifies a rank with its half-year period, and plans against plans", async () => {
    const { claims } = await check("2021年上半年园区综合排名第37位。2022年，园区力争实现工业总产值210亿元。");
    expect(statuses(claims)).toEqual([["第37位", "verified"], ["210亿元", "verified"]]);
  });

  it("gives offsets into the text and the fact ids", async () => {
    const text = "园区完成营业收入194亿元。";
    const { claims } = await check(text);
    expect(text.slice(claims[0].start, claims[0].end)).toBe("194亿元");
    expect(claims[0]).toMatchObject({ value: 194, unit: "亿元", indicator: "revenue", period: "2021" });
    expect(claims[0].factIds.length).toBeGreaterThan(0);
  });
});

describe("verifyText: mismatch", () => {
  it("catches a 亿↔万 scale swap", async () => {
    const { claims } = await check("2021年，园区规上工业总产值达到186万元。");
    expect(claims[0]).toMatchObject({ status: "mismatch", expected: { value: 186, unit: "亿元" } });
  });

  it("catches a wrong yoy", async () => {
    const { claims } = await check("2021年，园区完成工业总产值186亿元，比上年增长15.4%。");
    expect(statuses(claims)).toEqual([["186亿元", "verified"], ["15.4%", "mismatch"]]);
    expect(claims[1].expected).toEqual({ value: 13.4, unit: "%" });
  });

  it("catches last year's value under this year's heading", async () => {
    const { claims } = await check("2020年，园区完成工业总产值186亿元。");
    expect(claims[0]).toMatchObject({ status: "mismatch", period: "2020", expected: { value: 164, unit: "亿元" } });
    expect(claims[0].reason).toContain("2021");
  });

  it("never verifies a park total with a sub-scope's value, nor the reverse", async () => {
    const total = await check("2021年园区实现营业收入87亿元。");
    expect(total.claims[0]).toMatchObject({ status: "mismatch", expected: { value: 194 } });
    const part = await check("其中14家新材料企业实现营业收入194亿元。");
    expect(part.claims.find((claim) => claim.text === "194亿元")?.status).toBe("mismatch");
  });

  it("catches a wrong precision (3.145 rounds half up to 3.15, not 3.14)", async () => {
    const { claims } = await check("2021年园区累计放贷金额3.14亿元。");
    expect(claims[0]).toMatchObject({ status: "mismatch", expected: { value: 3.145, unit: "亿元" } });
  });

  it("catches a wrong share and a wrong rank", async () => {
    const { claims } = await check("其中14家新材料企业实现营业收入87亿元，占园区比重为48%。2021年上半年综合排名第35位。");
    expect(statuses(claims).slice(-2)).toEqual([["48%", "mismatch"], ["第35位", "mismatch"]]);
  });
});

describe("verifyText: derived", () => {
  it("computes a growth rate from two years when no yoy is stored", async () => {
    const { claims } = await check("2021年园区完成固定资产投资41.8亿元，同比增长10%。");
    expect(statuses(claims)).toEqual([["41.8亿元", "verified"], ["10%", "derived"]]);
    const wrong = await check("2021年园区完成固定资产投资41.8亿元，同比增长13%。");
    expect(wrong.claims[1]).toMatchObject({ status: "mismatch", expected: { value: 10, unit: "%" } });
  });

  it("computes a share as part over whole", async () => {
    const { claims } = await check("2021年，其中电子信息企业实现营业收入72亿元，占园区比重为30%。", PARTS);
    expect(statuses(claims)).toEqual([["72亿元", "verified"], ["30%", "derived"]]);
  });

  it("computes a 新增 count from two years' totals, and a difference", async () => {
    const { claims } = await check("2021年园区新增规上企业7家，总数达到74家。固定资产投资比上年增加3.8亿元。");
    expect(statuses(claims)).toEqual([["7家", "derived"], ["74家", "verified"], ["3.8亿元", "derived"]]);
  });

  it("computes a total as the sum of its 其中 parts", async () => {
    const stored = facts.filter((fact) => !(fact.park === PARTS && fact.scope === "园区"));
    const result = await verifyText({ facts: new MemoryFacts(stored) }, { text: "2021年园区实现营业收入240亿元。", park: PARTS });
    expect(result.claims[0].status).toBe("derived");
  });
});

describe("verifyText: unsupported and non-claims", () => {
  it("flags what the database does not hold", async () => {
    const { claims, summary } = await check("2021年园区实现进出口总额15亿元，招商引资到位资金26亿元。");
    expect(statuses(claims)).toEqual([["15亿元", "unsupported"], ["26亿元", "unsupported"]]);
    expect(summary.unsupported).toBe(2);
  });

  it("flags a plan figure when only actuals exist", async () => {
    const { claims } = await check("2021年，园区力争实现工业总产值186亿元。");
    expect(claims[0].status).toBe("unsupported");
  });

  it("flags a claim without any year", async () => {
    const { claims } = await check("园区完成工业总产值186亿元。", PARK, null);
    expect(claims[0].status).toBe("unsupported");
  });

  it("keeps parks apart", async () => {
    const { claims } = await check("2021年园区实现工业总产值88亿元。");
    expect(claims[0]).toMatchObject({ status: "mismatch", expected: { value: 186 } });
  });

  it("does not treat years, dates, section numbers or ordinals as claims", async () => {
    const { claims, lookup } = await check("一、2021年主要工作 一是园区配套日趋完善。第二产业园于4月18日动工。（三）抓项目攻坚。2.要素保障压力加大。“一核两翼”发展布局，四大产业集群，十二字工作方针。");
    expect(claims).toEqual([]);
    expect(lookup.calls).toHaveLength(0);
  });
});
