/**
 * POST /api/verify with the sample corpus's two parks on record: a claim is judged against the park its
 * text names, else the request's park; with neither it is unsupported, its candidates listed. Traditional
 * and full-width input is read like simplified text, with offsets into the text as sent.
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { importStats } from "../../src/ingest/import-stats.ts";
import { createTestDeps } from "../helpers/test-deps.ts";

const JIANGYU = "江屿经济开发区";
const SHILING = "石岭工业园区";
type ApiClaim = { text: string; start: number; end: number; status: string; fact_ids: string[]; reason: string; expected?: { value: number } };

describe("POST /api/verify: which park a claim is judged against", () => {
  let deps: Awaited<ReturnType<typeof createTestDeps>>;
  const idsOf = new Map<string, Set<string>>();
  beforeAll(async () => {
    deps = await createTestDeps();
    for (const name of ["jiangyu", "shiling"]) {
      await importStats(deps.db, await readFile(new URL(`../../corpus/stats/${name}.csv`, import.meta.url), "utf8"));
    }
    for (const park of [JIANGYU, SHILING]) {
      const response = await createApp(deps).request(`/api/facts?park=${encodeURIComponent(park)}&period=2022`);
      const body = (await response.json()) as { facts: Array<{ id: string }> };
      idsOf.set(park, new Set(body.facts.map((fact) => fact.id)));
    }
  });
  afterAll(async () => deps.dispose());

  const verify = async (body: Record<string, unknown>) => {
    const response = await createApp(deps).request("/api/verify", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
    return ((await response.json()) as { claims: ApiClaim[] }).claims;
  };
  const parkOfIds = (ids: string[]) => [...new Set(ids.map((id) => [...idsOf].find(([, set]) => set.has(id))?.[0]))];

  it("with several parks and none named or given, a figure is unsupported and every park's candidates are listed", async () => {
    const [claim] = await verify({ text: "2022年工业总产值352.9亿元。" });
    expect(claim.status).toBe("unsupported");
    expect(parkOfIds(claim.fact_ids).sort()).toEqual([JIANGYU, SHILING].sort());
    expect(claim.reason).toContain(JIANGYU);
    expect(claim.reason).toContain(SHILING);
  });

  it("another park's figure never verifies a park the text names", async () => {
    const [claim] = await verify({ text: "石岭工业园区2022年工业总产值352.9亿元" });
    expect(claim.status).toBe("mismatch");
    expect(claim.expected?.value).toBe(70.2);
    expect(parkOfIds(claim.fact_ids)).toEqual([SHILING]);
  });

  it("a text naming its park is verified against that park, by full name or short name, whatever the request's park", async () => {
    for (const body of [
      { text: "江屿经济开发区2022年工业总产值352.9亿元。" },
      { text: "2022年，江屿规上工业总产值352.9亿元。" },
      { text: "江屿经济开发区2022年工业总产值352.9亿元。", park: SHILING },
    ]) {
      const [claim] = await verify(body);
      expect(claim.status, body.text).toBe("verified");
      expect(parkOfIds(claim.fact_ids)).toEqual([JIANGYU]);
    }
  });

  it("the request's park holds where the text names none, and a later park name takes over for what follows", async () => {
    const claims = await verify({ text: "2022年园区工业总产值70.2亿元。江屿经济开发区工业总产值352.9亿元。", park: SHILING, year: 2022 });
    expect(claims.map((claim) => [claim.text, claim.status, parkOfIds(claim.fact_ids)[0]])).toEqual([
      ["70.2亿元", "verified", SHILING], ["352.9亿元", "verified", JIANGYU],
    ]);
  });

  it("each sentence of a multi-park answer is judged against its own park", async () => {
    const text = "2022年，江屿经济开发区规上工业总产值352.9亿元，同比增长8.1%；石岭工业园区规上工业总产值70.2亿元。两园区中石岭工业园区上缴税金2.73亿元，江屿经济开发区上缴税金14.18亿元。";
    const claims = await verify({ text, year: 2022 });
    expect(claims.map((claim) => [claim.text, claim.status, parkOfIds(claim.fact_ids)[0]])).toEqual([
      ["352.9亿元", "verified", JIANGYU], ["8.1%", "verified", JIANGYU], ["70.2亿元", "verified", SHILING],
      ["2.73亿元", "verified", SHILING], ["14.18亿元", "verified", JIANGYU],
    ]);
    // Swapped figures are caught, each against its own park.
    const swapped = await verify({ text: "2022年，石岭工业园区上缴税金14.18亿元，江屿经济开发区上缴税金2.73亿元。" });
    expect(swapped.map((claim) => [claim.status, claim.expected?.value])).toEqual([["mismatch", 2.73], ["mismatch", 14.18]]);
  });

  it("reads traditional characters and full-width forms, with offsets into the text as sent", async () => {
    const text = "2022年江嶼經濟開發區工業總產值352.9億元，同比增長８．１％。";
    const claims = await verify({ text });
    expect(claims.map((claim) => [claim.text, claim.status])).toEqual([["352.9億元", "verified"], ["８．１％", "verified"]]);
    for (const claim of claims) expect(text.slice(claim.start, claim.end)).toBe(claim.text);
    expect(parkOfIds(claims[0].fact_ids)).toEqual([JIANGYU]);
    const wrong = await verify({ text: "２０２２年，石嶺工業園區工業總產值７２．０億元。" });
    expect(wrong[0]).toMatchObject({ text: "７２．０億元", status: "mismatch", expected: { value: 70.2 } });
  });
});
