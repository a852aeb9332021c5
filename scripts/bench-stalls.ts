/**
 * npm run bench:stalls [-- --doc-mb 6 --csv-rows 100000]: starts the app on a fresh in-memory database, uploads a
 * large document (the sample corpus repeated to --doc-mb MB, as a .txt) and imports a --csv-rows statistics CSV at
 * the same time, and polls /healthz every 50 ms meanwhile. Prints the upload and import times and /healthz
 * p50/p99/max; exits 1 when p99 exceeds 500 ms or the CSV import exceeds 10 s (issue 12's numbers).
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { defineCommand, parseCommand, readInteger } from "./cli-args.ts";

const command = defineCommand({
  name: "bench:stalls",
  summary: "大文档上传与大统计表导入同时进行时，测量 /healthz 的响应时间和导入耗时 / stall benchmark",
  options: {
    "doc-mb": { type: "string", value: "MB", default: "6", description: "上传文档的大小（示例语料重复拼接）" },
    "csv-rows": { type: "string", value: "行数", default: "100000", description: "导入统计表的行数" },
  },
  notes: ["在新的内存数据库中运行，不读写已配置的数据库。", "退出码：0 达标（/healthz p99 ≤ 500 ms，CSV 导入 ≤ 10 s，两项请求成功），1 未达标。"],
  examples: ["npm run bench:stalls", "npm run bench:stalls -- --doc-mb 2 --csv-rows 20000"],
});

const { values } = parseCommand(command);
const docBytes = readInteger(command, "doc-mb", values["doc-mb"], { min: 1, max: 200 }) * 1024 * 1024;
const csvRows = readInteger(command, "csv-rows", values["csv-rows"], { min: 1 });
// Imported once the arguments are read, so that --help and usage errors answer at once.
const [{ serve }, { createApp }, { parseConfig }, { buildNodeDeps }] = await Promise.all([
  import("@hono/node-server"), import("../src/app.ts"), import("../src/config.ts"), import("../src/node/build-deps.ts"),
]);

const root = path.resolve(import.meta.dirname, "../corpus");
const pieces: string[] = [];
for (const folder of ["jiangyu", "shiling"]) {
  for (const name of (await readdir(path.join(root, folder))).sort()) pieces.push(await readFile(path.join(root, folder, name), "utf8"));
}
let text = "";
for (let round = 0; Buffer.byteLength(text) < docBytes; round++) text += `\n第${round + 1}部分\n${pieces.join("\n")}`;
const csv = ["park,period,indicator,value,unit"];
for (let i = 0; i < csvRows; i++) csv.push(`负载园区${i % 100},${2000 + (i % 25)},负载指标${Math.floor(i / 2500)},${(i % 9973) + 0.5},亿元`);

const deps = await buildNodeDeps(parseConfig({ LOG_LEVEL: "silent" }), { inMemory: true });
const app = createApp(deps);
const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
  const started = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(started));
});
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const health: number[] = [];
/** Connection resets of the polling client's kept-alive sockets, counted apart from the latencies. */
let healthErrors = 0;
const healthErrorCauses = new Map<string, number>();
let polling = true;
const poll = (async () => {
  while (polling) {
    const started = performance.now();
    const ok = await fetch(`${base}/healthz`).then((response) => response.arrayBuffer().then(() => response.ok), (error: Error) => {
      const cause = String((error.cause as { code?: string } | undefined)?.code ?? error.cause ?? error.message);
      healthErrorCauses.set(cause, (healthErrorCauses.get(cause) ?? 0) + 1);
      return false;
    });
    if (ok) health.push(performance.now() - started);
    else healthErrors++;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
})();

const timed = async (label: string, run: () => Promise<Response>) => {
  const started = performance.now();
  try {
    const response = await run();
    const body = await response.text();
    return { label, status: response.status, ms: performance.now() - started, body: body.slice(0, 120) };
  } catch (error) {
    return { label, status: 599, ms: performance.now() - started, body: String((error as Error).cause ?? error) };
  }
};
const form = new FormData();
form.append("file", new Blob([text], { type: "text/plain" }), "large-summary.txt");
form.append("park", "负载测试园区");
form.append("year", "2024");
const results = await Promise.all([
  timed(`document ${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MB`, () => fetch(`${base}/api/documents`, { method: "POST", body: form })),
  timed(`CSV ${csvRows} rows`, () => fetch(`${base}/api/stats`, { method: "POST", headers: { "content-type": "text/csv" }, body: csv.join("\n") })),
]);
polling = false;
await poll;
server.close();
await deps.db.close();

const sorted = [...health].sort((a, b) => a - b);
const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
for (const result of results) console.log(`${result.label}: HTTP ${result.status}, ${(result.ms / 1000).toFixed(1)} s ${result.status >= 300 ? result.body : ""}`);
console.log(`/healthz during them: ${health.length} requests, p50 ${at(0.5).toFixed(0)} ms, p99 ${at(0.99).toFixed(0)} ms, max ${sorted.at(-1)?.toFixed(0)} ms, ${healthErrors} failed${healthErrorCauses.size ? ` (${[...healthErrorCauses].map(([cause, count]) => `${cause} ×${count}`).join(", ")})` : ""}`);
const csvMs = results[1].ms;
const failed = at(0.99) > 500 || csvMs > 10_000 || results.some((result) => result.status >= 300);
if (failed) console.log("未达标：/healthz p99 须 ≤ 500 ms，CSV 导入须 ≤ 10 s，两项请求须成功。");
process.exit(failed ? 1 : 0);
