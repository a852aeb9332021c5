import { describe, expect, it } from "vitest";
import { claimKey, findClaims } from "../../src/verify/find-claims.ts";

const read = (text: string, year = 2020) =>
  findClaims(text, { year }).map((claim) => ({
    text: claim.text, key: claimKey(claim), scope: claim.scope, period: claim.period, status: claim.status, direction: claim.direction,
  }));

describe("findClaims", () => {
  it.each<[string, Array<Partial<ReturnType<typeof read>[number]>>]>([
    ["截至2020年底，园区共有入驻企业320家，其中规上企业68家，高新技术企业25家。", [
      { text: "320家", key: "enterprises" }, { text: "68家", key: "above_scale_enterprises" }, { text: "25家", key: "hitech_enterprises" },
    ]],
    ["1-9月，园区实现规上工业营业收入156.3亿元，同比下降3.2%；利润总额8.9亿元，同比减少1.1亿元。", [
      { key: "revenue", scope: "规上企业", period: "2020M01-09" },
      { text: "3.2%", key: "yoy:revenue", direction: -1 },
      { key: "profit", scope: "规上企业" },
      { text: "1.1亿元", key: "delta:profit", direction: -1 },
    ]],
    ["2021年主要预期目标：规上工业总产值增长15%以上，税收收入突破10亿元。", [
      { text: "15%以上", key: "yoy:industrial_output", period: "2021", status: "plan" },
      { text: "突破10亿元", key: "tax", period: "2021", status: "plan" },
    ]],
    ["园区现有企业156家，从业人员1.2万人，2020年实现税收4.56亿元。", [
      { key: "enterprises" }, { text: "1.2万人", key: "employees" }, { key: "tax" },
    ]],
    ["其中单体投资20亿元以上是项目2个、5亿元以上项目4个。", [
      { text: "2个", key: "projects", scope: "其中20亿元以上项目" }, { text: "4个", key: "projects", scope: "其中5亿元以上项目" },
    ]],
    ["2020年上半年度南湖高新区在全市园区综合考核中排名第12位。", [{ text: "第12位", key: "rank", period: "2020H1" }]],
    ["一季度，园区完成工业总产值48亿元。", [{ period: "2020Q1" }]],
    ["较2019年增长，2020年园区实现利润20亿元。", [{ period: "2020" }]],
  ])("%s", (text, expected) => expect(read(text)).toMatchObject(expected));

  it("finds nothing in headings, dates and slogans", () => {
    expect(read("四、2021年工作打算 （二）抓招商引资，壮大产业集群。2020年9月15日，“三个一批”“四比四看”，一核两翼。")).toEqual([]);
  });
});

describe("claim finding is linear in its input", () => {
  /**
   * Least CPU time (this process's, so another process on the machine does not count) of several runs of
   * findClaims over a text, after a warm-up. Vitest runs each test file in its own process (the forks pool).
   */
  const fastest = (text: string) => {
    findClaims(text, {});
    return Math.min(...Array.from({ length: 5 }, () => {
      const started = process.cpuUsage();
      findClaims(text, {});
      const used = process.cpuUsage(started);
      return used.user + used.system;
    }));
  };

  it.each([
    ["bare figures, no punctuation at all", "1亿元"],
    ["one paragraph of many sentences, each with a period word", "1—6月，园区完成固定资产投资12.5亿元；"],
    ["one long sentence of clauses", "园区工业总产值1亿元，"],
  ])("%s: sixteen times the text costs far less than 256 times the time", (_name, unit) => {
    const small = unit.repeat(Math.ceil(4_000 / unit.length));
    const large = unit.repeat(Math.ceil(64_000 / unit.length));
    expect(findClaims(large, {}).length).toBeGreaterThanOrEqual(16 * findClaims(small, {}).length - 16);
    // Linear is 16×, quadratic 256×; the bound leaves three times linear for a noisy machine.
    const ratio = fastest(large) / fastest(small);
    expect(ratio, `${ratio.toFixed(1)}×`).toBeLessThan(48);
  });
});
