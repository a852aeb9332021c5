import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { ConfigError, parseConfig } from "./config.ts";
import { buildNodeDeps } from "./node/build-deps.ts";
import { corpusWanted, loadCorpusIfEmpty } from "./node/load-corpus.ts";

/** How long shutdown waits for requests in flight and bot answers still being delivered (compose gives 30 s). */
const SHUTDOWN_GRACE_MS = 25_000;

/** Node entry: parse config, build deps, load the sample corpus into an empty database, serve. */
async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`配置错误 / configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const deps = await buildNodeDeps(config);
  const { logger } = deps;
  if (!config.apiTokens) logger.warn("API_TOKENS is not set: every caller has admin rights (local default)");
  if (corpusWanted(deps)) await loadCorpusIfEmpty(deps);
  else if (config.loadCorpus === "auto") logger.info("sample corpus not loaded: the database is not the embedded default (LOAD_CORPUS=always loads it)");
  // Work that outlives its response (bot answers after the acknowledgement) is finished before shutting down.
  const background = new Set<Promise<unknown>>();
  deps.background = (task) => {
    background.add(task);
    void task.finally(() => background.delete(task));
  };
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info("listening", { url: `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${info.port}`, db: deps.db.kind, llm: deps.llmName, embedder: deps.embedder.name });
  });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const started = performance.now();
    logger.info("shutting down: no new connections, finishing requests in flight", { signal });
    const http = server as unknown as import("node:http").Server;
    // close() stops accepting and resolves once every connection has ended; idle keep-alive ones are closed now,
    // busy ones when their response is done. Past the grace period the rest are cut.
    const closed = new Promise<void>((resolve) => http.close(() => resolve()));
    http.closeIdleConnections?.();
    const graceOver = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), SHUTDOWN_GRACE_MS).unref());
    if ((await Promise.race([closed, graceOver])) === "timeout") {
      logger.warn("requests still running after the grace period were cut", { graceMs: SHUTDOWN_GRACE_MS });
      http.closeAllConnections?.();
    }
    if (background.size) {
      logger.info("finishing background work before exit", { tasks: background.size });
      await Promise.race([Promise.allSettled(background), graceOver]);
    }
    await deps.db.close();
    logger.info("stopped", { ms: Math.round(performance.now() - started) });
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  console.error(`启动失败 / start-up failed: ${(error as Error).message}`);
  process.exit(1);
});
