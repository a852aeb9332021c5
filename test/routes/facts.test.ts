import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { importStats } from "../../src/ingest/import-stats.ts";
import { createTestDeps } from "../helpers/test-deps.ts";
import { SAMPLE_STATS_CSV } from "./route-helpers.ts";

describe("GET /api/facts", () => {
  let deps: Awaited<ReturnType<typeof createTestDeps>>;
  beforeAll(async () => {
    deps = await createTestDeps();
    await importStats(deps.db, SAMPLE_STATS_CSV);
  });
  afterAll(async () => deps.dispose());

  const get = async (query: string) => {
    const response = await createApp(deps).request(`/api/facts${query}`);
    return { status: response.status, type: response.headers.get("content-type"), body: (await response.json()) as any };
  };

  it("returns facts in the API.md shape", async () => {
    const { status, body } = await get("?park=示范园区&period=2023&indicator=industrial_output");
    expect(status).toBe(200);
    expect(body.facts).toHaveLength(1);
    expect(body.facts[0]).toMatchObject({
      park: "示范园区", period: "2023", indicator: "industrial_output", label: "工业总产值", scope: "园区",
      value: 202.3, unit: "亿元", yoy_pct: 12.5, qualifier: "exact",
      source: { document_id: null, title: "统计数据导入" },
    });
    expect(typeof body.facts[0].id).toBe("string");
    expect(body.facts[0].source.quote).toContain("202.3");
  });

  it("resolves a Chinese label or alias to the indicator key", async () => {
    for (const label of ["工业总产值", "规上工业总产值", "税金"]) {
      const { body } = await get(`?park=示范园区&period=2023&indicator=${encodeURIComponent(label)}`);
      expect(body.facts.map((fact: any) => fact.value), label).toEqual(label === "税金" ? [8.6] : [202.3]);
    }
  });

  it("filters by park and period, and returns an empty list for an unknown indicator", async () => {
    const byIndicator = await get("?indicator=industrial_output");
    expect(byIndicator.body.facts.map((fact: any) => `${fact.park}/${fact.period}/${fact.value}`).sort()).toEqual([
      "滨江园区/2023/95.4", "示范园区/2022/179.8", "示范园区/2023/202.3",
    ]);
    const byPark = await get("?park=滨江园区");
    expect(byPark.body.facts).toHaveLength(1);
    expect((await get("?indicator=不存在的指标")).body.facts).toEqual([]);
    expect((await get("")).body.facts).toHaveLength(4);
  });

  it("rejects a malformed period as a 400 problem", async () => {
    const { status, type, body } = await get("?period=去年");
    expect(status).toBe(400);
    expect(type).toContain("application/problem+json");
    expect(body.detail).toContain("period");
  });
});
