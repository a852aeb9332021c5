/**
 * npm run ask -- "问题" [--park 园区] [--conversation id] [--json] [--corpus]
 * Answers one question against the configured database (DATABASE_URL, else PGlite under DATA_DIR).
 * --corpus answers against a fresh in-memory database loaded with the sample corpus instead.
 */
import { DATABASE_NOTE, defineCommand, parseCommand, usageError } from "./cli-args.ts";

const command = defineCommand({
  name: "ask",
  summary: "用数据库回答一个问题，并列出引用和数字核验结果 / answer one question against the database",
  arguments: '"问题"',
  positionals: true,
  options: {
    park: { type: "string", value: "园区", description: "问题未点名园区时按此园区回答" },
    conversation: { type: "string", value: "会话ID", description: "接着此会话追问（上一轮输出末尾的会话 ID）" },
    json: { type: "boolean", default: false, description: "输出与 POST /api/ask 相同的 JSON" },
    corpus: { type: "boolean", default: false, description: "不用已配置的数据库，改用载入示例语料的内存数据库" },
  },
  notes: [DATABASE_NOTE],
  examples: [
    'npm run ask -- "江屿经济开发区2022年工业总产值是多少？"',
    'npm run ask -- "比上年增长多少？" --conversation 会话ID',
    'npm run ask -- --corpus --json "石岭工业园区2021年规上企业实现利润多少？"',
  ],
});

async function main(): Promise<void> {
  const { values, positionals } = parseCommand(command);
  const question = positionals.join(" ").trim();
  if (!question) usageError(command, "请给出要问的问题");
  // Imported once the arguments are read, so that --help and usage errors answer at once.
  const [{ answerQuestion }, { loadCorpus }, { cliDeps }] = await Promise.all([
    import("../src/answer/answer-question.ts"), import("../src/node/load-corpus.ts"), import("./cli-deps.ts"),
  ]);
  const deps = await cliDeps({ inMemory: values.corpus });
  if (values.corpus) await loadCorpus(deps);
  const started = performance.now();
  const result = await answerQuestion(
    deps,
    { question, park: values.park, conversationId: values.conversation, channel: "cli" },
    { onToken: values.json ? undefined : (text) => process.stdout.write(text) },
  );
  const ms = Math.round(performance.now() - started);
  if (values.json) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    process.stdout.write("\n\n");
    result.citations.forEach((citation, index) => {
      console.log(`[${index + 1}] ${citation.title}${citation.section ? ` · ${citation.section}` : ""}\n    ${citation.quote}`);
    });
    const { summary } = result.verification;
    console.log(`\n模式：${result.mode}；核验：一致 ${summary.verified}，推算 ${summary.derived}，不符 ${summary.mismatch}，无依据 ${summary.unsupported}；用时 ${ms} ms；会话 ${result.conversationId}`);
  }
  await deps.db.close();
}

main().catch((error) => {
  console.error(`错误：${(error as Error).message}`);
  process.exit(1);
});
