import { Hono } from "hono";
import { countAll } from "../db/documents-repo.ts";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "./auth.ts";

/** GET /healthz exactly as API.md. */
export function healthRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/healthz", async (context) => {
    const counts = await countAll(deps.db);
    return context.json({ ok: true, db: deps.db.kind, llm: deps.llmName, embedder: deps.embedder.name, ...counts });
  });
  return app;
}
