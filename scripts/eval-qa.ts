/** npm run eval:qa — the command line of scripts/eval/qa.ts (question answering over corpus/eval/qa.jsonl). */
import { defineCommand, parseCommand } from "./cli-args.ts";

const command = defineCommand({
  name: "eval:qa",
  summary: "问答评测：离线回答 corpus/eval/qa.jsonl 中的问题，按题型统计正确率、引用率、拒答和耗时 / QA benchmark",
  options: {
    verbose: { type: "boolean", default: false, description: "列出每一道未通过的题和每个含“不符”的回答" },
    only: { type: "string", value: "q01,q02", description: "只评测这些题号" },
  },
  notes: ["每次在新的内存数据库中载入示例语料，不读写已配置的数据库。", "环境变量 DUMP_ANSWERS=1 把每个回答写到标准错误，便于比较两次运行。"],
  examples: ["npm run eval:qa", "npm run eval:qa -- --only q01,q09 --verbose"],
});

const { values } = parseCommand(command);
const { run } = await import("./eval/qa.ts");
await run(values).catch((error: unknown) => {
  console.error(`错误：${(error as Error).stack ?? error}`);
  process.exit(1);
});
