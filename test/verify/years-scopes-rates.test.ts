/**
 * The checker on changed sentences: a sentence's own year wins, a removed 其中 makes a park total,
 * 年均 rates are compound rates, tenths are shares, targets give completion rates (own sentences).
 */
import { describe, expect, it } from "vitest";
import { verifyText } from "../../src/verify/verify-text.ts";
import { MemoryFacts, stat } from "./memory-facts.ts";

const PARK = "南湖高新区";
const facts = [
  stat(PARK, "2021", "revenue", 61.2, "亿元", { scope: "规上企业", yoyPct: 8.1 }),
  stat(PARK, "2022", "revenue", 66.5, "亿元", { scope: "规上企业", yoyPct: 8.7 }),
  stat(PARK, "2023", "revenue", 70.1, "亿元", { scope: "规上企业", yoyPct: 5.4 }),
  stat(PARK, "2024", "revenue", 77.3, "亿元", { scope: "规上企业", yoyPct: 10.3 }),
  stat(PARK, "2020", "revenue", 56.6, "亿元", { scope: "规上企业" }),
  stat(PARK, "2022", "industrial_output", 80.6, "亿元", { scope: "规上企业" }),
  stat(PARK, "2022", "industrial_output", 30.1, "亿元", { scope: "其中：电子信息产业" }),
  stat(PARK, "2022", "industrial_output", 82, "亿元", { status: "plan" }),
  stat(PARK, "2022", "projects", 21, "个", { scope: "新落户项目" }),
  stat(PARK, "2022", "hitech_enterprises", 12, "家", { scope: "新增认定" }),
  stat(PARK, "2022", "hitech_enterprises", 75, "家", { scope: "年末总数" }),
];

async function check(text: string, year = 2022) {
  return verifyText({ facts: new MemoryFacts(facts) }, { text, park: PARK, year });
}
const only = async (text: string, year = 2022) => (await check(text, year)).claims;

describe("the sentence's own year", () => {
  it("a year with no facts is unsupported, never verified with the request's year", async () => {
    const [claim] = await only("2019年，全年规上企业实现营业收入61.2亿元。", 2021);
    expect(claim).toMatchObject({ period: "2019", status: "unsupported" });
  });

  it("a year replaced by one with facts is a mismatch that names the right year's value", async () => {
    const [claim] = await only("2021年，全年规上企业实现营业收入66.5亿元。");
    expect(claim).toMatchObject({ period: "2021", status: "mismatch", expected: { value: 61.2, unit: "亿元" } });
    expect(claim.reason).toContain("2022");
  });

  it("two figures with their own years in one sentence are both checked in their years", async () => {
    const { claims } = await check("营业收入由2021年的61.2亿元增长到2024年的77.3亿元。", 2024);
    expect(claims.map((claim) => [claim.text, claim.period, claim.status])).toEqual([
      ["61.2亿元", "2021", "verified"], ["77.3亿元", "2024", "verified"],
    ]);
  });
});

describe("scope", () => {
  it("a 其中 part is verified against its part; with 其中 removed it is a park total and mismatches", async () => {
    expect((await only("其中，电子信息产业实现产值30.1亿元。"))[0].status).toBe("verified");
    const [, part] = await only("全年规上企业完成工业总产值80.6亿元；实现产值30.1亿元。");
    expect(part).toMatchObject({ indicator: "industrial_output", status: "mismatch", expected: { value: 80.6 } });
  });

  it("a scope that only restates the indicator is the park's total (新落户项目, 新增认定, 年末总数)", async () => {
    const { claims } = await check("全年新落户项目21个，新认定高新技术企业12家，高新技术企业总数达到75家。");
    expect(claims.map((claim) => claim.status)).toEqual(["verified", "verified", "verified"]);
    const wrong = await only("全年新认定高新技术企业75家。");
    expect(wrong[0].status).toBe("mismatch");
  });
});

describe("rates", () => {
  it("年均增长 is derived from the end values, never compared with one year's yoy", async () => {
    // (77.3 / 56.6)^(1/4) − 1 = 8.1 %; the 2021 yoy happens to be 8.1 too, and 2024's is 10.3.
    const [right] = await only("2021—2024年，规上企业营业收入年均增长8.1%。", 2024);
    expect(right).toMatchObject({ indicator: "cagr:revenue", period: "2021-2024", status: "derived" });
    const [wrong] = await only("2021—2024年，规上企业营业收入年均增长10.3%。", 2024);
    expect(wrong).toMatchObject({ status: "mismatch", expected: { value: 8.1, unit: "%" } });
  });

  it("an open “十四五”以来 ends with the latest year on record when the request's year cannot end it", async () => {
    const [claim] = await only("“十四五”以来，规上企业营业收入年均增长8.1%。", 2021);
    expect(claim.status).toBe("derived");
    const [before] = await only("2020年，“十四五”以来，规上企业营业收入年均增长8.1%。", 2021);
    expect(before.status).toBe("unsupported");
  });

  it("a share in tenths is a claim", async () => {
    const { claims } = await check("全年规上企业完成工业总产值80.6亿元，其中电子信息产业占比近四成。");
    expect(claims.map((claim) => [claim.text, claim.status])).toEqual([["80.6亿元", "verified"], ["近四成", "derived"]]);
    const { claims: wrong } = await check("全年规上企业完成工业总产值80.6亿元，其中电子信息产业占比近六成。");
    expect(wrong[1].status).toBe("mismatch");
  });

  it("a completion rate is actual over the stored target", async () => {
    const right = await only("全年规上企业完成工业总产值80.6亿元，完成年度目标的98.3%。");
    expect(right[1]).toMatchObject({ indicator: "label:目标完成率", status: "derived" });
    const wrong = await only("全年规上企业完成工业总产值80.6亿元，完成年度目标的101.3%。");
    expect(wrong[1]).toMatchObject({ status: "mismatch", expected: { value: 98.3, unit: "%" } });
  });
});
