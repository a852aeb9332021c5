/**
 * npm run draft -- --park 江屿经济开发区 --year 2021 --kind summary [--sections 经济运行,安全环保]
 *   [--instructions "…"] [--out file.docx|file.md] [--offline] [--corpus] [--json]
 * Drafts a 工作总结 or 工作计划 against the configured database (DATABASE_URL, else PGlite under DATA_DIR);
 * --corpus drafts against a fresh in-memory database loaded with the sample corpus instead.
 * Prints the Markdown (or writes --out: .docx in 公文 layout, else Markdown) and the verification summary.
 */
import { writeFile } from "node:fs/promises";
import { DATABASE_NOTE, defineCommand, parseCommand, readInteger, usageError } from "./cli-args.ts";

const command = defineCommand({
  name: "draft",
  summary: "按某年的数字起草工作总结或工作计划，并核对初稿中的每个数字 / draft a summary or plan",
  options: {
    park: { type: "string", value: "园区", description: "园区名称（必填）" },
    year: { type: "string", value: "年份", description: "总结或计划的年份（必填）" },
    kind: { type: "string", value: "summary|plan", default: "summary", description: "summary 工作总结，plan 工作计划" },
    sections: { type: "string", value: "章节,…", description: "只起草这些章节（逗号或顿号分隔）" },
    instructions: { type: "string", value: "要求", description: "给起草的补充要求（接入大模型时使用）" },
    out: { type: "string", value: "文件", description: "写入文件：.docx 为公文格式 Word，其他为 Markdown" },
    offline: { type: "boolean", default: false, description: "不调用大模型，只用离线起草" },
    corpus: { type: "boolean", default: false, description: "不用已配置的数据库，改用载入示例语料的内存数据库" },
    json: { type: "boolean", default: false, description: "输出完整 JSON（章节、核验结果）" },
  },
  notes: [
    DATABASE_NOTE,
    "数据库为空时先载入 corpus/ 中的示例语料。",
    "初稿中 【待补充】 表示数据库无此数，【待核实】 表示核验未能确认的数字。",
  ],
  examples: [
    "npm run draft -- --park 江屿经济开发区 --year 2024 --kind summary",
    "npm run draft -- --park 石岭工业园区 --year 2025 --kind plan --out 2025年工作计划.docx",
    "npm run draft -- --corpus --park 江屿经济开发区 --year 2023 --sections 经济运行,安全环保",
  ],
});

async function main(): Promise<void> {
  const { values } = parseCommand(command);
  if (!values.park) usageError(command, "请用 --park 给出园区");
  if (values.year === undefined) usageError(command, "请用 --year 给出年份");
  const year = readInteger(command, "year", values.year, { min: 1949, max: 2100 });
  const kind = values.kind;
  if (kind !== "summary" && kind !== "plan") usageError(command, `--kind 须为 summary 或 plan（收到 "${kind}"）`);
  // Imported once the arguments are read, so that --help and usage errors answer at once.
  const [{ draftDocument }, { draftToDocx }, { loadCorpus, loadCorpusIfEmpty }, { cliDeps }] = await Promise.all([
    import("../src/draft/draft-document.ts"), import("../src/draft/export-docx.ts"), import("../src/node/load-corpus.ts"),
    import("./cli-deps.ts"),
  ]);
  const deps = await cliDeps({ inMemory: values.corpus });
  if (values.corpus) await loadCorpus(deps);
  else if (deps.config.loadCorpus === "auto") await loadCorpusIfEmpty(deps);
  const draft = await draftDocument({
    deps,
    input: {
      park: values.park, year, kind,
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
