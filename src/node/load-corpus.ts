import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { countAll } from "../db/documents-repo.ts";
import type { Deps } from "../deps.ts";
import { appendAudit } from "../db/audit-repo.ts";
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

/** Ingest the sample corpus (documents, then statistics) into an empty database. */
export async function loadCorpusIfEmpty(deps: Deps, root = corpusRoot): Promise<{ documents: number; stats: number } | null> {
  const counts = await countAll(deps.db);
  if (counts.documents > 0 || counts.facts > 0) return null;
  return loadCorpus(deps, root);
}

export async function loadCorpus(deps: Deps, root = corpusRoot): Promise<{ documents: number; stats: number }> {
  const started = performance.now();
  let documents = 0;
  for (const file of await listDocumentFiles(root)) {
    const bytes = new Uint8Array(await readFile(file));
    const result = await ingestDocument(deps, { bytes, fileName: path.basename(file), source: path.relative(root, file) });
    await appendAudit(deps.db, { actor: "corpus-loader", action: "document.upload", target: result.id, detail: { file: path.relative(root, file) } });
    documents++;
  }
  let stats = 0;
  const statsFolder = path.join(root, "stats");
  const csvFiles = (await readdir(statsFolder).catch(() => [] as string[])).filter((name) => name.endsWith(".csv")).sort();
  for (const name of csvFiles) {
    const result = await importStats(deps.db, new Uint8Array(await readFile(path.join(statsFolder, name))));
    await appendAudit(deps.db, { actor: "corpus-loader", action: "stats.import", target: name, detail: { rows: result.imported } });
    stats += result.imported;
    if (result.conflicts.length) deps.logger.warn("statistics disagree with documents", { file: name, conflicts: result.conflicts.length });
  }
  deps.logger.info("sample corpus loaded", { documents, stats, ms: Math.round(performance.now() - started) });
  return { documents, stats };
}
