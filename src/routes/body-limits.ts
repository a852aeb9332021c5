import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "../errors.ts";

const MB = 1024 * 1024;

/**
 * Request bodies are counted while they are read (Content-Length up front, a chunked body as it streams), so an
 * oversized body is refused with 413 before it is held in memory. Each limit sits just above what its route
 * validates: a 20 MB upload plus its form fields, a 10 MB CSV, a 500,000-character draft escaped as JSON.
 */
const BODY_LIMITS: ReadonlyArray<{ path: string; maxBytes: number }> = [
  { path: "/api/documents", maxBytes: 24 * MB },
  { path: "/api/stats", maxBytes: 11 * MB },
  { path: "/api/drafts", maxBytes: 4 * MB },
  { path: "/v1", maxBytes: MB },
];

/** Every other /api body (a question, a text to verify, a fact filter). */
const DEFAULT_BODY_LIMIT = MB;

/** hono/body-limit with a problem+json 413 that says how much is allowed. */
function limitBody(maxBytes: number): MiddlewareHandler {
  const shown = `${maxBytes / MB} MB`;
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new AppError("payload_too_large", `请求体超过 ${shown}`);
    },
  });
}

/** One middleware for /api/* and /v1/* (the bot callbacks have their own 256 KB limit): the limit of the longest matching prefix, else the default. */
export function bodyLimits(): MiddlewareHandler {
  const limiters = BODY_LIMITS.map(({ path, maxBytes }) => ({ path, limiter: limitBody(maxBytes) }));
  const fallback = limitBody(DEFAULT_BODY_LIMIT);
  return (context, next) => {
    const path = context.req.path;
    const match = limiters.find((entry) => path === entry.path || path.startsWith(`${entry.path}/`));
    return (match?.limiter ?? fallback)(context, next);
  };
}
