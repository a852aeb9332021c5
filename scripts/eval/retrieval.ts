/**
 * npm run eval:retrieval — recall@5 and MRR of vector, full-text and hybrid retrieval over
 * corpus/eval/retrieval.jsonl, on a fresh in-memory PGlite loaded with the sample corpus.
 * Full text is measured twice: with the product's character-bigram tokens and with jieba words,
 * so the choice of tokenizer rests on a measurement. SHOW_MISSES=1 lists the misses. The command line is
 * `scripts/eval-retrieval.ts`.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import { z } from "zod";
import { parseConfig } from "../../src/config.ts";
import { buildNodeDeps } from "../../src/node/build-deps.ts";
import { corpusRoot, loadCorpus } from "../../src/node/load-corpus.ts";
import { normalizeText } from "../../src/text/normalize.ts";
import { searchChunks, type RetrievedChunk, type SearchMode } from "../../src/retrieve/search-chunks.ts";

const querySchema = z.object({
  id: z.string(),
  query: z.string(),
  park: z.string().nullable().optional(),
  relevant: z.array(z.object({ doc: z.string(), contains: z.string() })).min(1),
});
type Query = z.infer<typeof querySchema>;

const K = 5;

export async function run(): Promise<void> {
  const lines = (await readFile(path.join(corpusRoot, "eval/retrieval.jsonl"), "utf8")).split("\n").filter((line) => line.trim());
  const queries = lines.map((line) => querySchema.parse(JSON.parse(line)));
  const deps = await buildNodeDeps(parseConfig({ ...process.env, LOG_LEVEL: "silent", DATABASE_URL: "" }), { inMemory: true });
  await loadCorpus(deps);

  // Map each label to the span of its passage in the stored (normalized) document text.
  const { rows: documents } = await deps.db.query<{ id: string; source: string; text: string }>("SELECT id, source, text FROM documents");
  const bySource = new Map(documents.map((document) => [`corpus/${document.source}`, document]));
  const targets = new Map<string, Array<{ documentId: string; start: number; end: number }>>();
  for (const query of queries) {
    const spans = query.relevant.flatMap((label) => {
      const document = bySource.get(label.doc);
      // Labels were written against the raw file; normalize them the way the document text was.
      const needle = normalizeText(label.contains).text;
      const at = document ? Math.max(document.text.indexOf(label.contains), document.text.indexOf(needle)) : -1;
      if (!document || at < 0) {
        console.warn(`! ${query.id}: label not found in ${label.doc}: ${label.contains}`);
        return [];
      }
      return [{ documentId: document.id, start: at, end: at + needle.length }];
    });
    targets.set(query.id, spans);
  }

  const isRelevant = (query: Query, chunk: RetrievedChunk) =>
    (targets.get(query.id) ?? []).some((span) => span.documentId === chunk.documentId && chunk.start < span.end && chunk.end > span.start);

  async function measure(label: string, run: (query: Query) => Promise<RetrievedChunk[]>) {
    let hits = 0;
    let reciprocal = 0;
    const started = performance.now();
    for (const query of queries) {
      const results = await run(query);
      const rank = results.findIndex((chunk) => isRelevant(query, chunk));
      if (process.env.SHOW_MISSES && rank < 0) console.log(`  miss [${label}] ${query.id} ${query.query} → ${results.map((chunk) => `${chunk.title.slice(0, 14)}:${chunk.sectionPath.slice(0, 12)}`).join(" | ")}`);
      if (rank >= 0) {
        hits++;
        reciprocal += 1 / (rank + 1);
      }
    }
    const ms = (performance.now() - started) / queries.length;
    return { method: label, [`recall@${K}`]: +(hits / queries.length).toFixed(3), MRR: +(reciprocal / queries.length).toFixed(3), "ms/query": +ms.toFixed(1) };
  }

  const search = (mode: SearchMode) => (query: Query) => searchChunks(deps, { query: query.query, park: query.park ?? undefined, limit: K, mode });
  const table = [
    await measure("vector (hashed n-grams)", search("vector")),
    await measure("full text (bigrams)", search("fulltext")),
    await measure("hybrid (RRF, bigrams)", search("hybrid")),
  ];

  // Same full-text and hybrid runs with jieba words in the tsvector instead of bigrams.
  const require = createRequire(import.meta.url);
  const { Jieba } = require("@node-rs/jieba") as { Jieba: { withDict(dict: Uint8Array): { cutForSearch(text: string, hmm: boolean): string[] } } };
  const { dict } = require("@node-rs/jieba/dict") as { dict: Uint8Array };
  const jieba = Jieba.withDict(dict);
  const words = (text: string) => jieba.cutForSearch(text, true).filter((word) => /[\p{L}\p{N}]/u.test(word)).map((word) => word.toLowerCase());
  const { rows: chunks } = await deps.db.query<{ id: string; section_path: string; text: string }>("SELECT id, section_path, text FROM chunks");
  for (const chunk of chunks) {
    await deps.db.query("UPDATE chunks SET tokens = to_tsvector('simple', $2) WHERE id = $1", [chunk.id, words(`${chunk.section_path} ${chunk.text}`).join(" ")]);
  }
  const withJieba = (mode: SearchMode) => (query: Query) =>
    searchChunks(deps, { query: query.query, park: query.park ?? undefined, limit: K, mode, tokenize: words });
  table.push(await measure("full text (jieba)", withJieba("fulltext")), await measure("hybrid (RRF, jieba)", withJieba("hybrid")));

  console.log(`retrieval over ${queries.length} queries, ${chunks.length} chunks, k=${K}`);
  console.table(table);
  await deps.db.close();
}

