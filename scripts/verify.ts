/**
 * npm run verify -- "文本" | --file 初稿.docx [--park P] [--year Y] [--json] [--corpus]
 * Checks every figure of a text against the configured database, as POST /api/verify does (the same verb, the
 * same ports, the same JSON with --json). Exit 0 when every figure is verified or derived, 1 when one is not
 * (or on an error), 2 on a usage error.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { DATABASE_NOTE, defineCommand, parseCommand, readInteger, usageError } from "./cli-args.ts";

const command = defineCommand({
  name: "verify",
  summary: "用数据库逐一核对一段文字中的每个数字，与 POST /api/verify 相同 / check a text's figures against the database",
  arguments: '"文本"',
  positionals: true,
  options: {
    file: { type: "string", value: "文件", description: "核对文件（.txt/.md/.docx/.pdf；- 表示标准输入），代替命令行上的文本" },
    park: { type: "string", value: "园区", description: "文字未点名园区时按此园区核对" },
    year: { type: "string", value: "年份", description: "句子未写年份时按此年份核对" },
    json: { type: "boolean", default: false, description: "输出与 POST /api/verify 相同的 JSON" },
    corpus: { type: "boolean", default: false, description: "不用已配置的数据库，改用载入示例语料的内存数据库" },
  },
  notes: [
    DATABASE_NOTE,
    "数据库为空时先载入 corpus/ 中的示例语料（LOAD_CORPUS=never 则不载入）。",
    "退出码：0 每个数字都已核实或可由数据库计算，1 有不符或无依据的数字（或出错），2 参数错误。",
  ],
  examples: [
    'npm run verify -- "2022年江屿经济开发区规上企业实现工业总产值352.9亿元。"',
    "npm run verify -- --file 2024年工作总结初稿.docx --park 江屿经济开发区 --year 2024",
    "cat 初稿.txt | npm run verify -- --file - --json",
  ],
});

async function readText(file: string): Promise<string> {
  const { loadFile } = await import("../src/ingest/load-file.ts");
  if (file === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return (await loadFile("stdin.txt", new Uint8Array(Buffer.concat(chunks)))).text;
  }
  const bytes = await readFile(file).catch(() => usageError(command, `找不到：${file}`));
  return (await loadFile(path.basename(file), new Uint8Array(bytes))).text;
}

/** 第N行 of an offset, for pointing at a figure in a file. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf("\n"); index !== -1 && index < offset; index = text.indexOf("\n", index + 1)) line++;
  return line;
}

async function main(): Promise<void> {
  const { values, positionals } = parseCommand(command);
  if (values.file !== undefined && positionals.length) usageError(command, "请只给出文本或 --file 其中之一");
  const year = readInteger(command, "year", values.year, { min: 1949, max: 2100 });
  const text = values.file !== undefined ? await readText(values.file) : positionals.join(" ");
  if (!text.trim()) usageError(command, values.file !== undefined ? `文件中没有文字：${values.file}` : "请给出要核对的文本，或用 --file 给出文件");
  // Imported once the arguments are read, so that --help and usage errors answer at once.
  const [{ verifyText }, { verifyDeps }, { toApiVerification }, { loadCorpus, loadCorpusIfEmpty }, { CLAIM_STATUS_TEXT, verificationCounts }, { cliDeps }] =
    await Promise.all([
      import("../src/verify/verify-text.ts"), import("../src/db/verify-ports.ts"), import("../src/answer/api-verification.ts"),
      import("../src/node/load-corpus.ts"), import("../src/domain/claim-status.ts"), import("./cli-deps.ts"),
    ]);
  const deps = await cliDeps({ inMemory: values.corpus });
  if (values.corpus) await loadCorpus(deps);
  else if (deps.config.loadCorpus === "auto") await loadCorpusIfEmpty(deps);
  const verification = await verifyText(verifyDeps(deps.db), { text, park: values.park, year });
  await deps.db.close();

  if (values.json) console.log(JSON.stringify(toApiVerification(verification), null, 2));
  else {
    const multiline = text.includes("\n");
    for (const claim of verification.claims) {
      const mark = claim.status === "verified" || claim.status === "derived" ? "✓" : "✗";
      const where = multiline ? `第${lineOf(text, claim.start)}行 ` : "";
      const context = text.slice(Math.max(0, claim.start - 16), claim.end + 4).replace(/\s+/g, " ");
      const expected = claim.expected ? `；数据库为 ${claim.expected.value}${claim.expected.unit}` : "";
      console.log(`${mark} ${CLAIM_STATUS_TEXT[claim.status]}  ${claim.text}  ${where}「…${context}…」${expected}${claim.reason ? `（${claim.reason}）` : ""}`);
    }
    console.log(verification.claims.length ? `\n核对结果：${verificationCounts(verification.summary)}` : "文中没有可核对的数字。");
  }
  const { mismatch, unsupported } = verification.summary;
  process.exitCode = mismatch + unsupported > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(`错误：${(error as Error).message}`);
  process.exit(1);
});
