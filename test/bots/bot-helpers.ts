/**
 * What the bot tests stand on: a local capture server playing each platform's API (nothing leaves the machine),
 * deps whose background work can be awaited, and a test app with the bot routes.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { importStats } from "../../src/ingest/import-stats.ts";
import type { AnswerFn } from "../../src/bots/reply.ts";
import { createApp } from "../../src/app.ts";
import { createTestDeps } from "../helpers/test-deps.ts";
import { SAMPLE_STATS_CSV } from "../routes/route-helpers.ts";

export interface Captured {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: any;
}

export interface Capture {
  url: string;
  requests: Captured[];
  /** Requests whose path starts with `prefix`. */
  to(prefix: string): Captured[];
  /** Answer the next requests to `prefix` with these (status, body) before the platform's success answer. */
  failNext(prefix: string, ...answers: Array<{ status: number; body: unknown }>): void;
  close(): Promise<void>;
}

/** The platforms' success answers, by path. */
function platformAnswer(path: string): unknown {
  if (path.startsWith("/cgi-bin/gettoken")) return { errcode: 0, errmsg: "ok", access_token: "wecom-access-token", expires_in: 7200 };
  if (path.startsWith("/cgi-bin/message/send")) return { errcode: 0, errmsg: "ok", msgid: "m1" };
  if (path.startsWith("/open-apis/auth/v3/tenant_access_token/internal")) return { code: 0, msg: "ok", tenant_access_token: "t-feishu-token", expire: 7200 };
  if (path.startsWith("/open-apis/im/v1/messages/")) return { code: 0, msg: "success", data: {} };
  if (/^\/bot[^/]+\/sendMessage/.test(path)) return { ok: true, result: { message_id: 2 } };
  if (/^\/bot[^/]+\/getMe/.test(path)) return { ok: true, result: { id: 42, is_bot: true, first_name: "园区助手", username: "park_helper_bot" } };
  if (path.startsWith("/open-apis/bot/v3/info")) return { code: 0, msg: "ok", bot: { open_id: "ou_bot", app_name: "园区助手" } };
  if (path.startsWith("/robot/sendBySession")) return { errcode: 0, errmsg: "ok" };
  return { error: "unknown path" };
}

export async function startCapture(): Promise<Capture> {
  const requests: Captured[] = [];
  const queued: Array<{ prefix: string; status: number; body: unknown }> = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      requests.push({ method: request.method ?? "", path: request.url ?? "", headers: request.headers, body });
      const at = queued.findIndex((answer) => (request.url ?? "").startsWith(answer.prefix));
      const answer = at >= 0 ? queued.splice(at, 1)[0] : { status: 200, body: platformAnswer(request.url ?? "") };
      response.writeHead(answer.status, { "content-type": "application/json" });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url, requests,
    to: (prefix) => requests.filter((request) => request.path.startsWith(prefix)),
    failNext: (prefix, ...answers) => queued.push(...answers.map((answer) => ({ prefix, ...answer }))),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export type BotDeps = Awaited<ReturnType<typeof createTestDeps>> & { settle(): Promise<void> };

/** Deps with the sample statistics (示范园区 2023 工业总产值 202.3亿元) and awaitable background work. */
export async function botDeps(env: Record<string, string>, overrides: Parameters<typeof createTestDeps>[0] = {}): Promise<BotDeps> {
  const tasks: Promise<unknown>[] = [];
  const deps = await createTestDeps({ env: { BOT_PARK: "示范园区", PUBLIC_BASE_URL: "https://zhushou.example.gov.cn", ...env }, background: (task) => tasks.push(task), ...overrides });
  if (!overrides.db) await importStats(deps.db, SAMPLE_STATS_CSV);
  return Object.assign(deps, {
    async settle() {
      while (tasks.length) await Promise.allSettled(tasks.splice(0));
    },
  });
}

/** The app as served, with the bots' answer verb or passive budget varied when a test says so. */
export function botApp(deps: BotDeps, options?: { answer?: AnswerFn; passiveMs?: number }) {
  return createApp(deps, { bots: options });
}

/** An answer verb that takes `ms` before answering as the real one does. */
export function slowAnswer(ms: number, real: AnswerFn): AnswerFn {
  return async (deps, input) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return real(deps, input);
  };
}
