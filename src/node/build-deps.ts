import { mkdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";
import type { Config } from "../config.ts";
import { loadMigrationsFromDisk } from "../db/load-migrations.ts";
import { syncIndicators } from "../db/indicators-repo.ts";
import { migrate } from "../db/migrate.ts";
import { INDICATORS } from "../domain/indicators.ts";
import { openPglite } from "../db/pglite-client.ts";
import { lockDataDir } from "./data-lock.ts";
import { openPostgres } from "../db/pg-client.ts";
import { getSetting, setSetting } from "../db/settings-repo.ts";
import type { SqlClient } from "../db/sql-client.ts";
import { ensureVectorIndex } from "../db/vector-index.ts";
import type { Deps } from "../deps.ts";
import { createEmbedder } from "../embed/create-embedder.ts";
import { createChatModel } from "../llm/create-chat-model.ts";
import { createLogger, type Logger } from "../logger.ts";

/** Open the configured database (Postgres when DATABASE_URL is set, else PGlite under DATA_DIR) and migrate it. */
export async function openDatabase(config: Config, options: { inMemory?: boolean } = {}): Promise<SqlClient> {
  let db: SqlClient;
  if (config.databaseUrl) {
    db = await openPostgres(config.databaseUrl);
  } else if (options.inMemory) {
    db = await openPglite();
  } else {
    const folder = path.resolve(config.dataDir, "pglite");
    await mkdir(folder, { recursive: true });
    const unlock = await lockDataDir(folder);
    try {
      const opened = await openPglite(folder);
      db = { ...opened, close: async () => {
        await opened.close();
        await unlock();
      } };
    } catch (error) {
      await unlock();
      throw error;
    }
  }
  await migrate(db, await loadMigrationsFromDisk());
  await syncIndicators(db, INDICATORS);
  return db;
}

/** Where `npm run build:web` writes the browser scripts. */
export const webBuildDir = fileURLToPath(new URL("../../dist/web/", import.meta.url));

/** The built browser scripts, read from disk on each request (a rebuild needs no restart); null when absent. */
export function nodeAssets(folder = webBuildDir): (name: string) => Promise<string | null> {
  return async (name) => {
    if (!/^[a-z-]+\.js$/.test(name)) return null;
    return readFile(path.join(folder, name), "utf8").catch(() => null);
  };
}

/** Node deps: database, embedder, chat model and logger from one Config. */
export async function buildNodeDeps(config: Config, options: { inMemory?: boolean; logger?: Logger } = {}): Promise<Deps> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const db = await openDatabase(config, options);
  const embedder = createEmbedder(config);
  const { chat, name } = createChatModel(config);
  const recorded = await getSetting(db, "embedder");
  if (recorded === null) await setSetting(db, "embedder", embedder.name);
  else if (recorded !== embedder.name) {
    logger.warn("embedder changed: stored chunks were embedded with another model; run `npm run reembed`", {
      stored: recorded, current: embedder.name,
    });
  }
  if (embedder.dimension > 0) await ensureVectorIndex(db, embedder.dimension);
  return { config, db, embedder, chat, llmName: name, logger, assets: nodeAssets() };
}
