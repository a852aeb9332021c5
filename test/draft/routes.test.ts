import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { markdownToPlainText } from "../../src/draft/markdown.ts";
import { createTestDeps } from "../helpers/test-deps.ts";
import { PARK, seedDraftCorpus } from "./fixture.ts";

type Deps = Awaited<ReturnType<typeof createTestDeps>>;

interface DraftBody {
  id: string;
  markdown: string;
  sections: Array<{ title: string; markdown: string; verification: { summary: Record<string, number>; claims: Array<{ text: string; status: string }> } }>;
  verification: { summary: Record<string, number> };
}

describe("/api/drafts", () => {
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  let draft: DraftBody;

  beforeAll(async () => {
    deps = await createTestDeps();
    await seedDraftCorpus(deps);
    app = createApp(deps);
    const response = await post({ park: PARK, year: 2021, kind: "summary" });
    expect(response.status).toBe(201);
    draft = (await response.json()) as DraftBody;
  });
  afterAll(() => deps.dispose());

  const post = (body: unknown) =>
    app.request("/api/drafts", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("drafts every section of a summary, rolled forward with 2021 figures", () => {
    expect(draft.sections.map((section) => section.title)).toEqual([
      "平台建设", "经济运行", "发展难题破解", "项目建设与招商", "安全环保", "存在的困难和问题", "下一年工作思路",
    ]);
    expect(draft.markdown).toContain("# 江屿经济开发区2021年工作总结");
    expect(draft.markdown).toContain("## 一、2021年工作开展情况");
    expect(draft.markdown).toContain("## 三、2022年工作思路");
    // 326.5 / 281.7 − 1 = 15.9%; 利润 2021 is not on record.
    expect(draft.markdown).toContain("工业总产值326.5亿元，同比增长15.9%");
    expect(draft.markdown).toContain("【待补充：利润，2021年】");
    expect(draft.markdown).not.toContain("16.9亿元");
    expect(draft.markdown).not.toContain("281.7");
    expect(draft.markdown).toContain("第15位");
  });

  it("states targets vs actuals from the 2021 plan, right after the value they complete", () => {
    // 326.5 / 310 = 105.3%; 72.4 / 68 = 106.5%
    expect(draft.markdown).toContain("工业总产值326.5亿元，同比增长15.9%，完成年度目标的105.3%");
    expect(draft.markdown).toContain("招商引资到位资金72.4亿元，同比增长17.3%，完成年度目标的106.5%");
    const economy = draft.sections.find((section) => section.title === "经济运行")!;
    expect(economy.verification.claims.find((claim) => claim.text === "105.3%")?.status).toBe("derived");
  });

  it("verifies every section and finds no mismatch", () => {
    const economy = draft.sections.find((section) => section.title === "经济运行")!;
    const verified = economy.verification.claims.filter((claim) => claim.status === "verified").map((claim) => claim.text);
    expect(verified).toContain("326.5亿元");
    expect(draft.verification.summary.mismatch).toBe(0);
  });

  it("gives claims in the API.md shape: fact_ids, never factIds", () => {
    const claims = draft.sections.flatMap((section) => section.verification.claims) as Array<Record<string, unknown>>;
    expect(claims.length).toBeGreaterThan(0);
    for (const claim of claims) {
      expect(Array.isArray(claim.fact_ids)).toBe(true);
      expect(claim).not.toHaveProperty("factIds");
    }
  });

  it("drafts only the sections asked for", async () => {
    const response = await post({ park: "江屿", year: 2021, kind: "summary", sections: ["经济运行", "存在的困难和问题"] });
    expect(response.status).toBe(201);
    const body = (await response.json()) as DraftBody;
    expect(body.sections.map((section) => section.title)).toEqual(["经济运行", "存在的困难和问题"]);
    expect(body.markdown).toContain("## 一、2021年工作开展情况\n\n### （一）经济运行企稳回升");
    expect(body.markdown).toContain("## 二、存在的困难和问题");
  });

  it("returns the stored draft", async () => {
    const response = await app.request(`/api/drafts/${draft.id}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as DraftBody;
    expect(body.markdown).toBe(draft.markdown);
    expect(body.sections.length).toBe(draft.sections.length);
  });

  it("exports a Word document that reads back as the Markdown's text", async () => {
    const response = await app.request(`/api/drafts/${draft.id}.docx`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(response.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("江屿经济开发区2021年工作总结")}`);
    const buffer = Buffer.from(await response.arrayBuffer());
    const { value } = await mammoth.extractRawText({ buffer });
    const lines = (text: string) => text.split("\n").map((line) => line.trim()).filter(Boolean);
    expect(lines(value)).toEqual(lines(markdownToPlainText(draft.markdown)));
  });

  it("404s an unknown park, a year with no facts and an unknown draft, in Chinese", async () => {
    const park = await post({ park: "不存在工业园", year: 2021, kind: "summary" });
    expect(park.status).toBe(404);
    expect(park.headers.get("content-type")).toContain("application/problem+json");
    expect(((await park.json()) as { detail: string }).detail).toContain("未找到园区“不存在工业园”");
    const year = await post({ park: PARK, year: 2030, kind: "summary" });
    expect(year.status).toBe(404);
    expect(((await year.json()) as { detail: string }).detail).toContain("没有2030年的数据");
    expect((await app.request("/api/drafts/nope")).status).toBe(404);
    expect((await app.request("/api/drafts/nope.docx")).status).toBe(404);
  });

  it("rejects an unknown section and a bad body with 400", async () => {
    const section = await post({ park: PARK, year: 2021, kind: "summary", sections: ["天气预报"] });
    expect(section.status).toBe(400);
    expect(((await section.json()) as { detail: string }).detail).toContain("未知的部分：天气预报");
    expect((await post({ park: PARK, year: "2021", kind: "summary" })).status).toBe(400);
  });

  it("requires the drafter role when tokens are configured", async () => {
    const guarded = createApp({ ...deps, config: { ...deps.config, apiTokens: [{ name: "reader", role: "reader", token: "r" }, { name: "drafter", role: "drafter", token: "d" }] } });
    const request = (token: string) => guarded.request("/api/drafts", {
      method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ park: PARK, year: 2021, kind: "summary", sections: ["经济运行"] }),
    });
    expect((await request("r")).status).toBe(403);
    expect((await request("d")).status).toBe(201);
  });
});
