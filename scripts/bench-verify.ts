/**
 * npm run bench:verify: POSTs 20 KB texts of figure claims to /api/verify on a fresh in-memory database — bare
 * figures with no punctuation, one long sentence of clauses, prose sentences, one paragraph of period words — and
 * prints each one's claims and median time. Exits 1 when a median exceeds 100 ms (issue 12's number).
 */
import { defineCommand, parseCommand, readInteger } from "./cli-args.ts";

const command = defineCommand({
  name: "bench:verify",
  summary: "向 /api/verify 提交约 20 KB 的数字表述文本，测量每种文本的中位耗时 / verify latency benchmark",
  options: {
    bytes: { type: "string", value: "字节", default: "20000", description: "每段文本的大小（UTF-8 字节）" },
    runs: { type: "string", value: "次数", default: "9", description: "每种文本测量的次数（另加一次预热）" },
  },
  notes: ["在新的内存数据库中运行，不读写已配置的数据库。", "退出码：0 各中位耗时 ≤ 100 ms，1 未达标。"],
  examples: ["npm run bench:verify", "npm run bench:verify -- --bytes 5000 --runs 5"],
});

const { values } = parseCommand(command);
const limitBytes = readInteger(command, "bytes", values.bytes, { min: 100, max: 60_000 });
const runs = readInteger(command, "runs", values.runs, { min: 1, max: 100 });
const LIMIT_MS = 100;
// Imported once the arguments are read, so that --help and usage errors answer at once.
const [{ createApp }, { parseConfig }, { buildNodeDeps }] = await Promise.all([
  import("../src/app.ts"), import("../src/config.ts"), import("../src/node/build-deps.ts"),
]);

const deps = await buildNodeDeps(parseConfig({ LOG_LEVEL: "silent", RATE_LIMIT_PER_MINUTE: "0", RATE_LIMIT_PER_ADDRESS_PER_MINUTE: "0" }), { inMemory: true });
const app = createApp(deps);
const encoder = new TextEncoder();
/** `unit` repeated to just under the byte budget. */
const fill = (unit: string) => unit.repeat(Math.floor(limitBytes / encoder.encode(unit).length));
const shapes: Array<[string, string]> = [
  ["无标点的裸数字", "1亿元"],
  ["一个长句（逗号分句）", "园区工业总产值1亿元，"],
  ["普通句子", "测试园区2023年实现工业总产值352.9亿元，同比增长5.2%。"],
  ["同一段落的期间词", "1—6月，园区完成固定资产投资12.5亿元；"],
];
let failed = false;
for (const [name, unit] of shapes) {
  const text = fill(unit);
  const times: number[] = [];
  let claims = 0;
  for (let run = 0; run < runs + 1; run++) {
    const started = performance.now();
    const response = await app.request("/api/verify", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text }) });
    claims = ((await response.json()) as { claims: unknown[] }).claims.length;
    if (run > 0) times.push(performance.now() - started); // the first run warms the code up
  }
  const median = times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
  if (median > LIMIT_MS) failed = true;
  console.log(`${name.padEnd(12, "　")} ${String(encoder.encode(text).length).padStart(6)} 字节  ${String(claims).padStart(5)} 处数字  中位 ${median.toFixed(0).padStart(4)} ms  最慢 ${Math.max(...times).toFixed(0)} ms${median > LIMIT_MS ? "  超过 100 ms" : ""}`);
}
await deps.db.close();
process.exit(failed ? 1 : 0);
