/** npm run eval:facts — the command line of scripts/eval/facts.ts (extraction and checker benchmark). */
import { defineCommand, parseCommand } from "./cli-args.ts";

const command = defineCommand({
  name: "eval:facts",
  summary: "数字评测：corpus/eval/facts.jsonl 上的抽取精确率和召回率、核对器的检出率和误报率、POST /api/verify 耗时 / facts benchmark",
  options: {
    split: { type: "string", value: "路径片段", description: "只评测文档路径含此片段的标注（如 jiangyu）" },
    verbose: { type: "boolean", default: false, description: "列出每个漏抽、误抽、误报和未检出" },
  },
  notes: ["每次在新的内存数据库中载入示例语料，不读写已配置的数据库。"],
  examples: ["npm run eval:facts", "npm run eval:facts -- --split shiling --verbose"],
});

const { values } = parseCommand(command);
const { run } = await import("./eval/facts.ts");
await run(values);
