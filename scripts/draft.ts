/**
 * npm run draft -- --park 江屿经济开发区 --year 2021 --kind summary [--sections 经济运行,安全环保]
 *   [--instructions "…"] [--out file.docx|file.md] [--offline] [--corpus] [--json]
 * Drafts a 工作总结 or 工作计划 against the configured database (DATABASE_URL, else PGlite under DATA_DIR);
 * --corpus drafts against a fresh in-memory database loaded with the sample corpus instead.
 * Prints the Markdown (or writes --out: .docx in 公文 layout, else Markdown) and the verification summary.
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { draftDocument } from "../src/draft/draft-document.ts";
import { draftToDocx } from "../src/draft/export-docx.ts";
import { loadCorpus, loadCorpusIfEmpty } from "../src/node/load-corpus.ts";
import { cliDeps } from "./cli-deps.ts";

const USAGE = "用法：npm run draft -- --park 园区 --year 2021 --kind summary|plan [--sections 经济运行,安全环保] [--out 初稿.docx] [--offline] [--corpus] [--json]";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      park: { type: "string" },
      year: { type: "string" },
      kind: { type: "string", default: "summary" },
      sections: { type: "string" },
      instructions: { type: "string" },
      out: { type: "string" },
      offline: { type: "boolean", default: false },
      corpus: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
  });
  const year = Number(values.year);
  if (!values.park || !Number.isInteger(year) || (values.kind !== "summary" && values.kind !== "plan")) {
    console.error(USAGE);
    process.exit(2);
  }
  const deps = await cliDeps({ inMemory: values.corpus });
  if (values.corpus) await loadCorpus(deps);
  else if (deps.config.loadCorpus === "auto") await loadCorpusIfEmpty(deps);
  const draft = await draftDocument({
    deps,
    input: {
      park: values.park, year, kind: values.kind,
      sections: values.sections?.split(/[,，、]/).map((name) => name.trim()).filter(Boolean),
      instructions: values.instructions,
    },
    options: { offline: values.offline },
  });
  if (values.out) {
    const bytes = values.out.toLowerCase().endsWith(".docx") ? await draftToDocx(draft.markdown, draft.title) : new TextEncoder().encode(draft.markdown);
    await writeFile(values.out, bytes);
  }
  if (values.json) console.log(JSON.stringify(draft, null, 2));
  else if (!values.out) console.log(draft.markdown);
  const { summary } = draft.verification;
  const missing = (draft.markdown.match(/【待补充/g) ?? []).length;
  const check = (draft.markdown.match(/【待核实/g) ?? []).length;
  for (const note of [...draft.notes, ...draft.sections.flatMap((section) => section.notes.map((text) => `${section.title}：${text}`))]) console.error(`注：${note}`);
  console.error(`核验：一致 ${summary.verified}，推算 ${summary.derived}，不符 ${summary.mismatch}，无依据 ${summary.unsupported}；待补充 ${missing} 处，待核实 ${check} 处${values.out ? `；已写入 ${values.out}` : ""}`);
  await deps.db.close();
}

main().catch((error) => {
  console.error(`错误：${(error as Error).message}`);
  process.exit(1);
});
