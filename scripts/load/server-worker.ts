/**
 * The server side of `npm run load`, run in a worker thread of the load process: the app on embedded PGlite under
 * the given DATA_DIR with the sample corpus loaded and one reader token, as `npm start` serves it, and beside it a
 * bare Hono handler on the same database that does one facts lookup. The load generator runs on the main thread,
 * so the server keeps an event loop (and, on two cores, a core) of its own.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parentPort, workerData } from "node:worker_threads";
import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";
import { createApp } from "../../src/app.ts";
import { parseConfig } from "../../src/config.ts";
import { buildNodeDeps } from "../../src/node/build-deps.ts";
import { loadCorpusIfEmpty } from "../../src/node/load-corpus.ts";

export interface ServerWorkerData {
  dataDir: string;
  token: string;
}

export type ServerWorkerMessage =
  | { type: "ready"; appUrl: string; bareUrl: string; documents: number; facts: number; loadMs: number }
  | { type: "closed" };

/** The park and year the bare handler looks up (any park of the sample corpus would do). */
export const BARE_LOOKUP = { park: "江屿经济开发区", period: "2022" };

const { dataDir, token } = workerData as ServerWorkerData;
const port = parentPort!;

// Only what is set here: the caller's model or database variables must not change what is measured.
// LOG_LEVEL error keeps the per-request info line out of the measurement, and the sample corpus's deliberate
// statistics-vs-document warnings out of the output.
// The rate limits are off: this measures what the server can serve, not what one token is allowed.
const config = parseConfig({ DATA_DIR: dataDir, API_TOKENS: `load:reader:${token}`, LOG_LEVEL: "error", LOAD_CORPUS: "auto", RATE_LIMIT_PER_MINUTE: "0", RATE_LIMIT_PER_ADDRESS_PER_MINUTE: "0" });
const started = performance.now();
const deps = await buildNodeDeps(config);
const loaded = await loadCorpusIfEmpty(deps);
const loadMs = performance.now() - started;

const bare = new Hono();
bare.post("/bare", async (context) => {
  await context.req.json();
  const { rows } = await deps.db.query<{ id: string; value: number; unit: string }>(
    "SELECT id, value, unit FROM facts WHERE park = $1 AND period = $2 LIMIT 5",
    [BARE_LOOKUP.park, BARE_LOOKUP.period],
  );
  return context.json({ facts: rows });
});

const listen = (fetch: (request: Request) => Response | Promise<Response>) =>
  new Promise<ServerType>((resolve) => {
    const server = serve({ fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(server));
  });
const urlOf = (server: ServerType) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const appServer = await listen(createApp(deps).fetch);
const bareServer = await listen(bare.fetch);

port.on("message", async (message: { type: "close" }) => {
  if (message.type !== "close") return;
  await Promise.all([appServer, bareServer].map((server) => new Promise((resolve) => {
    server.close(resolve);
    // Idle keep-alive sockets of the load generator would hold close() open.
    (server as Server).closeAllConnections();
  })));
  await deps.db.close();
  port.postMessage({ type: "closed" } satisfies ServerWorkerMessage);
});

const { rows } = await deps.db.query<{ count: number }>("SELECT count(*)::int AS count FROM facts");
port.postMessage({
  type: "ready", appUrl: urlOf(appServer), bareUrl: urlOf(bareServer),
  documents: loaded?.documents ?? 0, facts: Number(rows[0].count), loadMs,
} satisfies ServerWorkerMessage);
