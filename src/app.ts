import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { ZodError } from "zod";
import type { Deps } from "./deps.ts";
import { AppError, problemBody } from "./errors.ts";
import { auditWrites } from "./routes/audit.ts";
import type { BotRouteOptions } from "./routes/bots/common.ts";
import { botRoutes } from "./routes/bots/index.ts";
import { bodyLimits } from "./routes/body-limits.ts";
import { baseSecurityHeaders, browserAccess, browserRoutes } from "./routes/browser.ts";
import { authenticate, type AppEnv } from "./routes/auth.ts";
import { documentRoutes } from "./routes/documents.ts";
import { draftRoutes } from "./routes/drafts.ts";
import { healthRoutes } from "./routes/health.ts";
import { inputGuard } from "./routes/input-guard.ts";
import { countRequests, createMetrics, metricsRoutes, type AppMetrics } from "./routes/metrics.ts";
import { openapiRoutes } from "./routes/openapi.ts";
import { askRoutes } from "./routes/ask.ts";
import { factRoutes } from "./routes/facts.ts";
import { openaiRoutes } from "./routes/openai-compat.ts";
import { limitPerAddress, limitPerToken } from "./routes/rate-limits.ts";
import { statsRoutes } from "./routes/stats.ts";
import { verifyRoutes } from "./routes/verify.ts";


/** What tests vary beyond deps: the bots' answer verb and passive-reply budget. */
export interface AppOptions {
  bots?: BotRouteOptions;
  /** The /metrics counters; Workers build an app per request and pass one kept for the isolate. */
  metrics?: AppMetrics;
}

/**
 * Build the Hono app from injected services. Never listens: `server.ts` (Node) and `worker.ts` (Workers) serve it,
 * tests call `app.request()`.
 * @example const app = createApp(deps); const response = await app.request("/healthz");
 */
export function createApp(deps: Deps, options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const metrics = options.metrics ?? createMetrics();

  app.use("*", countRequests(metrics));
  app.use("*", requestId());
  app.use("*", async (context, next) => {
    const started = performance.now();
    await next();
    deps.logger.info("request", {
      requestId: context.get("requestId"), method: context.req.method, path: context.req.path,
      status: context.res.status, ms: Math.round(performance.now() - started),
    });
  });
  app.use("*", baseSecurityHeaders);
  app.use("/api/*", browserAccess(deps.config));
  app.use("/v1/*", browserAccess(deps.config));
  app.use("/api/*", limitPerAddress(deps.config));
  app.use("/v1/*", limitPerAddress(deps.config));
  app.use("/api/*", authenticate(deps.config));
  app.use("/v1/*", authenticate(deps.config));
  app.use("/api/*", limitPerToken(deps.config));
  app.use("/v1/*", limitPerToken(deps.config));
  app.use("/api/*", bodyLimits());
  app.use("/v1/*", bodyLimits());
  app.use("/api/*", inputGuard);
  app.use("/v1/*", inputGuard);
  app.use("/api/*", auditWrites(deps));

  app.route("/", healthRoutes(deps, { onCounts: metrics.recordCounts }));
  app.route("/", openapiRoutes());
  app.route("/", metricsRoutes(deps, metrics));
  app.route("/", browserRoutes(deps));
  app.route("/api/documents", documentRoutes(deps));
  app.route("/api/drafts", draftRoutes(deps));
  app.route("/api/ask", askRoutes(deps));
  app.route("/api/verify", verifyRoutes(deps));
  app.route("/api/facts", factRoutes(deps));
  app.route("/api/stats", statsRoutes(deps));
  app.route("/v1", openaiRoutes(deps));
  app.route("/bots", botRoutes(deps, options.bots));

  app.notFound(() => {
    throw new AppError("not_found", "请求的路径不存在");
  });

  app.onError((error, context) => {
    const id = context.get("requestId");
    const appError = toAppError(error);
    if (appError.status >= 500) deps.logger.error("unhandled error", { requestId: id, error: String(error), stack: (error as Error).stack });
    return context.newResponse(JSON.stringify(problemBody(appError, id)), appError.status as 400, {
      ...appError.headers,
      "content-type": "application/problem+json; charset=utf-8",
    });
  });
  return app;
}

/** Three tiers: ours as is; zod and Hono's as 4xx; anything else 500 without internals. */
function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    return new AppError("bad_request", `字段 ${issue.path.join(".") || "(请求体)"} 无效：${issue.message}`);
  }
  if (error instanceof HTTPException) {
    const code = error.status === 413 ? "payload_too_large" : error.status === 401 ? "unauthorized" : "bad_request";
    return new AppError(code, error.message || "请求无效");
  }
  return new AppError("internal", "服务器内部错误，请稍后重试", { cause: error });
}
