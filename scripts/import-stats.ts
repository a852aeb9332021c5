/** npm run import-stats -- file.csv [more.csv …]: all-or-nothing per file; conflicts with documents are listed. */
import { readFile } from "node:fs/promises";
import { AppError } from "../src/errors.ts";
import { importStats } from "../src/ingest/import-stats.ts";
import path from "node:path";
import { appendAudit } from "../src/db/audit-repo.ts";
import { cliAudit, cliDeps } from "./cli-deps.ts";

async function main(): Promise<void> {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error("用法：npm run import-stats -- 文件.csv [更多.csv …]");
    process.exit(2);
  }
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
