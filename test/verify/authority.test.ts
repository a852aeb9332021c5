/**
 * Which record decides: imported statistics outrank documents; documents that disagree with each other
 * vote; completion rates may use any stored target; rank changes, flows and per-unit figures are
 * checked as what they are (own sentences).
 */
import { describe, expect, it } from "vitest";
import { extractFacts } from "../../src/facts/extract-facts.ts";
import type { Fact } from "../../src/domain/fact-types.ts";
import { verifyText } from "../../src/verify/verify-text.ts";
import { MemoryFacts, stat, stored } from "./memory-facts.ts";

const PARK = "青岚经济开发区";

/** Facts a document states, stored as coming from that document. */
const fromDocument = (documentId: string, text: string, year: number): Fact[] =>
  extractFacts({ text, park: PARK, year }).map((input) => ({ ...stored(input), documentId, documentTitle: `文档${documentId}` }));

async function claimsOf(facts: Fact[], text: string, year = 2023) {
  return (await verifyText({ facts: new MemoryFacts(facts) }, { text, park: PARK, year })).claims;
}

describe("imported statistics outrank documents", () => {
  const facts = [
    stat(PARK, "2023", "industrial_output", 178.6, "亿元", { scope: "规上企业", yoyPct: 7.3 }),
    ...fromDocument("d1", "2023年，园区规上企业完成工业总产值999亿元，同比增长8.9%。", 2023),
    ...fromDocument("d2", "2023年，园区规上工业总产值178.6亿元。", 2023),
  ];
  const statId = facts[0].id;

  it("a claim that only a document supports is a mismatch against the statistic", async () => {
    const [claim] = await claimsOf(facts, "2023年园区工业总产值999亿元。");
    expect(claim).toMatchObject({ status: "mismatch", expected: { value: 178.6, unit: "亿元" } });
    expect(claim.factIds[0]).toBe(statId);
    expect(claim.reason).toMatch(/统计数据为.*178\.6亿元.*《文档d1》.*不符/);
  });

  it("a claim the statistic supports is verified, with the agreeing documents after the statistic", async () => {
    const [claim] = await claimsOf(facts, "2023年园区工业总产值178.6亿元。");
    expect(claim.status).toBe("verified");
    expect(claim.factIds[0]).toBe(statId);
    expect(claim.factIds).toHaveLength(2);
  });

  it("a growth rate is checked against the statistic's yoy, not a document's", async () => {
    const claims = await claimsOf(facts, "2023年园区工业总产值178.6亿元，同比增长8.9%。");
    expect(claims[1]).toMatchObject({ status: "mismatch", expected: { value: 7.3, unit: "%" } });
  });

  it("a label that is a plain name of the indicator does not hide the statistic", async () => {
    const ranks = [stat(PARK, "2023", "rank", 12, "位", { scope: "全省开发区综合考核" }), ...fromDocument("d3", "全省开发区综合考核排名第15位。", 2023)];
    const [claim] = await claimsOf(ranks, "全省开发区综合考核排名第15位。");
    expect(claim).toMatchObject({ status: "mismatch", expected: { value: 12 } });
  });

  it("a narrower item than the statistic (one programme's 补助资金) is not judged by it", async () => {
    const subsidies = [stat(PARK, "2023", "subsidies", 3.5, "亿元"), ...fromDocument("d4", "发放企业稳岗补助资金2100万元。", 2023)];
    const [claim] = await claimsOf(subsidies, "发放企业稳岗补助资金2100万元。");
    expect(claim.status).toBe("verified");
  });
});

describe("documents that disagree, without statistics", () => {
  const a = fromDocument("a", "2023年招商引资到位资金12.5亿元。", 2023);
  const b = fromDocument("b", "2023年全年招商引资到位资金12.5亿元。", 2023);
  const c = fromDocument("c", "2023年招商引资到位资金15亿元。", 2023);

  it("the claim most documents contradict is a mismatch with the majority's figure", async () => {
    const [claim] = await claimsOf([...a, ...b, ...c], "2023年招商引资到位资金15亿元。");
    expect(claim).toMatchObject({ status: "mismatch", expected: { value: 12.5 } });
    expect(claim.reason).toContain("文档之间不一致");
  });

  it("the majority's figure, or a tie, is verified with the conflict in the reason", async () => {
    const [majority] = await claimsOf([...a, ...b, ...c], "2023年招商引资到位资金12.5亿元。");
    expect(majority.status).toBe("verified");
    expect(majority.reason).toMatch(/文档之间不一致.*《文档c》记为.*15亿元/);
    const [tie] = await claimsOf([...a, ...c], "2023年招商引资到位资金15亿元。");
    expect(tie.status).toBe("verified");
    expect(tie.reason).toContain("请核对");
  });

  it("figures that agree at their own precision are no conflict (4.8万余人 and 48150人)", async () => {
    const facts = [...fromDocument("e", "2023年园区从业人员4.8万余人。", 2023), ...fromDocument("f", "2023年园区从业人员48150人。", 2023)];
    const [claim] = await claimsOf(facts, "2023年园区从业人员48150人。");
    expect(claim.status).toBe("verified");
    expect(claim.reason).not.toContain("不一致");
  });
});

describe("targets, completion rates and rank changes", () => {
  const facts = [
    stat(PARK, "2023", "industrial_output", 96.3, "亿元", { scope: "规上企业" }),
    ...fromDocument("plan", "力争规上工业总产值向110亿元迈进。力争实现规上工业总产值100亿元，增长8%。", 2023),
    stat(PARK, "2022", "rank", 16, "位", { scope: "全省开发区综合考核" }),
    stat(PARK, "2023", "rank", 20, "位", { scope: "全省开发区综合考核" }),
    stat(PARK, "2019", "rank", 31, "位", { scope: "全省开发区综合考核" }),
  ];

  it("a completion rate matches the actual over any stored target of the indicator", async () => {
    const claims = await claimsOf(facts, "2023年规上工业总产值96.3亿元，完成年度目标的96.3%。");
    expect(claims[1].status).toBe("derived");
    const other = await claimsOf(facts, "2023年规上工业总产值96.3亿元，完成目标的87.5%。");
    expect(other[1].status).toBe("derived");
  });

  it("a wrong completion rate shows the formal (exact) target's rate", async () => {
    const claims = await claimsOf(facts, "2023年规上工业总产值96.3亿元，完成年度目标的99%。");
    expect(claims[1]).toMatchObject({ status: "mismatch", expected: { value: 96.3, unit: "%" } });
  });

  it("后退/前移N位 is checked as the change between the two years' ranks", async () => {
    const back = await claimsOf(facts, "2023年全省开发区综合考核排名第20位，较上年后退4位。");
    expect(back.map((claim) => claim.status)).toEqual(["verified", "derived"]);
    const wrong = await claimsOf(facts, "2023年全省开发区综合考核排名第20位，较上年前移4位。");
    expect(wrong[1].status).toBe("mismatch");
    const since = await claimsOf(facts, "2023年排名第20位，比2019年前移11位。");
    expect(since[1].status).toBe("derived");
  });

  it("an attained figure in a sentence about targets is checked as an actual", async () => {
    const claims = await claimsOf(facts, "2023年规上工业总产值目标为100亿元，实际完成规上工业总产值96.3亿元。");
    expect(claims.map((claim) => claim.status)).toEqual(["verified", "verified"]);
  });
});

describe("flows, per-unit figures and bare counts", () => {
  const facts = [
    stat(PARK, "2022", "hitech_enterprises", 40, "家", { scope: "年末总数" }),
    stat(PARK, "2023", "hitech_enterprises", 45, "家", { scope: "年末总数" }),
    stat(PARK, "2023", "hitech_enterprises", 9, "家", { scope: "新增认定" }),
    stat(PARK, "2023", "enterprises", 300, "家"),
    stat(PARK, "2023", "projects", 20, "个", { scope: "新落户项目" }),
  ];

  it("新认定 is checked against the stored flow, never against the difference of the totals", async () => {
    expect((await claimsOf(facts, "2023年新认定国家高新技术企业9家。"))[0].status).toBe("verified");
    // 45 − 40 = 5 would pass as derived if the totals were used: the stored flow says 9.
    expect((await claimsOf(facts, "2023年新增高新技术企业5家。"))[0]).toMatchObject({ status: "mismatch", expected: { value: 9 } });
  });

  it("a count per person is not compared with the park's total", async () => {
    expect((await claimsOf(facts, "2023年班子成员每人联系5家企业。"))[0].status).toBe("unsupported");
  });

  it("a bare count left in a list (its 其中 item gone) is never verified", async () => {
    const claims = await claimsOf(facts, "2023年新落户项目20个，3个，亿元以上项目8个。");
    expect(claims[0].status).toBe("verified");
    expect(claims[1].status).toBe("unsupported");
  });
});
