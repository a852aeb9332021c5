import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer-question.ts";
import { ingestDocument } from "../../src/ingest/ingest-document.ts";
import { createTestDeps } from "../helpers/test-deps.ts";
import { seedFacts } from "./fixtures.ts";

describe("citations of figures from imported statistics", () => {
  let deps: Awaited<ReturnType<typeof createTestDeps>>;
  beforeAll(async () => {
    deps = await createTestDeps();
    await seedFacts(deps);
    await ingestDocument(deps, {
      title: "明湖经济开发区2021年工作总结",
      text: "一、2021年工作开展情况\n（一）经济运行。2021年，园区规上企业实现工业总产值202.3亿元。实现利润12亿元。",
    });
  });
  afterAll(async () => deps.dispose());

  it("cites the statistic and the document sentence that states the same figure", async () => {
    const result = await answerQuestion(deps, { question: "明湖经济开发区2021年工业总产值是多少？" });
    expect(result.answer).toContain("202.3亿元");
    expect(result.citations[0]).toMatchObject({ title: "统计数据导入", document_id: null });
    const fromText = result.citations.find((citation) => citation.document_id !== null);
    expect(fromText).toMatchObject({ title: "明湖经济开发区2021年工作总结" });
    expect(fromText!.quote).toContain("工业总产值202.3亿元");
    expect(fromText!.section).toContain("2021年工作开展情况");
  });

  it("does not cite a document sentence whose figure disagrees with the statistic", async () => {
    // Statistics: 2022 利润 13.2亿元; this document says 13.5亿元.
    await ingestDocument(deps, { title: "明湖经济开发区2022年工作总结", text: "一、2022年工作开展情况\n2022年，园区实现利润13.5亿元，同比增长8.9%。" });
    const result = await answerQuestion(deps, { question: "明湖经济开发区2022年利润是多少？" });
    expect(result.answer).toContain("13.2亿元");
    expect(result.answer).not.toContain("13.5");
    expect(result.citations.length).toBeGreaterThan(0);
    expect(result.citations.some((citation) => citation.quote.includes("13.5"))).toBe(false);
  });
});
