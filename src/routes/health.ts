import { Hono } from "hono";
import { countAll } from "../db/documents-repo.ts";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "./auth.ts";

const HEALTH_WAIT_MS = 250;

/** GET /healthz exactly as API.md. */
export function healthRoutes(deps: Deps, { onCounts }: { onCounts?: (counts: Awaited<ReturnType<typeof countAll>>) => void } = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // The embedded database runs one statement at a time: while a large upload is being written, /healthz answers
  // at once with the last counts and says the database is busy, instead of waiting behind the write.
  let last: Awaited<ReturnType<typeof countAll>> | null = null;
  app.get("/healthz", async (context) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), HEALTH_WAIT_MS);
    });
    const counting = countAll(deps.db).then((counts) => {
      onCounts?.(counts);
      return (last = counts);
    });
    const counts = await Promise.race([counting, late]);
    clearTimeout(timer);
    if (!counts) counting.catch(() => undefined);
    const body = { ok: true, db: deps.db.kind, llm: deps.llmName, embedder: deps.embedder.name, ...(counts ?? last ?? {}) };
    return context.json(counts ? body : { ...body, busy: true });
  });
  return app;
}
