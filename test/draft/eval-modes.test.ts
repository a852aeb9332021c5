import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFactsOfDocument } from "../../src/db/facts-repo.ts";
import { draftDocument } from "../../src/draft/draft-document.ts";
import { importStats } from "../../src/ingest/import-stats.ts";
import { ingestDocument } from "../../src/ingest/ingest-document.ts";
import { createTestDeps } from "../helpers/test-deps.ts";
import { PARK, seedDraftCorpus } from "./fixture.ts";

type Deps = Awaited<ReturnType<typeof createTestDeps>>;

/** The "real" 2021 summary the evaluation hides: a distinctive sentence and a figure only it states. */
const DISTINCTIVE = "园区建成智慧云脑指挥中心并获评省级示范";
const REAL_2021 = `# 江屿经济开发区2021年工作总结

一、2021年工作开展情况

（一）平台建设提档升级。新建人才公寓860套，${DISTINCTIVE}。

（二）经济运行稳中向好。全年规上企业实现工业总产值326.5亿元，同比增长15.9%。
`;

describe("evaluation modes: what a hidden document may and may not give a draft", () => {
  let deps: Deps;
  let realId: string;
  beforeAll(async () => {
    deps = await createTestDeps();
    await seedDraftCorpus(deps);
    const ingested = await ingestDocument(deps, { text: REAL_2021, title: "江屿经济开发区2021年工作总结", park: PARK, year: 2021, kind: "summary" });
    realId = ingested.id;
    await importStats(deps.db, `park,period,indicator,value,unit,yoy_pct,scope,note\n${PARK},2022,工业总产值,352.9,亿元,8.1,规上企业,\n`);
  });
  afterAll(() => deps.dispose());

  it("the planted document's figure is on record (the precondition)", async () => {
    const facts = await findFactsOfDocument(deps.db, realId);
    expect(facts.some((fact) => fact.value === 860 && fact.unit === "套")).toBe(true);
  });

  it("mode (a), from the facts: the figure is stated, no wording of the hidden text is", async () => {
    const draft = await draftDocument({ deps, input: { park: PARK, year: 2021, kind: "summary" }, options: { hideTextOfDocumentIds: [realId], offline: true } });
    expect(draft.markdown).toContain("860套");
    expect(draft.markdown).not.toContain(DISTINCTIVE);
    expect(draft.markdown).not.toContain("智慧云脑");
    expect(draft.markdown).not.toContain("提档升级");
    expect(draft.markdown).not.toContain("稳中向好");
    // Rolled forward from 2020, never from the hidden 2021 text.
    expect(draft.previousDocument?.year).toBe(2020);
  });

  it("mode (b), strict leave-out: neither the wording nor the figure", async () => {
    const draft = await draftDocument({ deps, input: { park: PARK, year: 2021, kind: "summary" }, options: { excludeDocumentIds: [realId], offline: true } });
    expect(draft.markdown).not.toContain("860套");
    expect(draft.markdown).not.toContain(DISTINCTIVE);
  });

  it("a document whose text is hidden is never the previous text rolled forward", async () => {
    const draft = await draftDocument({ deps, input: { park: PARK, year: 2022, kind: "summary" }, options: { hideTextOfDocumentIds: [realId], offline: true } });
    expect(draft.previousDocument).toBeNull();
    expect(draft.markdown).not.toContain(DISTINCTIVE);
    expect(draft.markdown).not.toContain("提档升级");
  });

  it("every figure the verifier cannot support is marked 【待核实】, offline too", async () => {
    const draft = await draftDocument({ deps, input: { park: PARK, year: 2021, kind: "summary" }, options: { hideTextOfDocumentIds: [realId], offline: true } });
    const unsupported = draft.verification.claims.filter((claim) => claim.status === "unsupported" || claim.status === "mismatch");
    for (const claim of unsupported) expect(draft.markdown.slice(claim.end).startsWith("【待核实】")).toBe(true);
    expect(draft.verification.summary.mismatch).toBe(0);
  });
});
