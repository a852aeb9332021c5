import type { MiddlewareHandler } from "hono";
import type { Config, Role } from "../config.ts";
import { AppError } from "../errors.ts";
import { timingSafeEqualText } from "../bots/crypto.ts";

export type AppEnv = { Variables: { role: Role; requestId: string; embedded?: boolean; actor?: string } };

const rank: Record<Role, number> = { reader: 1, drafter: 2, admin: 3 };

/**
 * Bearer-token auth for /api/* and /v1/*. With no API_TOKENS configured every caller is admin
 * (the local default; the server says so at start). A call from an embedding page (`embedded`, set by
 * `browserAccess`) is a reader whatever its token: widget tokens are reader tokens.
 */
export function authenticate(config: Config): MiddlewareHandler<AppEnv> {
  return async (context, next) => {
    if (!config.apiTokens) {
      context.set("role", context.get("embedded") ? "reader" : "admin");
      context.set("actor", "anonymous");
      return next();
    }
    const header = context.req.header("authorization") ?? "";
    const token = header.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
    if (!token) throw new AppError("unauthorized", "缺少访问令牌：请在 Authorization 头中提供 Bearer 令牌", { reason: "missing_api_key" });
    // Every entry is compared, in constant time, so the time taken says nothing about which token came close.
    let match: (typeof config.apiTokens)[number] | undefined;
    for (const entry of config.apiTokens) if (timingSafeEqualText(entry.token, token) && !match) match = entry;
    if (!match) throw new AppError("unauthorized", "访问令牌无效", { reason: "invalid_api_key" });
    context.set("role", context.get("embedded") ? "reader" : match.role);
    context.set("actor", match.name);
    return next();
  };
}

/** Require at least `role` (admin > drafter > reader). */
export function requireRole(role: Role): MiddlewareHandler<AppEnv> {
  return async (context, next) => {
    const current = context.get("role") ?? "reader";
    if (rank[current] < rank[role]) throw new AppError("forbidden", `此操作需要 ${role} 角色`);
    return next();
  };
}
