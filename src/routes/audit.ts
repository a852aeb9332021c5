import type { MiddlewareHandler } from "hono";
import { appendAudit } from "../db/audit-repo.ts";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "./auth.ts";

// Requests that change stored data; /api/ask and /api/verify are POSTs that only read.
const WRITES: Array<{ method: string; path: RegExp; action: string }> = [
  { method: "POST", path: /^\/api\/documents\/?$/, action: "document.upload" },
  { method: "DELETE", path: /^\/api\/documents\/[^/]+$/, action: "document.delete" },
  { method: "POST", path: /^\/api\/stats\/?$/, action: "stats.import" },
  { method: "POST", path: /^\/api\/drafts\/?$/, action: "draft.create" },
];

/** Record every successful write in `audit_log`: who (role), what, which path, request id and status. */
export function auditWrites(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (context, next) => {
    await next();
    const write = WRITES.find((entry) => entry.method === context.req.method && entry.path.test(context.req.path));
    if (!write || context.res.status >= 400) return;
    await appendAudit(deps.db, {
      actor: context.get("role") ?? "unknown",
      action: write.action,
      target: context.req.path,
      detail: { requestId: context.get("requestId"), status: context.res.status },
    }).catch((error) => deps.logger.warn("audit log write failed", { error: String(error) }));
  };
}
