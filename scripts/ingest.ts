/**
 * npm run ingest -- <files or folders> [--park P] [--year Y] [--kind summary|plan|report|other]
 * Ingests documents into the configured database with a progress bar and a summary table.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { IngestResult } from "../src/ingest/ingest-document.ts";
import { DATABASE_NOTE, defineCommand, parseCommand, readInteger, usageError } from "./cli-args.ts";

const KINDS = ["summary", "plan", "report", "other"] as const;

const command = defineCommand({
  name: "ingest",
  summary: "把文档（.txt/.md/.docx/.pdf）导入数据库，显示进度和汇总表 / ingest documents",
  arguments: "<文件或文件夹…>",
  positionals: true,
  options: {
    park: { type: "string", value: "园区", description: "文档所属园区（不给则从标题和正文推断）" },
    year: { type: "string", value: "年份", description: "文档年份（不给则推断）" },
    kind: { type: "string", value: "summary|plan|report|other", description: "文档类型（不给则推断）" },
  },
  notes: [
    "文件夹会递归读取，跳过 README、eval/ 和 stats/；文本可为 UTF-8、GB18030 或 Big5。",
    DATABASE_NOTE,
    "已导入过的相同内容会跳过。",
    "退出码：0 全部成功，1 有文件失败，2 参数错误。",
  ],
  examples: [
    "npm run ingest -- corpus/jiangyu/",
    "npm run ingest -- 2024年工作总结.docx --park 江屿经济开发区 --year 2024 --kind summary",
  ],
});

function progress(done: number, total: number, label: string): void {
  const width = 24;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const line = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${label}`.slice(0, 100);
  if (process.stderr.isTTY) process.stderr.write(`\r${line.padEnd(100)}`);
  else process.stderr.write(`${line}\n`);
}

async function main(): Promise<void> {
  const { values, positionals: paths } = parseCommand(command);
  if (paths.length === 0) usageError(command, "请给出要导入的文件或文件夹");
  const kind = KINDS.find((name) => name === values.kind);
  if (values.kind !== undefined && !kind) usageError(command, `--kind 须为 ${KINDS.join("、")} 之一（收到 "${values.kind}"）`);
  const meta = { park: values.park, year: readInteger(command, "year", values.year, { min: 1949, max: 2100 }), kind };
  // Imported once the arguments are read, so that --help and usage errors answer at once.
  const [{ AppError }, { ingestDocument }, { appendAudit }, { listDocumentFiles }, { cliAudit, cliDeps }] = await Promise.all([
    import("../src/errors.ts"), import("../src/ingest/ingest-document.ts"), import("../src/db/audit-repo.ts"),
    import("../src/node/load-corpus.ts"), import("./cli-deps.ts"),
  ]);
  const files: string[] = [];
  for (const target of paths) {
    const info = await stat(target).catch(() => null);
    if (!info) usageError(command, `找不到：${target}`);
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
