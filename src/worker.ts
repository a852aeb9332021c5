import { createApp } from "./app.ts";
import { parseConfig } from "./config.ts";
import { syncIndicators } from "./db/indicators-repo.ts";
import { migrate } from "./db/migrate.ts";
import { INDICATORS } from "./domain/indicators.ts";
import initSql from "./db/migrations/001_init.sql";
import aliasesSql from "./db/migrations/002_aliases_and_context.sql";
import botEventsSql from "./db/migrations/003_bot_events.sql";
import { openPostgres } from "./db/pg-client.ts";
import type { Deps } from "./deps.ts";
import { createEmbedder } from "./embed/create-embedder.ts";
import { createChatModel } from "./llm/create-chat-model.ts";
import { createLogger } from "./logger.ts";
import { createMetrics } from "./routes/metrics.ts";

/** Workers bindings: Hyperdrive in front of Postgres + pgvector, plus plain-text vars and secrets. */
interface Env {
  HYPERDRIVE?: { connectionString: string };
  /** The built browser scripts (wrangler.toml [assets], directory dist/web). */
  ASSETS?: { fetch(request: Request | string): Promise<Response> };
  [variable: string]: unknown;
}

const migrations = [
  { name: "001_init.sql", sql: initSql },
  { name: "002_aliases_and_context.sql", sql: aliasesSql },
  { name: "003_bot_events.sql", sql: botEventsSql },
];
let migrated: Promise<unknown> | undefined;
// One app is built per request; the /metrics counters live as long as the isolate.
const metrics = createMetrics();

/**
 * Cloudflare Workers entry: the same app as on Node, with Postgres reached through Hyperdrive
 * (PGlite needs a filesystem, so Workers always use Postgres). One pg client per request, as Hyperdrive advises.
 */
export default {
  async fetch(request: Request, env: Env, context: { waitUntil(promise: Promise<unknown>): void }): Promise<Response> {
    const vars = Object.fromEntries(Object.entries(env).filter(([, value]) => typeof value === "string")) as Record<string, string>;
    const config = parseConfig({ ...vars, DATABASE_URL: env.HYPERDRIVE?.connectionString ?? vars.DATABASE_URL });
    if (!config.databaseUrl) return new Response("缺少 HYPERDRIVE 绑定或 DATABASE_URL", { status: 500 });
    const db = await openPostgres(config.databaseUrl, { max: 1 });
    migrated ??= migrate(db, migrations).then(() => syncIndicators(db, INDICATORS)).catch((error) => {
      migrated = undefined;
      throw error;
    });
    await migrated;
    const { chat, name } = createChatModel(config);
    const assets = env.ASSETS;
    // Bot answers run after the acknowledgement: the isolate stays up for them, and the connection closes after.
    const background: Promise<unknown>[] = [];
    const deps: Deps = {
      background: (task) => background.push(task),
      config, db, embedder: createEmbedder(config), chat, llmName: name, logger: createLogger(config.logLevel),
      assets: assets ? async (file) => {
        const response = await assets.fetch(new URL(`/${file}`, request.url).toString());
        return response.ok ? response.text() : null;
      } : undefined,
    };
    const response = await createApp(deps, { metrics }).fetch(request);
    context.waitUntil(Promise.allSettled(background).then(() => db.close()));
    return response;
  },
};
