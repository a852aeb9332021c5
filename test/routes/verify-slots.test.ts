/**
 * POST /api/verify on slots a sentence leaves open: a figure stated without its sub-year period or status
 * may be supported by a fact of its year with another period (1—11月) or status (a plan); a sentence that
 * states them stays strict, and an exactly matching slot with another value stays a mismatch. Figures
 * outside the vocabulary (`label:<label>`) are matched by alike labels.
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { importStats } from "../../src/ingest/import-stats.ts";
import { createTestDeps } from "../helpers/test-deps.ts";

const PARK = "北湾工业园区";
/** Statistics of a year the park reported only through November. */
const STATS = [
  "park,period,indicator,value,unit,yoy_pct,scope,note",
  `${PARK},2021M01-11,工业总产值,88.8,亿元,9.1,,1—11月`,
  `${PARK},2020,工业总产值,90.2,亿元,,,`,
].join("\n");
/** A summary and plan of our own: open-vocabulary figures, a period given once for a paragraph, plan figures. */
const DOCUMENT = `北湾工业园区2021年工作总结和2022年工作打算

一、2021年工作回顾
1—11月，园区完成工业开票销售56.2亿元，同比增长9.4%；规上工业增加值12.8亿元。全年新增建成区面积1.5平方公里。

二、2022年工作打算
力争全年工业开票销售突破65亿元，新增建成区面积2平方公里；计划投入2.5亿元，完成园区道路提升工程。`;

type ApiClaim = { text: string; status: string; period?: string; reason: string; expected?: { value: number } };

describe("POST /api/verify: open slots and open-vocabulary labels", () => {
  let deps: Awaited<ReturnType<typeof createTestDeps>>;
  beforeAll(async () => {
    deps = await createTestDeps();
    await importStats(deps.db, STATS);
    await importStats(deps.db, await readFile(new URL("../../corpus/stats/shiling.csv", import.meta.url), "utf8"));
    const upload = await createApp(deps).request("/api/documents", {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: DOCUMENT, title: "北湾工业园区2021年工作总结", park: PARK, year: 2021 }),
    });
    expect(upload.status).toBe(201);
  });
  afterAll(async () => deps.dispose());

  const verify = async (text: string, year?: number, park = PARK) => {
    const response = await createApp(deps).request("/api/verify", {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text, park, ...(year ? { year } : {}) }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { claims: ApiClaim[] }).claims;
  };
  const statuses = (claims: ApiClaim[]) => claims.map((claim) => [claim.text, claim.status]);

  it("a figure without a stated period is matched against a 1—11月 fact of its year", async () => {
    const claims = await verify("2021年，园区实现工业总产值88.8亿元，同比增长9.1%。");
    expect(statuses(claims)).toEqual([["88.8亿元", "verified"], ["9.1%", "verified"]]);
    expect(claims[0].reason).toContain("1-11月");
    // Another value is not supported by it; a sentence that states another sub-period stays strict.
    expect((await verify("2021年，园区实现工业总产值93.5亿元。"))[0].status).not.toBe("verified");
    expect((await verify("2021年上半年，园区实现工业总产值88.8亿元。"))[0].status).toBe("unsupported");
  });

  it("an exactly matching slot with another value stays a mismatch; a period stated earlier in the paragraph carries", async () => {
    const exact = await verify("2023年，石岭工业园区实现进出口总额6.9亿元。", undefined, "石岭工业园区");
    expect(exact[0]).toMatchObject({ status: "mismatch", expected: { value: 7.6 } });
    expect(exact[0].reason).toContain("1-11月");
    const carried = await verify("1—11月，园区外贸保持稳定。园区实现进出口总额6.9亿元，同比下降7.4%。", 2023, "石岭工业园区");
    expect(statuses(carried)).toEqual([["6.9亿元", "verified"], ["7.4%", "verified"]]);
    expect(carried[0].period).toBe("2023M01-11");
  });

  it("open-vocabulary figures: the same label and value verify, a clearly same label with another value is a mismatch", async () => {
    expect(statuses(await verify("1—11月，园区工业开票销售56.2亿元，同比增长9.4%。", 2021))).toEqual([["56.2亿元", "verified"], ["9.4%", "verified"]]);
    // 工业开票销售额 is not the vocabulary's word nor the stored label, but alike.
    expect(statuses(await verify("2021年1—11月，园区工业开票销售额达到56.2亿元。"))).toEqual([["56.2亿元", "verified"]]);
    expect(await verify("2021年1—11月，园区工业开票销售额达到58.1亿元。")).toMatchObject([{ status: "mismatch", expected: { value: 56.2 } }]);
    // A figure of another item with the same value and unit is no support.
    expect((await verify("2021年1—11月，园区工业增加值56.2亿元。"))[0].status).not.toBe("verified");
  });

  it("a figure with no status word may be supported by a plan figure of its year; a stated status stays strict", async () => {
    expect(statuses(await verify("新增建成区面积2平方公里，完成园区道路提升工程投入2.5亿元。", 2022))).toEqual([["2平方公里", "verified"], ["2.5亿元", "verified"]]);
    expect((await verify("新增建成区面积3平方公里。", 2022))[0].status).not.toBe("verified");
    expect((await verify("2022年实际新增建成区面积2平方公里。", 2022))[0].status).toBe("unsupported");
    // A flow (新增) never verifies with a stock of the same number, nor the reverse.
    expect((await verify("2021年，园区建成区面积1.5平方公里。"))[0].status).not.toBe("verified");
  });
});
