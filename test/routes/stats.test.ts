import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { createTestDeps } from "../helpers/test-deps.ts";
import { SAMPLE_STATS_CSV } from "./route-helpers.ts";

describe("POST /api/stats", () => {
  let deps: Awaited<ReturnType<typeof createTestDeps>>;
  const factCount = async () => Number((await deps.db.query<{ n: number }>("SELECT count(*)::int AS n FROM facts")).rows[0].n);

  beforeAll(async () => {
    deps = await createTestDeps();
  });
  beforeEach(async () => {
    await deps.db.query("DELETE FROM facts");
  });
  afterAll(async () => deps.dispose());

  it("imports a text/csv body and the facts become queryable", async () => {
    const response = await createApp(deps).request("/api/stats", { method: "POST", headers: { "content-type": "text/csv" }, body: SAMPLE_STATS_CSV });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ imported: 4, conflicts: [] });
    expect(await factCount()).toBe(4);
    const { rows } = await deps.db.query<{ value: number; unit: string; indicator_key: string; yoy_pct: number }>(
      "SELECT value, unit, indicator_key, yoy_pct FROM facts WHERE park = '示范园区' AND period = '2023' AND label = '工业总产值'",
    );
    expect(rows.map((row) => ({ ...row, value: Number(row.value), yoy_pct: Number(row.yoy_pct) }))).toEqual([
      { value: 202.3, unit: "亿元", indicator_key: "industrial_output", yoy_pct: 12.5 },
    ]);
  });

  it("imports a multipart file and reports a changed value as a conflict", async () => {
    const app = createApp(deps);
    await app.request("/api/stats", { method: "POST", headers: { "content-type": "text/csv" }, body: SAMPLE_STATS_CSV });
    const form = new FormData();
    form.set("file", new File(["park,period,indicator,value,unit\n示范园区,2023,工业总产值,210,亿元\n"], "stats.csv", { type: "text/csv" }));
    const response = await app.request("/api/stats", { method: "POST", body: form });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { imported: number; conflicts: Array<Record<string, any>> };
    expect(body.imported).toBe(1);
    expect(body.conflicts).toHaveLength(1);
    expect(body.conflicts[0]).toMatchObject({ park: "示范园区", period: "2023", imported: { value: 210, unit: "亿元" }, existing: { value: 202.3, origin: "stats" } });
    expect(await factCount()).toBe(4);
  });

  it("accepts a GB18030 file as Excel on Chinese Windows saves it", async () => {
    const ascii = (text: string) => [...new TextEncoder().encode(text)];
    const parkGbk = [0xd4, 0xb0, 0xc7, 0xf8];
    const unitGbk = [0xd2, 0xda, 0xd4, 0xaa];
    const body = new Uint8Array([...ascii("park,period,indicator,value,unit\n"), ...parkGbk, ...ascii(",2023,revenue,5,"), ...unitGbk, ...ascii("\n")]);
    const response = await createApp(deps).request("/api/stats", { method: "POST", headers: { "content-type": "text/csv" }, body });
    expect(response.status).toBe(200);
    const { rows } = await deps.db.query<{ park: string; unit: string }>("SELECT park, unit FROM facts");
    expect(rows).toEqual([{ park: "园区", unit: "亿元" }]);
  });

  it("rejects a CSV with one bad row as a 400 problem and imports nothing", async () => {
    const bad = `${SAMPLE_STATS_CSV}\n示范园区,2023,利润,十二,亿元,,,`;
    const response = await createApp(deps).request("/api/stats", { method: "POST", headers: { "content-type": "text/csv" }, body: bad });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await response.json()) as Record<string, any>;
    expect(problem).toMatchObject({ status: 400, title: "请求无效" });
    expect(problem.detail).toContain("第 6 行");
    expect(problem.errors).toEqual([expect.objectContaining({ row: 6 })]);
    expect(await factCount()).toBe(0);
  });

  it("rejects a header without the required columns, an unknown media type and a missing file", async () => {
    const app = createApp(deps);
    const noHeader = await app.request("/api/stats", { method: "POST", headers: { "content-type": "text/csv" }, body: "a,b\n1,2" });
    expect(noHeader.status).toBe(400);
    expect(((await noHeader.json()) as { detail: string }).detail).toContain("park");
    const json = await app.request("/api/stats", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(json.status).toBe(415);
    const form = new FormData();
    form.set("other", "x");
    const noFile = await app.request("/api/stats", { method: "POST", body: form });
    expect(noFile.status).toBe(400);
    expect(await factCount()).toBe(0);
  });

  it("needs the admin role when tokens are configured", async () => {
    const app = createApp({ ...deps, config: { ...deps.config, apiTokens: [{ name: "reader", role: "reader", token: "r1" }, { name: "admin", role: "admin", token: "a1" }] } });
    const asReader = await app.request("/api/stats", { method: "POST", headers: { authorization: "Bearer r1", "content-type": "text/csv" }, body: SAMPLE_STATS_CSV });
    expect(asReader.status).toBe(403);
    expect(await factCount()).toBe(0);
    const asAdmin = await app.request("/api/stats", { method: "POST", headers: { authorization: "Bearer a1", "content-type": "text/csv" }, body: SAMPLE_STATS_CSV });
    expect(asAdmin.status).toBe(200);
    expect(await factCount()).toBe(4);
  });
});
