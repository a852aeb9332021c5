/**
 * GET /metrics: request counts by method, route pattern and status class, a latency histogram, the requests in
 * flight, and the document, chunk and fact counts of the last /healthz. Admin only when API_TOKENS is set.
 */
import { Hono, type Context, type MiddlewareHandler } from "hono";
import { matchedRoutes, routePath } from "hono/route";
import type { Deps } from "../deps.ts";
import { authenticate, requireRole, type AppEnv } from "./auth.ts";
import { Counter, Gauge, Histogram, PROMETHEUS_CONTENT_TYPE, Registry } from "./metrics-registry.ts";

/** Seconds; answers with a model can take tens of seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
/** The label of a request no route matched: raw paths never become labels (one series per probed URL). */
export const UNMATCHED_ROUTE = "unmatched";

/** The app's metrics; one per process on Node, one per isolate on Workers (worker.ts keeps it across requests). */
export interface AppMetrics {
  registry: Registry;
  requests: Counter;
  duration: Histogram;
  inFlight: Gauge;
  info: Gauge;
  /** Called with the counts /healthz read. */
  recordCounts(counts: { documents: number; chunks: number; facts: number }): void;
}

/**
 * A fresh set of metrics.
 * @example const metrics = createMetrics(); createApp(deps, { metrics });
 */
export function createMetrics(): AppMetrics {
  const registry = new Registry();
  const requests = registry.register(new Counter("http_requests_total", "HTTP 请求数，按方法、路由模板和状态类别", ["method", "route", "status"]));
  const duration = registry.register(new Histogram("http_request_duration_seconds", "HTTP 请求耗时（秒，到响应头为止；流式回答不含流的时长）", ["method", "route"], LATENCY_BUCKETS));
  const inFlight = registry.register(new Gauge("http_requests_in_flight", "正在处理的 HTTP 请求数"));
  const info = registry.register(new Gauge("park_assistant_info", "服务信息：数据库、模型与向量化方式", ["db", "llm", "embedder"]));
  const documents = registry.register(new Gauge("park_assistant_documents", "文档数（最近一次 /healthz）"));
  const chunks = registry.register(new Gauge("park_assistant_chunks", "段落数（最近一次 /healthz）"));
  const facts = registry.register(new Gauge("park_assistant_facts", "数字事实数（最近一次 /healthz）"));
  return {
    registry, requests, duration, inFlight, info,
    recordCounts(counts) {
      documents.set({}, counts.documents);
      chunks.set({}, counts.chunks);
      facts.set({}, counts.facts);
    },
  };
}

/**
 * The route pattern a request went to (`/api/documents/:id`): the first matched route that is an endpoint, not a
 * `use()` middleware; for a request that only middleware answered (a CORS preflight), that middleware's pattern;
 * for a 404 that no route matched, `unmatched`.
 */
export function routeLabel(context: Context): string {
  const endpoint = matchedRoutes(context).find((route) => !(route.method === "ALL" && route.path.endsWith("*")));
  if (endpoint) return endpoint.path;
  if (context.res.status === 404) return UNMATCHED_ROUTE;
  return routePath(context) || UNMATCHED_ROUTE;
}

/** Count and time every request. Register it first, so that it sees every response, errors included. */
export function countRequests(metrics: AppMetrics): MiddlewareHandler<AppEnv> {
  return async (context, next) => {
    const started = performance.now();
    metrics.inFlight.inc();
    let status = 500;
    try {
      await next();
      status = context.res.status;
    } finally {
      metrics.inFlight.dec();
      const method = METHODS.has(context.req.method) ? context.req.method : "OTHER";
      const route = routeLabel(context);
      metrics.requests.inc({ method, route, status: `${Math.floor(status / 100)}xx` });
      metrics.duration.observe({ method, route }, (performance.now() - started) / 1000);
    }
  };
}

/** GET /metrics in the Prometheus text format. */
export function metricsRoutes(deps: Deps, metrics: AppMetrics): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/metrics", authenticate(deps.config), requireRole("admin"), (context) => {
    metrics.info.reset();
    metrics.info.set({ db: deps.db.kind, llm: deps.llmName, embedder: deps.embedder.name }, 1);
    return context.body(metrics.registry.text(), 200, { "Content-Type": PROMETHEUS_CONTENT_TYPE, "Cache-Control": "no-store" });
  });
  return app;
}
