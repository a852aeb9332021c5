/** npm run reembed: re-embed every chunk with the configured embedder (after switching EMBEDDING_MODEL). */
import { setSetting } from "../src/db/settings-repo.ts";
import { toVectorLiteral } from "../src/db/sql-client.ts";
import { ensureVectorIndex } from "../src/db/vector-index.ts";
import { cliDeps } from "./cli-deps.ts";

async function main(): Promise<void> {
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
