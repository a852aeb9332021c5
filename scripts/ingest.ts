/**
 * npm run ingest -- <files or folders> [--park P] [--year Y] [--kind summary|plan|report|other]
 * Ingests documents into the configured database with a progress bar and a summary table.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../src/errors.ts";
import { ingestDocument, type IngestResult } from "../src/ingest/ingest-document.ts";
import { appendAudit } from "../src/db/audit-repo.ts";
import { cliAudit } from "./cli-deps.ts";
import { listDocumentFiles } from "../src/node/load-corpus.ts";
import { cliDeps } from "./cli-deps.ts";

function parseArgs(argv: string[]) {
  const paths: string[] = [];
  const meta: { park?: string; year?: number; kind?: "summary" | "plan" | "report" | "other" } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--park") meta.park = argv[++i];
    else if (arg === "--year") meta.year = Number(argv[++i]);
    else if (arg === "--kind") meta.kind = argv[++i] as typeof meta.kind;
    else paths.push(arg);
  }
  return { paths, meta };
}

function progress(done: number, total: number, label: string): void {
  const width = 24;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const line = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${label}`.slice(0, 100);
  if (process.stderr.isTTY) process.stderr.write(`\r${line.padEnd(100)}`);
  else process.stderr.write(`${line}\n`);
}

async function main(): Promise<void> {
  const { paths, meta } = parseArgs(process.argv.slice(2));
  if (paths.length === 0) {
    console.error("用法：npm run ingest -- <文件或文件夹…> [--park 园区] [--year 年份] [--kind summary|plan|report|other]");
    process.exit(2);
  }
  const files: string[] = [];
  for (const target of paths) {
    const info = await stat(target).catch(() => null);
    if (!info) {
      console.error(`找不到：${target}`);
      process.exit(2);
    }
    files.push(...(info.isDirectory() ? await listDocumentFiles(target) : [target]));
  }
  const deps = await cliDeps();
  const rows: Array<{ file: string; result?: IngestResult; error?: string }> = [];
  for (const [index, file] of files.entries()) {
    progress(index, files.length, path.basename(file));
    try {
      const bytes = new Uint8Array(await readFile(file));
      const result = await ingestDocument(deps, { ...meta, bytes, fileName: path.basename(file), source: file });
      rows.push({ file, result });
      if (!result.duplicate) await appendAudit(deps.db, cliAudit("document.upload", result.id, { file }));
    } catch (error) {
      rows.push({ file, error: error instanceof AppError ? error.detail : (error as Error).message });
    }
  }
  progress(files.length, files.length, "完成");
  if (process.stderr.isTTY) process.stderr.write("\n");
  console.table(rows.map(({ file, result, error }) => ({
    文件: path.basename(file),
    状态: error ? `失败：${error}` : result!.duplicate ? "已存在（跳过）" : "已导入",
    园区: result?.park ?? "", 年份: result?.year ?? "", 类型: result?.kind ?? "",
    分块: result?.chunks ?? 0, 数据: result?.facts ?? 0, 警告: result?.warnings.length ?? 0,
  })));
  const failed = rows.filter((row) => row.error).length;
  console.log(`共 ${files.length} 个文件：导入 ${rows.filter((row) => row.result && !row.result.duplicate).length}，重复 ${rows.filter((row) => row.result?.duplicate).length}，失败 ${failed}`);
  await deps.db.close();
  process.exit(failed ? 1 : 0);
}

void main();
