/**
 * npm run ask -- "问题" [--park 园区] [--conversation id] [--json] [--corpus]
 * Answers one question against the configured database (DATABASE_URL, else PGlite under DATA_DIR).
 * --corpus answers against a fresh in-memory database loaded with the sample corpus instead.
 */
import { parseArgs } from "node:util";
import { answerQuestion } from "../src/answer/answer-question.ts";
import { loadCorpus } from "../src/node/load-corpus.ts";
import { cliDeps } from "./cli-deps.ts";

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      park: { type: "string" },
      conversation: { type: "string" },
      json: { type: "boolean", default: false },
      corpus: { type: "boolean", default: false },
    },
  });
  const question = positionals.join(" ").trim();
  if (!question) {
    console.error('用法：npm run ask -- "2022年工业总产值是多少？" [--park 园区] [--conversation 会话ID] [--json] [--corpus]');
    process.exit(2);
  }
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
