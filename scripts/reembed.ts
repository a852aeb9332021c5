/** npm run reembed: re-embed every chunk with the configured embedder (after switching EMBEDDING_MODEL). */
import { DATABASE_NOTE, defineCommand, parseCommand } from "./cli-args.ts";

const command = defineCommand({
  name: "reembed",
  summary: "用当前配置的向量模型重新计算所有分块的向量（更换 EMBEDDING_MODEL 之后运行）/ re-embed all chunks",
  options: {},
  notes: [
    "向量模型：EMBEDDING_MODEL（经 OPENAI_BASE_URL、OPENAI_API_KEY 调用），未设置时为离线的字符 n-gram 哈希向量。",
    DATABASE_NOTE,
  ],
  examples: ["npm run reembed", "EMBEDDING_MODEL=text-embedding-3-small OPENAI_API_KEY=… npm run reembed"],
});

async function main(): Promise<void> {
  parseCommand(command);
  // Imported once the arguments are read, so that --help and usage errors answer at once.
  const [{ setSetting }, { toVectorLiteral }, { ensureVectorIndex }, { cliDeps }] = await Promise.all([
    import("../src/db/settings-repo.ts"), import("../src/db/sql-client.ts"), import("../src/db/vector-index.ts"), import("./cli-deps.ts"),
  ]);
  const deps = await cliDeps();
  const { rows } = await deps.db.query<{ id: string; section_path: string; text: string }>("SELECT id, section_path, text FROM chunks ORDER BY id");
  const batch = 64;
  for (let i = 0; i < rows.length; i += batch) {
    const slice = rows.slice(i, i + batch);
    const vectors = await deps.embedder.embed(slice.map((row) => (row.section_path ? `${row.section_path}\n${row.text}` : row.text)));
    await deps.db.transaction(async (tx) => {
      for (const [index, row] of slice.entries()) {
        await tx.query("UPDATE chunks SET embedding = $2::vector WHERE id = $1", [row.id, toVectorLiteral(vectors[index])]);
      }
    });
    process.stderr.write(`\r已重新向量化 ${Math.min(i + batch, rows.length)}/${rows.length}`);
  }
  process.stderr.write("\n");
  await setSetting(deps.db, "embedder", deps.embedder.name);
  await ensureVectorIndex(deps.db, deps.embedder.dimension);
  console.log(`完成：${rows.length} 个分块，向量模型 ${deps.embedder.name}`);
  await deps.db.close();
}

void main();
