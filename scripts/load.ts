/**
 * npm run load [-- --duration 10 --connections 10 --sse-clients 200 --sse-seconds 60 --json]
 * A load test in one run, on the app as `npm start` serves it (embedded PGlite in a temporary DATA_DIR, the sample
 * corpus, API_TOKENS with one reader token), in a worker thread of this process; the load comes from the main thread.
 *  (a) figure questions on POST /api/ask, then a bare Hono handler doing one PGlite facts lookup, with autocannon:
 *      req/s, p50/p95/p99 latency, errors and non-2xx, and the ratio ask/bare;
 *  (b) concurrent SSE chats on POST /api/ask (`Accept: text/event-stream`): completed streams, errors, p50/p95/p99
 *      time to the first event and to `done`.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { defineCommand, parseCommand, readInteger } from "./cli-args.ts";
import type { Result as AutocannonResult } from "autocannon";
import type { ServerWorkerData, ServerWorkerMessage } from "./load/server-worker.ts";
import type { Percentiles, SseChatResult } from "./load/sse-chats.ts";
import { formatTable } from "./text-table.ts";

const command = defineCommand({
  name: "load",
  summary: "压力测试：数字问题的 POST /api/ask 与裸 Hono 处理器对比，以及大量并发 SSE 对话 / load test",
  options: {
    duration: { type: "string", value: "秒", default: "10", description: "(a) 两个阶段各压测的秒数" },
    connections: { type: "string", value: "个", default: "10", description: "(a) 并发连接数" },
    "sse-clients": { type: "string", value: "个", default: "200", description: "(b) 并发 SSE 对话数" },
    "sse-seconds": { type: "string", value: "秒", default: "60", description: "(b) SSE 阶段的秒数（此时进行中的对话会读完）" },
    json: { type: "boolean", default: false, description: "在标准输出只打印 JSON 结果（进度仍写到标准错误）" },
  },
  notes: [
    "服务在本进程的工作线程中运行：临时 DATA_DIR 下的内置 PGlite，载入示例语料，API_TOKENS 设一个 reader 令牌，限流关闭，离线回答；",
    "不读写已配置的数据库，也不调用大模型。压测客户端（autocannon 与 SSE 客户端）在主线程。",
    "(a) 的数字问题取自 corpus/eval/qa.jsonl；(b) 的对话轮流提这些问题和两个开放问题。",
  ],
  examples: ["npm run load", "npm run load -- --duration 5 --sse-clients 50 --sse-seconds 20", "npm run load -- --json > load.json"],
});

/** Figure questions of the sample corpus (corpus/eval/qa.jsonl q01–q08): both parks, several years and indicators. */
const FIGURE_QUESTIONS = [
  "江屿经济开发区2022年工业总产值是多少？",
  "石岭工业园区2021年规上企业实现利润多少？",
  "江屿开发区2024年工业用电量是多少",
  "石岭园区2023年从业人员有多少人？",
  "石岭工业园区2024年末有多少家规上企业？",
  "石岭2020年上缴税金是多少",
] as const;
/** Open questions (q77, q81), answered from passages: the chats ask these too. */
const OPEN_QUESTIONS = ["2022年石岭在招商和项目建设方面做了哪些工作？", "江屿2024年安全环保工作做了什么"] as const;

const { values } = parseCommand(command);
const settings = {
  duration: readInteger(command, "duration", values.duration, { min: 1, max: 3600 }),
  connections: readInteger(command, "connections", values.connections, { min: 1, max: 10_000 }),
  sseClients: readInteger(command, "sse-clients", values["sse-clients"], { min: 1, max: 10_000 }),
  sseSeconds: readInteger(command, "sse-seconds", values["sse-seconds"], { min: 1, max: 3600 }),
};
// Imported once the arguments are read, so that --help and usage errors answer at once.
const [{ default: autocannon }, { percentilesOf, runSseChats }] = await Promise.all([import("autocannon"), import("./load/sse-chats.ts")]);

const progress = (line: string) => process.stderr.write(`${line}\n`);

/** The server worker: a TypeScript module, so the worker registers tsx before importing it. */
function startServer(data: ServerWorkerData): { worker: Worker; ready: Promise<Extract<ServerWorkerMessage, { type: "ready" }>> } {
  const tsx = import.meta.resolve("tsx/esm/api");
  const file = new URL("./load/server-worker.ts", import.meta.url).href;
  const worker = new Worker(`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(file)}); });`, {
    eval: true, workerData: data,
  });
  const ready = new Promise<Extract<ServerWorkerMessage, { type: "ready" }>>((resolve, reject) => {
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`服务线程提前退出（${code}）`)));
    worker.once("message", (message: ServerWorkerMessage) => (message.type === "ready" ? resolve(message) : reject(new Error("服务线程未就绪"))));
  });
  return { worker, ready };
}

async function stopServer(worker: Worker): Promise<void> {
  const closed = new Promise((resolve) => worker.once("message", resolve));
  worker.removeAllListeners("exit");
  worker.postMessage({ type: "close" });
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  await worker.terminate();
}

interface PhaseResult {
  requestsPerSecond: number;
  latencyMs: Percentiles;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

/** One autocannon phase: the bodies are sent in turn on every connection; latencies come from each response. */
async function hammer(url: string, route: string, token: string): Promise<PhaseResult> {
  const latencies: number[] = [];
  const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon({
      url, connections: settings.connections, duration: settings.duration,
      requests: FIGURE_QUESTIONS.map((question) => ({ method: "POST", path: route, headers, body: JSON.stringify({ question }) })),
    }, (error, outcome) => (error ? reject(error) : resolve(outcome)));
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  return {
    requestsPerSecond: result.requests.average,
    latencyMs: percentilesOf(latencies),
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Each question once, as JSON: the figure questions must be answered by the figure path, and a call without a token refused. */
async function checkAnswers(url: string, token: string): Promise<Array<{ question: string; mode: string; ms: number }>> {
  const refused = await fetch(`${url}/api/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: FIGURE_QUESTIONS[0] }) });
  await refused.arrayBuffer();
  if (refused.status !== 401) throw new Error(`没有令牌的请求应得到 401，实际为 ${refused.status}：鉴权未开启`);
  const checked = [];
  for (const question of [...FIGURE_QUESTIONS, ...OPEN_QUESTIONS]) {
    const started = performance.now();
    const response = await fetch(`${url}/api/ask`, {
      method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ question }),
    });
    const body = (await response.json()) as { mode?: string };
    if (response.status !== 200) throw new Error(`预检失败：「${question}」得到 HTTP ${response.status}`);
    const figure = (FIGURE_QUESTIONS as readonly string[]).includes(question);
    if (figure && body.mode !== "figure") throw new Error(`预检失败：数字问题「${question}」的回答模式为 ${body.mode}，不是 figure`);
    checked.push({ question, mode: body.mode ?? "?", ms: Math.round(performance.now() - started) });
  }
  return checked;
}

const ms = (value: number) => (Number.isNaN(value) ? "—" : value.toFixed(1));
const times = (value: number) => `${value.toFixed(value >= 10 ? 1 : 2)}×`;

function report(results: { corpus: { documents: number; facts: number; loadMs: number }; checked: Awaited<ReturnType<typeof checkAnswers>>; ask: PhaseResult; bare: PhaseResult; sse: SseChatResult }): string {
  const { ask, bare, sse } = results;
  const phaseRow = (label: string, phase: PhaseResult) => [
    label, phase.requestsPerSecond.toFixed(1), ms(phase.latencyMs.p50), ms(phase.latencyMs.p95), ms(phase.latencyMs.p99),
    String(phase.requests), String(phase.errors), String(phase.non2xx),
  ];
  const errorKinds = Object.entries(sse.errorKinds).map(([kind, count]) => `${kind} ${count}`).join("，");
  return [
    `负载测试 — 服务：内置 PGlite（临时 DATA_DIR），示例语料 ${results.corpus.documents} 篇文档、${results.corpus.facts} 条数字（载入 ${(results.corpus.loadMs / 1000).toFixed(1)} s），reader 令牌，离线回答`,
    "",
    "问题（预检，各一次）：",
    ...results.checked.map((entry) => `  ${entry.mode.padEnd(9)} ${String(entry.ms).padStart(5)} ms  ${entry.question}`),
    "",
    `(a) 数字问题 POST /api/ask 与裸 Hono 处理器（一次 facts 查询），autocannon，${settings.connections} 个连接，各 ${settings.duration} s`,
    "",
    formatTable(["", "请求/秒", "p50 ms", "p95 ms", "p99 ms", "请求数", "错误", "非 2xx"], [
      phaseRow("POST /api/ask（数字问题）", ask),
      phaseRow("裸 Hono + PGlite 查询", bare),
      ["比值 ask/裸", times(ask.requestsPerSecond / bare.requestsPerSecond), times(ask.latencyMs.p50 / bare.latencyMs.p50),
        times(ask.latencyMs.p95 / bare.latencyMs.p95), times(ask.latencyMs.p99 / bare.latencyMs.p99), "", "", ""],
    ]),
    "",
    `(b) ${sse.clients} 个并发 SSE 对话（POST /api/ask，Accept: text/event-stream），${sse.seconds} s（最后一个流结束于 ${sse.wallSeconds} s）`,
    "",
    formatTable(["", "个数", "每秒", "p50 ms", "p95 ms", "p99 ms"], [
      ["开始的对话", String(sse.started), "", "", "", ""],
      ["完成（收到 done）", String(sse.completed), sse.streamsPerSecond.toFixed(1), "", "", ""],
      ["错误", String(sse.errors), "", "", "", ""],
      ["到首个事件", "", "", ms(sse.firstEventMs.p50), ms(sse.firstEventMs.p95), ms(sse.firstEventMs.p99)],
      ["到 done", "", "", ms(sse.doneMs.p50), ms(sse.doneMs.p95), ms(sse.doneMs.p99)],
    ]),
    ...(errorKinds ? ["", `错误分类：${errorKinds}`] : []),
  ].join("\n");
}

const dataDir = await mkdtemp(path.join(tmpdir(), "park-load-"));
const token = randomBytes(24).toString("base64url");
const { worker, ready } = startServer({ dataDir, token });
let failed = false;
try {
  progress(`正在启动服务并载入示例语料（DATA_DIR=${dataDir}）…`);
  const server = await ready;
  const checked = await checkAnswers(server.appUrl, token);
  progress(`(a) POST /api/ask：${settings.connections} 个连接，${settings.duration} s…`);
  const ask = await hammer(server.appUrl, "/api/ask", token);
  progress(`(a) 裸 Hono 处理器：${settings.connections} 个连接，${settings.duration} s…`);
  const bare = await hammer(server.bareUrl, "/bare", token);
  progress(`(b) ${settings.sseClients} 个并发 SSE 对话，${settings.sseSeconds} s…`);
  const sse = await runSseChats({
    url: server.appUrl, token, questions: [...FIGURE_QUESTIONS, ...OPEN_QUESTIONS], clients: settings.sseClients, seconds: settings.sseSeconds,
  });
  const corpus = { documents: server.documents, facts: server.facts, loadMs: Math.round(server.loadMs) };
  const results = { corpus, checked, ask, bare, sse };
  if (values.json) {
    const ratio = { requestsPerSecond: ask.requestsPerSecond / bare.requestsPerSecond, p50: ask.latencyMs.p50 / bare.latencyMs.p50 };
    console.log(JSON.stringify({ settings, ...results, ratio }, null, 2));
  } else console.log(report(results));
  failed = ask.errors + ask.non2xx + bare.errors + bare.non2xx + sse.errors > 0;
} catch (error) {
  console.error(`错误：${(error as Error).message}`);
  failed = true;
} finally {
  await stopServer(worker);
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
