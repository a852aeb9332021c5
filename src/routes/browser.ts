/**
 * Browsers: which origins may call the API (CORS from `WIDGET_ORIGINS`), the security headers every response
 * carries, and the pages and scripts the app serves (/, /draft, /admin, /docs, /widget.js). The scripts are built by
 * `scripts/build-web.ts` from `src/web/` and reach the app through `deps.assets`, so Node and Workers serve the same.
 */
import { Hono, type MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import type { Config } from "../config.ts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import type { AppEnv } from "./auth.ts";

/**
 * Whether a request's Origin is the service's own (pages served by the app). Hosts are compared, not schemes: behind
 * a TLS-terminating proxy the page is https://host while the app sees http://host (or the proxy's X-Forwarded-Host).
 */
function sameOrigin(origin: string, requestUrl: string, forwardedHost: string | undefined): boolean {
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  return host === new URL(requestUrl).host || (forwardedHost !== undefined && host === forwardedHost.split(",")[0].trim());
}

/** Methods that change nothing, which another site may still start (a link, an image). */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CORS on the API: an origin in `WIDGET_ORIGINS` gets the CORS headers; any other foreign origin is refused with
 * 403 and no CORS headers (its preflight too), so a page elsewhere can neither read nor write. Requests without an
 * Origin (curl, SDKs, bots) and the app's own pages pass. A call from an allowed foreign origin is an embedded
 * widget's: it is marked `embedded`, and `authenticate` gives it the reader role whatever token it carries (a token
 * written into an intranet page's HTML is readable by everyone who opens the page).
 */
export function browserAccess(config: Config): MiddlewareHandler<AppEnv> {
  const allowed = new Set(config.widgetOrigins);
  const withCors = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ["GET", "POST", "DELETE", "OPTIONS"],
    allowHeaders: ["Authorization", "Content-Type", "Accept"],
    exposeHeaders: ["X-Request-Id"],
    maxAge: 600,
  });
  return async (context, next) => {
    const origin = context.req.header("origin");
    // A browser says where a request comes from in Sec-Fetch-Site even when it sends no Origin: a write another
    // site's page started is refused however it was made (a form, a link, a text/plain fetch), also with auth off.
    const site = context.req.header("sec-fetch-site")?.toLowerCase();
    const foreignFetch = site === "cross-site" || site === "same-site";
    if (!origin && foreignFetch && !SAFE_METHODS.has(context.req.method)) {
      throw new AppError("forbidden", "浏览器表明该请求来自其他网站，已拒绝修改数据的请求");
    }
    const own = origin ? sameOrigin(origin, context.req.url, context.req.header("x-forwarded-host")) : !foreignFetch;
    if (!own && origin && !allowed.has(origin)) {
      throw new AppError("forbidden", "该网页来源不在 WIDGET_ORIGINS 允许列表中，不能调用本服务的接口");
    }
    context.set("embedded", !own);
    return withCors(context, next);
  };
}

/** Headers on every response: no sniffing, no referrer, no framing by default (pages set frame-ancestors). */
export const baseSecurityHeaders = secureHeaders({
  referrerPolicy: "no-referrer",
  xFrameOptions: false,
  // /widget.js is loaded by pages on the allowed origins.
  crossOriginResourcePolicy: "cross-origin",
  crossOriginEmbedderPolicy: false,
  crossOriginOpenerPolicy: "same-origin",
  strictTransportSecurity: false,
});

/** The Content-Security-Policy of the app's own pages. */
export function pagePolicy(config: Config): string {
  const ancestors = ["'self'", ...config.widgetOrigins].join(" ");
  return [
    "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "connect-src 'self'",
    "object-src 'none'", "base-uri 'none'", "form-action 'self'", `frame-ancestors ${ancestors}`,
  ].join("; ");
}

const PAGES: Record<string, { title: string; script: string }> = {
  "/": { title: "园区工作总结助手 · 问答", script: "chat.js" },
  "/draft": { title: "园区工作总结助手 · 起草", script: "draft.js" },
  "/admin": { title: "园区工作总结助手 · 资料管理", script: "admin.js" },
  "/docs": { title: "园区工作总结助手 · 接口文档", script: "docs.js" },
};

function pageHtml(title: string, script: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
</head>
<body>
<noscript>请启用浏览器的 JavaScript 后使用本页面。</noscript>
<div id="app"></div>
<script type="module" src="/assets/${script}"></script>
</body>
</html>
`;
}

const NOT_BUILT = "页面脚本尚未构建：请运行 npm run build:web（npm start 会自动构建）";

/** Pages and scripts. */
export function browserRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const policy = pagePolicy(deps.config);
  for (const [path, page] of Object.entries(PAGES)) {
    app.get(path, (context) => {
      context.header("Content-Security-Policy", policy);
      context.header("Cache-Control", "no-store");
      return context.html(pageHtml(page.title, page.script));
    });
  }
  const script = async (name: string) => {
    const body = deps.assets ? await deps.assets(name) : null;
    if (body === null) throw new AppError("not_found", NOT_BUILT);
    return body;
  };
  app.get("/widget.js", async (context) => {
    const body = await script("widget.js");
    return context.body(body, 200, { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-cache" });
  });
  app.get("/assets/:name{[a-z-]+\\.js}", async (context) => {
    const body = await script(context.req.param("name"));
    return context.body(body, 200, { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-cache" });
  });
  return app;
}
