import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { countAll } from "../../src/db/documents-repo.ts";
import { recentAudit } from "../../src/db/audit-repo.ts";
import { corpusWanted, loadCorpus, loadCorpusIfEmpty } from "../../src/node/load-corpus.ts";
import { parseConfig } from "../../src/config.ts";
import { createTestDeps } from "../helpers/test-deps.ts";

const folders: string[] = [];
afterAll(async () => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

/** A corpus folder of team-written documents, plus (when asked) a file the loader cannot read, sorted last. */
async function corpus(withBadFile: boolean): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "corpus-"));
  folders.push(root);
  await mkdir(path.join(root, "stats"));
  await writeFile(path.join(root, "a-2023.md"), "# 青石园区2023年工作总结\n\n2023年，青石园区实现工业总产值120.5亿元，同比增长6.1%。\n");
  await writeFile(path.join(root, "b-2024.md"), "# 青石园区2024年工作总结\n\n2024年，青石园区实现工业总产值131.2亿元，同比增长8.9%。\n");
  await writeFile(path.join(root, "stats", "figures.csv"), "park,period,indicator,value,unit\n青石园区,2024,税收收入,4.2,亿元\n");
  if (withBadFile) await writeFile(path.join(root, "z-broken.docx"), "not a zip at all");
  return root;
}

describe("the sample corpus loader", () => {
  it("loads by default only into the embedded database: never into a Postgres unless LOAD_CORPUS=always", () => {
    const pglite = { kind: "pglite" as const };
    const postgres = { kind: "postgres" as const };
    expect(corpusWanted({ config: parseConfig({}), db: pglite as never })).toBe(true);
    expect(corpusWanted({ config: parseConfig({ DATABASE_URL: "postgres://db/park" }), db: postgres as never })).toBe(false);
    expect(corpusWanted({ config: parseConfig({ DATABASE_URL: "postgres://db/park", LOAD_CORPUS: "always" }), db: postgres as never })).toBe(true);
    expect(corpusWanted({ config: parseConfig({ LOAD_CORPUS: "never" }), db: pglite as never })).toBe(false);
  });

  it("a file that fails part-way rolls the whole corpus back: no document, fact or audit entry stays", async () => {
    const deps = await createTestDeps();
    try {
      await expect(loadCorpus(deps, await corpus(true))).rejects.toThrow(/docx/);
      expect(await countAll(deps.db)).toEqual({ documents: 0, chunks: 0, facts: 0 });
      expect(await recentAudit(deps.db, 10)).toEqual([]);
      // The database is still empty, so the next start loads the corpus again.
      expect(await loadCorpusIfEmpty(deps, await corpus(false))).toEqual({ documents: 2, stats: 1 });
      const counts = await countAll(deps.db);
      expect(counts.documents).toBe(2);
      expect(counts.facts).toBe(3); // two output figures (their growth rates ride on them) and one statistics row
      expect((await recentAudit(deps.db, 10)).map((entry) => entry.actor)).toEqual(["corpus-loader", "corpus-loader", "corpus-loader"]);
      expect(await loadCorpusIfEmpty(deps, await corpus(false))).toBeNull();
    } finally {
      await deps.dispose();
    }
  });
});
