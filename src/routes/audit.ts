import type { Context, MiddlewareHandler } from "hono";
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

/** The caller's address: the socket's peer on Node, Cloudflare's client header on Workers. */
export function clientAddress(context: Context): string {
  const incoming = (context.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? context.req.header("cf-connecting-ip") ?? "unknown";
}

/**
 * Record every successful write in `audit_log`: who (the token's name), from where (client address), what
 * (action), on which object (the document or draft id, the path otherwise), with request id and status.
 */
export function auditWrites(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (context, next) => {
    await next();
    const write = WRITES.find((entry) => entry.method === context.req.method && entry.path.test(context.req.path));
    if (!write || context.res.status >= 400) return;
    let object = context.req.path.split("/").at(-1) || context.req.path;
    if (context.req.method === "POST" && (context.res.headers.get("content-type") ?? "").includes("json")) {
      const created = (await context.res.clone().json().catch(() => null)) as { id?: unknown } | null;
      if (typeof created?.id === "string") object = created.id;
    }
    await appendAudit(deps.db, {
      actor: context.get("actor") ?? "anonymous",
      action: write.action,
      target: object,
      detail: { role: context.get("role"), address: clientAddress(context), path: context.req.path, requestId: context.get("requestId"), status: context.res.status },
    }).catch((error) => deps.logger.warn("audit log write failed", { error: String(error) }));
  };
}
