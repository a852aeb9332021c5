import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { countAll } from "../db/documents-repo.ts";
import type { Deps } from "../deps.ts";
import { appendAudit } from "../db/audit-repo.ts";
import { withinTransaction } from "../db/sql-client.ts";
import { importStats } from "../ingest/import-stats.ts";
import { ingestDocument } from "../ingest/ingest-document.ts";

export const corpusRoot = fileURLToPath(new URL("../../corpus/", import.meta.url));

const DOCUMENT_EXTENSIONS = new Set([".txt", ".md", ".docx", ".pdf"]);

/** Every document file under `folder` (recursively), skipping README files and the eval/ and stats/ folders. */
export async function listDocumentFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && DOCUMENT_EXTENSIONS.has(path.extname(entry.name).toLowerCase()))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !/(^|\/)(eval|stats)\//.test(path.relative(folder, file)) && !/^readme/i.test(path.basename(file)))
    .sort();
}

/**
 * Whether the sample corpus (fictional parks) goes into this database: `auto` only into the embedded default
 * (PGlite, no DATABASE_URL) — never into a production Postgres — `always` into any, `never` into none.
 */
export function corpusWanted(deps: Pick<Deps, "config" | "db">): boolean {
  if (deps.config.loadCorpus === "always") return true;
  return deps.config.loadCorpus === "auto" && deps.db.kind === "pglite";
}

/** Ingest the sample corpus (documents, then statistics) into an empty database. */
export async function loadCorpusIfEmpty(deps: Deps, root = corpusRoot): Promise<{ documents: number; stats: number } | null> {
  const counts = await countAll(deps.db);
  if (counts.documents > 0 || counts.facts > 0) return null;
  return loadCorpus(deps, root);
}

/**
 * The whole corpus in one transaction: a crash or a bad file part-way leaves the database as it was (empty, so the
 * next start loads it again), never half a corpus.
 */
export async function loadCorpus(deps: Deps, root = corpusRoot): Promise<{ documents: number; stats: number }> {
  const started = performance.now();
  const documentFiles = await listDocumentFiles(root);
  const statsFolder = path.join(root, "stats");
  const csvFiles = (await readdir(statsFolder).catch(() => [] as string[])).filter((name) => name.endsWith(".csv")).sort();
  const loaded = await deps.db.transaction(async (tx) => {
    const inside: Deps = { ...deps, db: withinTransaction(deps.db, tx) };
    let documents = 0;
    for (const file of documentFiles) {
      const bytes = new Uint8Array(await readFile(file));
      const result = await ingestDocument(inside, { bytes, fileName: path.basename(file), source: path.relative(root, file) });
      await appendAudit(inside.db, { actor: "corpus-loader", action: "document.upload", target: result.id, detail: { file: path.relative(root, file) } });
      documents++;
    }
    let stats = 0;
    for (const name of csvFiles) {
      const result = await importStats(inside.db, new Uint8Array(await readFile(path.join(statsFolder, name))));
      await appendAudit(inside.db, { actor: "corpus-loader", action: "stats.import", target: name, detail: { rows: result.imported } });
      stats += result.imported;
      if (result.conflicts.length) deps.logger.warn("statistics disagree with documents", { file: name, conflicts: result.conflicts.length });
    }
    return { documents, stats };
  });
  deps.logger.info("sample corpus loaded", { ...loaded, ms: Math.round(performance.now() - started) });
  return loaded;
}
