/** npm run eval:drafts — the command line of scripts/eval/drafts.ts (drafts scored against the real summaries). */
import { defineCommand, parseCommand, usageError } from "./cli-args.ts";

const MODES = ["facts", "strict"] as const;

const command = defineCommand({
  name: "eval:drafts",
  summary: "起草评测：为语料中每个有上年总结的园区年份离线起草总结，统计核实率、覆盖率、不符和沿用旧数 / drafting benchmark",
  options: {
    mode: { type: "string", value: "facts|strict", description: "只跑一种模式：facts 隐去真实总结的文字，strict 连同其数字一并隐去（默认两种都跑）" },
    verbose: { type: "boolean", default: false, description: "列出每个未覆盖、不符和沿用的数字" },
  },
  notes: ["每次在新的内存数据库中载入示例语料，不读写已配置的数据库。", "退出码：0 达到完成线（facts 模式：不符 0、沿用旧数 0、覆盖率 ≥ 80%），1 未达到。"],
  examples: ["npm run eval:drafts", "npm run eval:drafts -- --mode facts --verbose"],
});

const { values } = parseCommand(command);
const mode = MODES.find((name) => name === values.mode);
if (values.mode !== undefined && !mode) usageError(command, `--mode 须为 facts 或 strict（收到 "${values.mode}"）`);
const { run } = await import("./eval/drafts.ts");
await run({ mode, verbose: values.verbose }).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
