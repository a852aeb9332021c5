/**
 * Figure questions on documents outside the indicator vocabulary, through the HTTP API: the answer states the
 * figure (and its stated growth) and `facts` holds it. The documents are the team's own (test/fixtures/genre).
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { createTestDeps } from "../helpers/test-deps.ts";

const fixture = (name: string) => readFile(new URL(`../fixtures/genre/${name}`, import.meta.url), "utf8");

interface Asked { answer: string; mode: string; facts: Array<{ value: number; unit: string; period: string }> }

describe("figure questions answered by ranking the park's facts", () => {
  let deps: Awaited<ReturnType<typeof createTestDeps>>;
  let app: ReturnType<typeof createApp>;
  const parks: Record<string, string> = {};
  const post = async (path: string, body: unknown) => {
    const response = await app.request(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return { status: response.status, body: await response.json() as Record<string, unknown> };
  };
  const ask = async (question: string, park?: string) => (await post("/api/ask", { question, ...(park ? { park } : {}) })).body as unknown as Asked;

  beforeAll(async () => {
    deps = await createTestDeps();
    app = createApp(deps);
    // One document named by the uploader with an office label, the others left for the service to infer.
    const labelled = await post("/api/documents", { text: await fixture("plan-targets.txt"), park: "P-02", year: 2024 });
    parks.plan = labelled.body.park as string;
    for (const [key, name] of [["half", "traditional-half-year.txt"], ["report", "report-no-park.txt"], ["spaced", "pdf-spaced-traditional.txt"]] as const) {
      const upload = await post("/api/documents", { text: await fixture(name) });
      expect(upload.status).toBe(201);
      parks[key] = upload.body.park as string;
    }
  });
  afterAll(async () => deps.dispose());

  it("infers proper park names and names an unnamed report after its title, with a warning", async () => {
    expect(parks.half).toBe("青溪经济开发区");
    expect(parks.report).toBe("未命名园区（关于2022年园区工作情况的汇报）");
    const list = await (await app.request("/api/documents")).json() as { documents: Array<{ park: string; warnings: string[] }> };
    expect(list.documents.find((document) => document.park === parks.report)?.warnings.join("")).toContain("未能识别园区名称");
  });

  it.each([
    ["青溪經濟開發區2023年上半年規上工業總產值是多少？", 86.4, "亿元", "同比增长7.2%", "2023H1"],
    ["2023年1-6月固定资产投资同比变化多少？", 21.35, "亿元", "同比下降4.6%", "2023H1"],
    ["上半年新增市场主体多少户？", 412, "户", "", "2023H1"],
    ["2023年全年规上工业总产值目标是多少？", 180, "亿元", "目标", "2023"],
  ])("half-year report in traditional characters: %s", async (question, value, unit, words, period) => {
    const result = await ask(question, parks.half);
    expect(result.mode).toBe("figure");
    expect(result.answer).toContain(`${value}${unit}`);
    expect(result.answer).toContain(words);
    expect(result.facts.some((fact) => fact.value === value && fact.unit === unit && fact.period === period)).toBe(true);
  });

  it.each([
    ["桐山高新区2024年地区生产总值目标是多少？", 265, "亿元"],
    ["2024年计划新招引亿元以上项目多少个？", 30, "个"],
    ["2024年社零总额目标是多少？", 52, "亿元"],
    ["2023年高新区地区生产总值是多少？", 246.8, "亿元"],
  ])("plan with a colon-opened target list, park given by the uploader's label: %s", async (question, value, unit) => {
    const result = await ask(question, parks.plan);
    expect(result.answer).toContain(`${value}${unit}`);
    expect(result.facts.some((fact) => fact.value === value && fact.unit === unit)).toBe(true);
  });

  it.each([
    ["2022年园区工业开票销售多少？", 312.6, "亿元", "同比增长11.3%"],
    ["2022年技改投资多少？", 22.4, "亿元", ""],
    ["园区规上工业企业中年产值超10亿元企业有几家？", 12, "家", ""],
    ["2022年外贸进出口总额是多少，同比增长多少？", 9.8, "亿美元", "同比下降2.3%"],
    ["园区建成区面积多少？", 11.2, "平方公里", ""],
  ])("report that names no park: %s", async (question, value, unit, words) => {
    const result = await ask(question, parks.report);
    expect(result.answer).toContain(`${value}${unit}`);
    expect(result.answer).toContain(words);
    expect(result.facts.some((fact) => fact.value === value && fact.unit === unit)).toBe(true);
  });

  it.each([
    ["1-10月园区规模以上工业总产值多少，同比变化多少？", 143.6, "亿元", "同比下降2.8%"],
    ["化工板块产值多少，同比增长多少？", 38.5, "亿元", "同比下降11.2%"],
  ])("1-10月 report whose figures are spaced off from their words: %s", async (question, value, unit, words) => {
    const result = await ask(question, parks.spaced);
    expect(result.answer).toContain(`${value}${unit}`);
    expect(result.answer).toContain(words);
    expect(result.facts.some((fact) => fact.value === value && fact.unit === unit && fact.period === "2022M01-10")).toBe(true);
  });

  it("answers each part of a two-part question", async () => {
    const result = await ask("园区现有规上工业企业多少家，新增“四上”企业多少家？", parks.report);
    expect(result.answer).toContain("186家");
    expect(result.answer).toContain("27家");
  });

  it("reads a generic or question-word park reference as the caller's park, and refuses a proper name not on record", async () => {
    const generic = await ask("该园区2022年工业性投资完成多少？", parks.report);
    expect(generic.answer).toContain("58.2亿元");
    const unknown = await ask("明湖经济开发区2022年工业性投资完成多少？", parks.report);
    expect(unknown.mode).toBe("refusal");
    expect(unknown.answer).toContain("明湖经济开发区");
  });

  it("resolves a name the document uses for a park stored under an office label", async () => {
    const result = await ask("桐山高新区2024年一般公共预算收入目标是多少？");
    expect(result.answer).toContain("18.5亿元");
    expect(result.answer).toContain("P-02");
  });

  it("does not answer another year's figure for a year not on record", async () => {
    const result = await ask("2019年园区工业开票销售多少？", parks.report);
    expect(result.answer).not.toContain("312.6");
  });
});
