/** Shared loading for the evaluation scripts: the corpus in a fresh in-memory PGlite, and labels located in it. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { parseConfig } from "../../src/config.ts";
import type { Deps } from "../../src/deps.ts";
import { buildNodeDeps } from "../../src/node/build-deps.ts";
import { corpusRoot, loadCorpus } from "../../src/node/load-corpus.ts";
import { normalizeText } from "../../src/text/normalize.ts";

export interface CorpusDocument {
  id: string;
  source: string;
  park: string;
  year: number | null;
  text: string;
}

export async function loadEvalCorpus(): Promise<{ deps: Deps; documents: Map<string, CorpusDocument> }> {
  const deps = await buildNodeDeps(parseConfig({ ...process.env, LOG_LEVEL: "silent", DATABASE_URL: "" }), { inMemory: true });
  await loadCorpus(deps);
  const { rows } = await deps.db.query<CorpusDocument>("SELECT id, source, park, year, text FROM documents");
  return { deps, documents: new Map(rows.map((row) => [`corpus/${row.source}`, row])) };
}

export function documentOf(documents: Map<string, CorpusDocument>, doc: string): CorpusDocument | undefined {
  return documents.get(doc);
}

/** Where a label's quote stands in the stored (normalized) text; labels were written against the raw file. */
export function locate(text: string, quote: string): { start: number; end: number } | null {
  for (const needle of [quote, normalizeText(quote).text]) {
    const at = text.indexOf(needle);
    if (at >= 0) return { start: at, end: at + needle.length };
  }
  return null;
}

export async function readJsonl<T>(name: string, schema: z.ZodType<T>): Promise<T[]> {
  const lines = (await readFile(path.join(corpusRoot, "eval", name), "utf8")).split("\n").filter((line) => line.trim());
  return lines.map((line, index) => {
    const parsed = schema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${name}:${index + 1}: ${parsed.error.issues[0].message}`);
    return parsed.data;
  });
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
