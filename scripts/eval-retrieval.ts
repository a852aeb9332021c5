/** npm run eval:retrieval — the command line of scripts/eval/retrieval.ts (recall@5 and MRR of the search modes). */
import { defineCommand, parseCommand } from "./cli-args.ts";

const command = defineCommand({
  name: "eval:retrieval",
  summary: "检索评测：向量、全文和混合检索在 corpus/eval/retrieval.jsonl 上的 recall@5 与 MRR / retrieval benchmark",
  options: {},
  notes: ["每次在新的内存数据库中载入示例语料，不读写已配置的数据库。全文检索分别用字二元组和结巴分词各测一次。", "环境变量 SHOW_MISSES=1 列出未命中的查询。"],
  examples: ["npm run eval:retrieval", "SHOW_MISSES=1 npm run eval:retrieval"],
});

parseCommand(command);
const { run } = await import("./eval/retrieval.ts");
await run();
