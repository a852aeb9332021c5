/**
 * Refuses, with a 400 problem, API input that holds NUL, other control characters or lone surrogates — in the query
 * string or anywhere in a JSON body — before any route (and so any SQL) sees it. Document and CSV contents are
 * cleaned by their verbs instead (a file may carry stray bytes; a field may not).
 */
import type { MiddlewareHandler } from "hono";
import { AppError } from "../errors.ts";
import { forbiddenPath, hasForbiddenChars } from "../text/clean.ts";
import type { AppEnv } from "./auth.ts";

const REFUSED = "含有控制字符（如 NUL）或无效的 Unicode 字符";

export const inputGuard: MiddlewareHandler<AppEnv> = async (context, next) => {
  let query: URLSearchParams;
  try {
    query = new URL(context.req.url).searchParams;
  } catch {
    throw new AppError("bad_request", "请求地址无效");
  }
  for (const [key, value] of query) {
    if (hasForbiddenChars(key) || hasForbiddenChars(value)) throw new AppError("bad_request", `查询参数 ${key.replace(/[^\w-]/g, "?")} ${REFUSED}`);
  }
  if ((context.req.header("content-type") ?? "").includes("json") && context.req.method !== "GET") {
    let body: unknown;
    try {
      // Hono keeps the parsed body: the route's own c.req.json() reads it again from the cache.
      body = await context.req.json();
    } catch {
      body = undefined; // not JSON: the route says so
    }
    const path = forbiddenPath(body);
    if (path) throw new AppError("bad_request", `字段 ${path} ${REFUSED}`);
  }
  return next();
};
