/** npm run eval:real — the command line of scripts/eval/real.ts (real documents scored through the HTTP API). */
import path from "node:path";
import { defineCommand, parseCommand, usageError } from "./cli-args.ts";

const MODES = ["named", "inferred", "both"] as const;

const command = defineCommand({
  name: "eval:real",
  summary: "真实文档评测：经 HTTP API 上传真实文档、提问并核对改动过的句子，统计答对、引用证据和检出率 / real-document benchmark",
  options: {
    dir: { type: "string", value: "目录", default: path.resolve(import.meta.dirname, "../../shared/realdocs"), description: "评测数据目录（含 docs/、questions.jsonl、perturbed.jsonl）" },
    mode: { type: "string", value: "named|inferred|both", default: "both", description: "named 上传时给出园区名，inferred 由系统推断，both 两种都跑" },
    verbose: { type: "boolean", default: false, description: "列出上传结果、未抽取的数字、核对问题和未通过的题" },
    empty: { type: "boolean", default: false, description: "不先载入示例语料" },
  },
  notes: ["每次在新的内存数据库中运行，不读写已配置的数据库。"],
  examples: ["npm run eval:real", "npm run eval:real -- --dir ../shared/realdocs --mode inferred --verbose"],
});

const { values } = parseCommand(command);
const mode = MODES.find((name) => name === values.mode);
if (!mode) usageError(command, `--mode 须为 named、inferred 或 both（收到 "${values.mode}"）`);
const { run } = await import("./eval/real.ts");
await run({ dir: values.dir, mode, verbose: values.verbose, empty: values.empty }).catch((error: unknown) => {
  console.error(`错误：${(error as Error).stack ?? error}`);
  process.exit(1);
});
