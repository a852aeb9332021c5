/** GET /openapi.json: the OpenAPI 3.1 description (public, like /healthz). The /docs page renders it. */
import { Hono } from "hono";
import type { AppEnv } from "./auth.ts";
import { buildOpenApiDocument } from "./openapi-document.ts";

// Built once per process or isolate: Workers build one app per request, the document never changes.
let cached: string | undefined;

export function openapiRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/openapi.json", (context) => {
    cached ??= JSON.stringify(buildOpenApiDocument());
    return context.body(cached, 200, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-cache" });
  });
  return app;
}
