import { readFileSync } from "node:fs";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { draftDocument } from "../../src/draft/draft-document.ts";
import { DRAFT_SECTION_V1 } from "../../src/draft/prompts.ts";
import { createTestDeps } from "../helpers/test-deps.ts";
import { PARK, seedDraftCorpus } from "./fixture.ts";

type Deps = Awaited<ReturnType<typeof createTestDeps>>;

/** A model whose every call fails, as an unreachable endpoint does. */
class BrokenChatModel extends FakeListChatModel {
  override async _generate(): Promise<never> {
    throw new Error("connect ECONNREFUSED");
  }
}

describe("model drafter", () => {
  let deps: Deps;
  beforeAll(async () => {
    deps = await createTestDeps();
    await seedDraftCorpus(deps);
  });
  afterAll(() => deps.dispose());

  it("corrects a figure the model got wrong to the database value", async () => {
    // The database holds 326.5亿元 for 2021; the model says 300亿元.
    const chat = new FakeListChatModel({ responses: ["2021年，园区规上企业实现工业总产值300亿元，同比增长15.9%，经济运行稳中有进。"] });
    const draft = await draftDocument({ deps: { ...deps, chat }, input: { park: PARK, year: 2021, kind: "summary", sections: ["经济运行"] } });
    const [section] = draft.sections;
    expect(section.method).toBe("model");
    expect(section.markdown).toContain("实现工业总产值326.5亿元");
    expect(section.markdown).not.toContain("300亿元");
    expect(section.notes.join("")).toContain("1处数字与数据库不符");
    expect(section.verification.summary.mismatch).toBe(0);
  });

  it("marks a figure the database cannot support, without repeating it", async () => {
    const chat = new FakeListChatModel({ responses: ["2021年，园区实现工业总产值326.5亿元；新建标准厂房12.3万平方米。"] });
    const draft = await draftDocument({ deps: { ...deps, chat }, input: { park: PARK, year: 2021, kind: "summary", sections: ["平台建设"] } });
    const [section] = draft.sections;
    expect(section.markdown).toContain("【待核实：");
    expect(section.markdown).not.toContain("12.3万平方米");
    expect(section.markdown).toContain("326.5亿元");
  });

  it("falls back to the offline drafter with a note when the model fails", async () => {
    const chat = new BrokenChatModel({ responses: ["unused"] });
    const draft = await draftDocument({ deps: { ...deps, chat }, input: { park: PARK, year: 2021, kind: "summary", sections: ["经济运行"] } });
    const [section] = draft.sections;
    expect(section.method).toBe("roll-forward");
    expect(section.notes.join("")).toContain("模型起草失败");
    expect(section.markdown).toContain("工业总产值326.5亿元，同比增长15.9%");
  });

  it("keeps the prompt in code equal to prompts/draft-section.v1.md", () => {
    const file = readFileSync(new URL("../../prompts/draft-section.v1.md", import.meta.url), "utf8");
    expect(DRAFT_SECTION_V1).toBe(file);
  });
});
