import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer-question.ts";
import { toApiVerification } from "../../src/answer/api-verification.ts";
import { describeChange, formatFact, growthPct } from "../../src/answer/format-figure.ts";
import type { Fact } from "../../src/domain/fact-types.ts";
import { createTestDeps } from "../helpers/test-deps.ts";
import { OTHER_PARK, PARK, seedFacts } from "./fixtures.ts";

let deps: Awaited<ReturnType<typeof createTestDeps>>;
const ask = (question: string, park?: string) => answerQuestion(deps, { question, park });

beforeAll(async () => {
  deps = await createTestDeps();
  await seedFacts(deps);
});
afterAll(async () => deps.dispose());

function fact(value: number, unit: string, valueBase: number, extra: Partial<Fact> = {}): Fact {
  return {
    id: "f", park: PARK, period: "2022", year: 2022, indicatorKey: "industrial_output", label: "工业总产值", scope: "园区", value, unit,
    valueBase, baseUnit: "元", yoyPct: null, qualifier: "exact", status: "actual", decimals: (String(value).split(".")[1] ?? "").length,
    spanStart: null, spanEnd: null, quote: "", origin: "stats", confidence: 1, documentId: null, chunkId: null, ...extra,
  };
}

describe("growth computation", () => {
  it.each([
    [180, 202.3, 12.4],
    [202.3, 221.6, 9.5],
    [16.9, 15.1, -10.7],
    [100, 100, 0],
  ])("%s → %s is %s%%, rounded to one decimal", (from, to, pct) => {
    expect(growthPct(fact(from, "亿元", from * 1e8), fact(to, "亿元", to * 1e8))).toBe(pct);
  });

  it("compares across units through the base value and refuses different base units", () => {
    expect(growthPct(fact(20230, "万元", 2.023e10), fact(221.6, "亿元", 2.216e10))).toBe(9.5);
    expect(growthPct(fact(5, "家", 5, { baseUnit: "家" }), fact(6, "亿元", 6e8))).toBeNull();
  });

  it("describes a change in words", () => {
    expect(describeChange(9.5)).toBe("增长9.5%");
    expect(describeChange(-10.7)).toBe("下降10.7%");
    expect(describeChange(0)).toBe("持平");
  });

  it("formats a figure at its stated precision with its qualifier", () => {
    expect(formatFact(fact(14.18, "亿元", 1.418e9))).toBe("14.18亿元");
    expect(formatFact(fact(2300, "个", 2300, { qualifier: "more_than", baseUnit: "个" }))).toBe("超过2300个");
    expect(formatFact(fact(15, "位", 15, { indicatorKey: "rank", baseUnit: "位" }))).toBe("第15位");
  });
});

describe("figure answers composed from the facts", () => {
  it("answers one value from the imported statistics, not the conflicting text figure, with its source", async () => {
    const result = await ask("明湖经济开发区2022年工业总产值是多少？");
    expect(result.mode).toBe("figure");
    expect(result.answer).toBe(`${PARK}2022年工业总产值为221.6亿元，同比增长9.5%。`);
    expect(result.facts).toHaveLength(1);
    expect(result.facts[0]).toMatchObject({ value: 221.6, origin: "stats", park: PARK });
    expect(result.citations[0]).toMatchObject({ title: "统计数据导入", document_id: null });
    expect(result.citations[0].quote).toContain("221.6");
    expect(result.verification.summary.mismatch).toBe(0);
    expect(result.verification.claims.length).toBeGreaterThan(0);
    expect(result.verification.claims[0]).toHaveProperty("fact_ids");
  });

  it("prefers the whole park over a 其中… sub-scope, and answers the sub-scope when asked", async () => {
    const whole = await ask("明湖2022年工业总产值是多少");
    expect(whole.answer).not.toContain("96.5");
    const share = await ask("明湖2022年电子信息产业产值占工业总产值的比重是多少？");
    expect(share.mode).toBe("figure");
    expect(share.answer).toContain("96.5亿元");
    expect(share.answer).toContain("221.6亿元");
    // 96.5 / 221.6 = 43.546… → 43.5%
    expect(share.answer).toContain("43.5%");
  });

  it("answers several indicators at once", async () => {
    const result = await ask("明湖2022年利润和税金分别是多少？");
    expect(result.answer).toContain("利润为13.2亿元");
    expect(result.answer).toContain("税金为8.06亿元");
    expect(result.facts.map((item) => item.indicator).sort()).toEqual(["profit", "tax"]);
  });

  it("answers a sub-year period only from that period", async () => {
    const result = await ask("明湖2022年上半年工业总产值是多少？");
    expect(result.answer).toContain("104.8亿元");
    expect(result.answer).toContain("上半年");
    expect(result.answer).not.toContain("221.6");
  });

  it("states the stated yoy, and computes growth from two years when none is stated", async () => {
    const stated = await ask("明湖2022年工业总产值同比增长多少？");
    expect(stated.answer).toContain("同比增长9.5%");
    const computed = await ask("明湖2021年工业总产值同比增长多少？");
    // 2021 has no stated yoy: (202.3 − 180.0) / 180.0 = 12.39% → 12.4%
    expect(computed.answer).toContain("180.0亿元");
    expect(computed.answer).toContain("202.3亿元");
    expect(computed.answer).toContain("增长12.4%");
    expect(computed.answer).toContain("按两年数值计算");
  });

  it("computes growth over a span between two years' values", async () => {
    const result = await ask("明湖2020年到2022年工业总产值累计增长了多少？");
    // (221.6 − 180.0) / 180.0 = 23.1%
    expect(result.answer).toContain("累计增长23.1%");
    expect(result.answer).toContain("增加41.6亿元");
  });

  it("lists a trend over years with each year's value", async () => {
    const result = await ask("明湖2020—2022年工业总产值变化趋势");
    for (const value of ["180.0亿元", "202.3亿元", "221.6亿元"]) expect(result.answer).toContain(value);
    expect(result.answer.indexOf("2020年")).toBeLessThan(result.answer.indexOf("2022年"));
    expect(result.answer).toContain("逐年上升");
  });

  it("compares two years and two parks", async () => {
    const years = await ask("明湖2021年和2022年利润相比");
    expect(years.answer).toContain("12.4亿元");
    expect(years.answer).toContain("13.2亿元");
    expect(years.answer).toContain("增加0.8亿元");
    const parks = await ask("2022年明湖和南溪的工业总产值对比");
    expect(parks.answer).toContain("221.6亿元");
    expect(parks.answer).toContain("80.1亿元");
    expect(parks.answer).toContain(`${PARK}最高`);
  });

  it("ranks parks, and parks by their stated rate when asked for 降幅", async () => {
    const byValue = await ask("2022年各园区利润排名");
    expect(byValue.answer.indexOf(PARK)).toBeLessThan(byValue.answer.indexOf(OTHER_PARK));
    const byRate = await ask("2022年哪个园区的利润降幅更大？");
    expect(byRate.answer).toContain("同比下降2.5%");
    expect(byRate.answer).toContain(`${OTHER_PARK}降幅最大`);
  });

  it("answers a rank indicator and its movement", async () => {
    const rank = await ask("明湖2022年在全省开发区综合考核中排第几？");
    expect(rank.answer).toContain("第15位");
    const moved = await ask("明湖2021年到2022年综合排名前移了几位？");
    expect(moved.answer).toContain("前移3位");
  });

  it("sets a plan target against the actual, with the completion rate", async () => {
    const result = await ask("明湖2022年工业总产值目标完成了吗？");
    expect(result.answer).toContain("目标为230亿元");
    expect(result.answer).toContain("221.6亿元");
    // 221.6 / 230 = 96.3%
    expect(result.answer).toContain("完成目标的96.3%");
    expect(result.facts.map((item) => item.status).sort()).toEqual(["actual", "plan"]);
    const target = await ask("明湖2022年工业总产值的目标是多少？");
    expect(target.answer).toContain("目标为230亿元，增长13.7%");
  });

  it("reads full-width digits and traditional characters as stored text", async () => {
    const result = await ask("明湖２０２２年工業總產值是多少？");
    expect(result.mode).toBe("figure");
    expect(result.answer).toContain("221.6亿元");
  });

  it("answers each park for its own latest year when no park or year is named", async () => {
    const result = await ask("工业总产值是多少？");
    expect(result.answer).toContain(`${PARK}2022年工业总产值为221.6亿元`);
    expect(result.answer).toContain(`${OTHER_PARK}2022年工业总产值为80.1亿元`);
  });

  it("streams the answer in pieces that add up to it", async () => {
    const pieces: string[] = [];
    const result = await answerQuestion(deps, { question: "明湖2022年利润和工业总产值各是多少？" }, { onToken: (text) => pieces.push(text) });
    expect(pieces.length).toBeGreaterThan(0);
    expect(pieces.join("")).toBe(result.answer);
  });

  it("maps verification claims to the API shape", () => {
    const api = toApiVerification({
      claims: [{ text: "221.6亿元", start: 0, end: 8, value: 221.6, unit: "亿元", status: "verified", factIds: ["a", "b"] }],
      summary: { verified: 1, mismatch: 0, unsupported: 0, derived: 0 },
    });
    expect(api.claims[0].fact_ids).toEqual(["a", "b"]);
    expect(api.claims[0]).not.toHaveProperty("factIds");
  });
});
