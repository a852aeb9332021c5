import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { importStats } from "../../src/ingest/import-stats.ts";
import type { Verification } from "../../src/domain/fact-types.ts";
import { verifyRoutes } from "../../src/routes/verify.ts";
import { createTestDeps } from "../helpers/test-deps.ts";
import { SAMPLE_STATS_CSV } from "./route-helpers.ts";

describe("POST /api/verify", () => {
  let deps: Awaited<ReturnType<typeof createTestDeps>>;
  beforeAll(async () => {
    deps = await createTestDeps();
    await importStats(deps.db, SAMPLE_STATS_CSV);
  });
  afterAll(async () => deps.dispose());

  const post = (body: unknown, app = createApp(deps), path = "/api/verify") =>
    app.request(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("checks each figure against the database: a right one verified, a wrong one mismatched with the expected value", async () => {
    const text = "2023年，示范园区实现工业总产值202.3亿元，上缴税金9.5亿元。";
    const response = await post({ text, park: "示范园区", year: 2023 });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { claims: Array<Record<string, any>>; summary: Record<string, number> };
    const output = body.claims.find((claim) => claim.value === 202.3)!;
    expect(output).toMatchObject({ text: "202.3亿元", unit: "亿元", status: "verified", indicator: "industrial_output", period: "2023" });
    expect(text.slice(output.start, output.end)).toBe("202.3亿元");
    expect(output.fact_ids).toHaveLength(1);
    expect(output).not.toHaveProperty("factIds");
    const tax = body.claims.find((claim) => claim.value === 9.5)!;
    expect(tax).toMatchObject({ status: "mismatch", expected: { value: 8.6, unit: "亿元" } });
    expect(body.claims.some((claim) => claim.value === 2023)).toBe(false);
    expect(body.summary).toEqual({ verified: 1, mismatch: 1, unsupported: 0, derived: 0 });
  });

  it("maps the verifier's claims to the API.md shape (fact_ids snake_case, summary as is)", async () => {
    const verification: Verification = {
      claims: [{ text: "198亿元", start: 3, end: 8, value: 198, unit: "亿元", indicator: "industrial_output", period: "2023", status: "verified", factIds: ["f1", "f2"], reason: "与统计数据一致" }],
      summary: { verified: 1, mismatch: 0, unsupported: 0, derived: 0 },
    };
    const inputs: unknown[] = [];
    const app = createApp(deps);
    app.route("/api/verify-scripted", verifyRoutes(deps, {
      verify: async (verifyDeps, input) => {
        inputs.push(input);
        expect((await verifyDeps.facts.findFacts({ park: "滨江园区" })).map((fact) => fact.value)).toEqual([95.4]);
        return verification;
      },
    }));
    const response = await post({ text: "总产值198亿元", park: "示范园区", year: 2023 }, app, "/api/verify-scripted");
    expect(await response.json()).toEqual({
      claims: [{ text: "198亿元", start: 3, end: 8, value: 198, unit: "亿元", indicator: "industrial_output", period: "2023", status: "verified", fact_ids: ["f1", "f2"], reason: "与统计数据一致" }],
      summary: { verified: 1, mismatch: 0, unsupported: 0, derived: 0 },
    });
    expect(inputs).toEqual([{ text: "总产值198亿元", park: "示范园区", year: 2023 }]);
  });

  it("rejects empty, oversized and mistyped input as 400 problems", async () => {
    for (const body of [{}, { text: "" }, { text: "数".repeat(20_001) }, { text: "1亿元", year: "去年" }, { text: "1亿元", year: 2023.5 }]) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body).slice(0, 30)).toBe(400);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    }
  });
});
