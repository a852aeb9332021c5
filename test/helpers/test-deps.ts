import { parseConfig } from "../../src/config.ts";
import type { SqlClient } from "../../src/db/sql-client.ts";
import type { Deps } from "../../src/deps.ts";
import { HashEmbedder } from "../../src/embed/hash-embedder.ts";
import { silentLogger } from "../../src/logger.ts";
import { pgliteDatabase } from "./test-db.ts";

/** Deps on a fresh in-memory PGlite, offline embedder, no model; override anything. */
export async function createTestDeps(overrides: Partial<Deps> & { env?: Record<string, string> } = {}): Promise<Deps & { dispose(): Promise<void> }> {
  let db: SqlClient | undefined = overrides.db;
  let dispose = async () => undefined as void;
  if (!db) {
    const opened = await pgliteDatabase.open();
    db = opened.db;
    dispose = opened.dispose;
  }
  const { env, ...rest } = overrides;
  return {
    config: parseConfig({ LOG_LEVEL: "silent", ...env }),
    db,
    embedder: new HashEmbedder(),
    chat: null,
    llmName: "offline",
    logger: silentLogger,
    ...rest,
    dispose,
  };
}
