/**
 * Rate limits on /api/* and /v1/* (hono-rate-limiter, a fixed one-minute window kept in memory: per process on
 * Node, per isolate on Workers). Per client address before authentication, so guessing tokens is throttled too;
 * per token after it, so one leaked or looping client cannot starve the others behind the same address. Over the
 * limit: 429 problem+json with Retry-After. `RATE_LIMIT_PER_MINUTE` and `RATE_LIMIT_PER_ADDRESS_PER_MINUTE` set
 * them; 0 turns one off.
 */
import type { Context, MiddlewareHandler } from "hono";
import { rateLimiter } from "hono-rate-limiter";
import type { Config } from "../config.ts";
import { AppError } from "../errors.ts";
import { clientAddress } from "./audit.ts";
import type { AppEnv } from "./auth.ts";

const WINDOW_MS = 60_000;

function limiter(perMinute: number, keyOf: (context: Context<AppEnv>) => string | null, who: string): MiddlewareHandler<AppEnv> {
  if (perMinute === 0) return (_context, next) => next();
  return rateLimiter<AppEnv>({
    windowMs: WINDOW_MS,
    limit: perMinute,
    standardHeaders: "draft-6",
    keyGenerator: (context) => keyOf(context) ?? "",
    skip: (context) => keyOf(context) === null || context.req.method === "OPTIONS",
    handler: (context) => {
      const retryAfter = context.res.headers.get("retry-after") ?? String(WINDOW_MS / 1000);
      throw new AppError("too_many_requests", `${who}请求过于频繁（每分钟最多 ${perMinute} 次），请 ${retryAfter} 秒后再试`, {
        headers: { "Retry-After": retryAfter },
      });
    },
  });
}

/** Per client address (the socket's peer on Node, CF-Connecting-IP on Workers). */
export function limitPerAddress(config: Config): MiddlewareHandler<AppEnv> {
  return limiter(config.rateLimits.perAddress, (context) => `address:${clientAddress(context)}`, "该地址的");
}

/** Per API token, by its name; callers without tokens (API_TOKENS unset) are limited by address only. */
export function limitPerToken(config: Config): MiddlewareHandler<AppEnv> {
  return limiter(config.rateLimits.perToken, (context) => {
    const actor = context.get("actor");
    return actor && actor !== "anonymous" ? `token:${actor}` : null;
  }, "该令牌的");
}
