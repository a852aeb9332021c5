/**
 * POST /api/verify on a line quoted from a stored document: a figure restated in the words the document used
 * (same clause, same value) is verified as that document figure even where the extractor gave it a narrower
 * 口径; a changed value in the same words is still flagged.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { createTestDeps } from "../helpers/test-deps.ts";

const PARK = "南岸开发区";
/** 其中 opens a part; the sibling items after it are the extractor's hard case for 口径. */
const DOCUMENT = `南岸开发区2022年工作总结
2022年，区内现有规上工业企业120家，其中超亿元企业31家，上市企业4家，小升规达标企业15家，完成全年任务的107.1%。`;

describe("POST /api/verify: figures restated as the document stated them", () => {
  let deps: Awaited<ReturnType<typeof createTestDeps>>;
  const verify = async (text: string) => {
    const response = await createApp(deps).request("/api/verify", {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text, park: PARK, year: 2022 }),
    });
    return ((await response.json()) as { claims: Array<{ text: string; status: string }> }).claims;
  };
  beforeAll(async () => {
    deps = await createTestDeps();
    const upload = await createApp(deps).request("/api/documents", {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: DOCUMENT, park: PARK, year: 2022 }),
    });
    expect(upload.status).toBe(201);
  });
  afterAll(async () => deps.dispose());

  it("verifies a sibling item of a 其中 list quoted as written", async () => {
    const claims = await verify("小升规达标企业15家");
    expect(claims.map((claim) => [claim.text, claim.status])).toEqual([["15家", "verified"]]);
  });

  it("still flags a changed value in the same words", async () => {
    const claims = await verify("小升规达标企业51家");
    expect(claims[0].status).not.toBe("verified");
  });
});
