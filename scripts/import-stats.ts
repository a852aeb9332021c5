/** npm run import-stats -- file.csv [more.csv …]: all-or-nothing per file; conflicts with documents are listed. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { DATABASE_NOTE, defineCommand, parseCommand, usageError } from "./cli-args.ts";

const command = defineCommand({
  name: "import-stats",
  summary: "导入统计表 CSV（每个文件要么全部导入，要么一行不导）/ import statistics CSV files",
  arguments: "<文件.csv…>",
  positionals: true,
  options: {},
  notes: [
    "表头：park,period,indicator,value,unit[,yoy_pct][,scope][,note]，也接受中文表头；UTF-8 或 GB18030。",
    "与文档中数字不一致之处逐条列出；导入的统计数字优先于文档中的数字。",
    DATABASE_NOTE,
    "退出码：0 全部导入，1 有文件未导入，2 参数错误。",
  ],
  examples: ["npm run import-stats -- corpus/stats/jiangyu.csv", "npm run import-stats -- 2024年统计.csv 2025年统计.csv"],
});

async function main(): Promise<void> {
  const { positionals: files } = parseCommand(command);
  if (files.length === 0) usageError(command, "请给出要导入的 CSV 文件");
  // Imported once the arguments are read, so that --help and usage errors answer at once.
  const [{ AppError }, { importStats }, { appendAudit }, { cliAudit, cliDeps }] = await Promise.all([
    import("../src/errors.ts"), import("../src/ingest/import-stats.ts"), import("../src/db/audit-repo.ts"), import("./cli-deps.ts"),
  ]);
  const deps = await cliDeps();
  let failed = 0;
  for (const file of files) {
    try {
      const result = await importStats(deps.db, new Uint8Array(await readFile(file)));
      await appendAudit(deps.db, cliAudit("stats.import", path.basename(file), { file, rows: result.imported }));
      console.log(`${file}：导入 ${result.imported} 行，冲突 ${result.conflicts.length} 处`);
      for (const conflict of result.conflicts) {
        console.log(`  第 ${conflict.row} 行 ${conflict.park} ${conflict.period} ${conflict.indicator}：导入 ${conflict.imported.value}${conflict.imported.unit}，已有 ${conflict.existing.value}${conflict.existing.unit}（${conflict.existing.origin === "text" ? "文档" : "此前导入"}：${conflict.existing.quote}）`);
      }
    } catch (error) {
      failed++;
      console.error(`${file}：${error instanceof AppError ? error.detail : (error as Error).message}`);
      const rows = error instanceof AppError ? (error.extra?.errors as Array<{ row: number; error: string }> | undefined) : undefined;
      for (const row of rows ?? []) console.error(`  第 ${row.row} 行：${row.error}`);
    }
  }
  await deps.db.close();
  process.exit(failed ? 1 : 0);
}

void main();
