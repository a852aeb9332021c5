import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { createTestDeps } from "../helpers/test-deps.ts";
import { SAMPLE_STATS_CSV } from "../routes/route-helpers.ts";

interface UploadConflict {
  quote: string;
  indicator: string;
  period: string;
  document_value: { value: number; unit: string };
  stats_value: { value: number; unit: string };
  fact_id: string;
}

interface UploadBody {
  id: string;
  warnings: string[];
  duplicate: boolean;
  conflicts: UploadConflict[];
}

const summary = (body: string) => `示范园区2023年工作总结\n\n一、主要经济指标\n${body}\n`;

async function setup() {
  const deps = await createTestDeps();
  const app = createApp(deps);
  const stats = await app.request("/api/stats", { method: "POST", headers: { "content-type": "text/csv" }, body: SAMPLE_STATS_CSV });
  expect(stats.status).toBe(200);
  const upload = (text: string) =>
    app.request("/api/documents", {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ text, title: "示范园区2023年工作总结", park: "示范园区", year: 2023, kind: "summary" }),
    });
  return { deps, app, upload };
}

const conflictWarnings = (body: UploadBody) => body.warnings.filter((warning) => warning.startsWith("与统计数据不一致"));

describe("POST /api/documents: figures that contradict imported statistics", () => {
  let context: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    context = await setup();
  });
  afterAll(async () => context.deps.dispose());

  it("flags the one figure that differs from the statistics, names it in a warning, and stores the document", async () => {
    const text = summary("2023年，示范园区实现工业总产值202.3亿元，同比增长12.5%；全年上缴税金8.9亿元。");
    const response = await context.upload(text);
    expect(response.status).toBe(201);
    const body = (await response.json()) as UploadBody;
    expect(body.duplicate).toBe(false);

    const facts = (await (await context.app.request("/api/facts?park=示范园区&period=2023&indicator=tax")).json()) as {
      facts: Array<{ id: string; origin: string }>;
    };
    const taxStat = facts.facts.find((fact) => fact.origin === "stats")!;
    expect(body.conflicts).toEqual([
      {
        quote: expect.stringContaining("上缴税金8.9亿元"),
        indicator: "tax", label: "税金", period: "2023", scope: "园区",
        document_value: { value: 8.9, unit: "亿元" },
        stats_value: { value: 8.6, unit: "亿元" },
        fact_id: taxStat.id,
      },
    ]);
    expect(conflictWarnings(body)).toEqual(["与统计数据不一致：2023年税金 文中8.9亿元，统计数据8.6亿元"]);

    // A conflict is information, not an error: the document and its figures are on record.
    const detail = (await (await context.app.request(`/api/documents/${body.id}`)).json()) as { facts: Array<{ indicator: string; value: number }> };
    expect(detail.facts).toContainEqual(expect.objectContaining({ indicator: "tax", value: 8.9 }));
    expect(detail.facts).toContainEqual(expect.objectContaining({ indicator: "industrial_output", value: 202.3 }));

    // The same content again is a duplicate, with nothing new to report.
    const again = await context.upload(text);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: body.id, duplicate: true, conflicts: [] });
  });

  it("is no conflict when the figure agrees at its stated precision (9亿元 vs 8.6)", async () => {
    const response = await context.upload(summary("2023年，园区完成工业总产值202.3亿元，上缴税金9亿元。"));
    expect(response.status).toBe(201);
    const body = (await response.json()) as UploadBody;
    expect(body.conflicts).toEqual([]);
    expect(conflictWarnings(body)).toEqual([]);
  });

  it("is no conflict when the figure is of another 口径 (其中…企业)", async () => {
    const response = await context.upload(summary("2023年，园区实现工业总产值202.3亿元。其中，12家新材料企业实现工业总产值95.0亿元。"));
    expect(response.status).toBe(201);
    const body = (await response.json()) as UploadBody;
    expect(body.conflicts).toEqual([]);
    expect(conflictWarnings(body)).toEqual([]);
  });

  it("checks each year the document covers, stating each figure at its own precision", async () => {
    const response = await context.upload(summary("2023年，园区实现工业总产值202.3亿元。2022年园区工业总产值为180.0亿元。"));
    expect(response.status).toBe(201);
    const body = (await response.json()) as UploadBody;
    expect(body.conflicts).toMatchObject([{ indicator: "industrial_output", period: "2022", document_value: { value: 180, unit: "亿元" }, stats_value: { value: 179.8, unit: "亿元" } }]);
    expect(conflictWarnings(body)).toEqual(["与统计数据不一致：2022年工业总产值 文中180.0亿元，统计数据179.8亿元"]);
  });
});

describe("one comparison both ways", () => {
  it("re-importing the statistics reports exactly the document figures the upload flagged", async () => {
    const { deps, app, upload } = await setup();
    try {
      // 180亿元 agrees with 179.8 at its stated precision, 95.0亿元 is of another 口径: only 8.9 differs.
      const body = (await (await upload(summary("2022年园区工业总产值为180亿元。2023年，园区上缴税金8.9亿元；其中，12家新材料企业实现工业总产值95.0亿元。"))).json()) as UploadBody;
      expect(body.conflicts.map((conflict) => conflict.document_value.value)).toEqual([8.9]);
      const reimport = await app.request("/api/stats", { method: "POST", headers: { "content-type": "text/csv" }, body: SAMPLE_STATS_CSV });
      const result = (await reimport.json()) as { conflicts: Array<{ indicator: string; existing: { value: number; origin: string; quote: string } }> };
      const withText = result.conflicts.filter((conflict) => conflict.existing.origin === "text");
      expect(withText).toMatchObject([{ indicator: "税金", existing: { value: 8.9, quote: body.conflicts[0].quote } }]);
    } finally {
      await deps.dispose();
    }
  });
});
