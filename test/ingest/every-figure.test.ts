/**
 * Every figure with a unit in a real document becomes a fact: as a value, as the growth rate of the value it
 * follows (同比增长22% → yoy_pct), or as the threshold that scopes a count (1000万元以上项目). Reads the scraped
 * seed document from ../shared/seed and the real development set from ../shared/realdocs (neither is copied into
 * the repo); a case whose folder is absent is skipped.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { uncoveredFigures } from "../../src/facts/figure-coverage.ts";
import { createTestDeps } from "../helpers/test-deps.ts";
import { useTestApp } from "../helpers/test-app.ts";

interface RealDocument { name: string; title?: string; text: string }

const shared = path.resolve(import.meta.dirname, "../../../shared");
const seedDir = path.join(shared, "seed");
const seedName = existsSync(seedDir) ? readdirSync(seedDir).filter((name) => name.endsWith(".txt")).sort()[0] : undefined;
/** The scraped seed page as it was stored: no header line, the whole file is the document. */
const seed: RealDocument | undefined = seedName ? { name: `seed/${seedName}`, text: readFileSync(path.join(seedDir, seedName), "utf8") } : undefined;
const realdocs = path.join(shared, "realdocs/docs");
const documents: RealDocument[] = existsSync(realdocs)
  ? readdirSync(realdocs).filter((name) => name.endsWith(".txt")).sort().map((name) => {
      const raw = readFileSync(path.join(realdocs, name), "utf8");
      const newline = raw.indexOf("\n");
      return { name, title: raw.slice(0, newline).split("|").slice(1).join("|").trim(), text: raw.slice(newline + 1) };
    })
  : [];

interface StoredFact { value: number; unit: string; scope: string; yoy_pct: number | null; span: { start: number; end: number } | null }

describe("every figure with a unit becomes a fact", () => {
  const ctx = useTestApp();

  async function expectEveryFigureKept(document: RealDocument): Promise<void> {
    // No park and no year given: a document that states neither still keeps its figures.
    const upload = await ctx.app.request("/api/documents", {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: document.text, title: document.title }),
    });
    expect(upload.status).toBe(201);
    const { id, facts: count } = await upload.json() as { id: string; facts: number };
    expect(count).toBeGreaterThan(0);
    const stored = await (await ctx.app.request(`/api/documents/${id}`)).json() as { text: string; facts: StoredFact[] };
    const missed = uncoveredFigures(stored.text, stored.facts.map((fact) => ({ spanStart: fact.span?.start ?? null, spanEnd: fact.span?.end ?? null, yoyPct: fact.yoy_pct, scope: fact.scope })));
    expect(missed.map((figure) => stored.text.slice(Math.max(0, figure.start - 10), figure.end))).toEqual([]);
  }

  it.skipIf(seed === undefined)(seed?.name ?? "seed (../shared/seed is absent)", async () => expectEveryFigureKept(seed!));
  it.each(documents.map((document) => [document.name, document] as const))("%s", async (_name, document) => expectEveryFigureKept(document));
});

describe("an upload names the figures it could not keep as facts", () => {
  it("warns with the figure, so none is dropped silently", async () => {
    const deps = await createTestDeps();
    try {
      // 首次突破400亿元 restates the value before it in round figures: a claim, but no fact of its own.
      const upload = await createApp(deps).request("/api/documents", {
        method: "POST", headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: "2023年，园区实现工业总产值402.6亿元，首次突破400亿元大关。", park: "南岸开发区", year: 2023 }),
      });
      const { warnings } = await upload.json() as { warnings: string[] };
      expect(warnings).toContain("有 1 个数字未能抽取为事实：突破400亿元");
    } finally {
      await deps.dispose();
    }
  });
});
