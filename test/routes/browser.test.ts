import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { ConfigError, parseConfig } from "../../src/config.ts";
import { createTestDeps } from "../helpers/test-deps.ts";

const ALLOWED = "https://intranet.example.gov.cn";
const OTHER = "https://elsewhere.example.com";

describe("browsers: CORS from WIDGET_ORIGINS, security headers, pages and scripts", () => {
  let deps: Awaited<ReturnType<typeof createTestDeps>>;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    deps = await createTestDeps({
      env: { WIDGET_ORIGINS: `${ALLOWED}, http://127.0.0.1:9000` },
      assets: async (name) => (name === "widget.js" ? "console.log('widget')" : name === "chat.js" ? "/* chat */" : null),
    });
    app = createApp(deps);
  });
  afterAll(async () => deps.dispose());

  it("parses WIDGET_ORIGINS as origins and rejects anything else", () => {
    expect(deps.config.widgetOrigins).toEqual([ALLOWED, "http://127.0.0.1:9000"]);
    expect(() => parseConfig({ WIDGET_ORIGINS: "intranet.example.gov.cn" })).toThrow(ConfigError);
    expect(() => parseConfig({ WIDGET_ORIGINS: "https://a.example/path" })).toThrow(/WIDGET_ORIGINS/);
    expect(parseConfig({}).widgetOrigins).toEqual([]);
  });

  it("answers an allowed origin's preflight and request with CORS headers", async () => {
    const preflight = await app.request("/api/ask", {
      method: "OPTIONS",
      headers: { Origin: ALLOWED, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(preflight.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
    const response = await app.request("/api/facts?park=none", { headers: { Origin: ALLOWED } });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(ALLOWED);
  });

  it("refuses another origin, preflight and simple request alike, without CORS headers, and writes nothing", async () => {
    const preflight = await app.request("/api/documents", { method: "OPTIONS", headers: { Origin: OTHER, "Access-Control-Request-Method": "POST" } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    // A text/plain POST needs no preflight: it must still be refused before it reaches the route.
    const write = await app.request("/api/documents", { method: "POST", headers: { Origin: OTHER, "Content-Type": "text/plain" }, body: '{"text":"园区2024年工作总结。实现工业总产值1亿元。"}' });
    expect(write.status).toBe(403);
    expect(write.headers.get("content-type")).toContain("application/problem+json");
    const { documents } = (await (await app.request("/api/documents")).json()) as { documents: unknown[] };
    expect(documents).toHaveLength(0);
  });

  it("a write another site started is refused by Sec-Fetch-Site even without an Origin; a cross-site read is a reader's", async () => {
    for (const site of ["cross-site", "same-site"]) {
      const write = await app.request("/api/stats", { method: "POST", headers: { "Sec-Fetch-Site": site, "Content-Type": "text/plain" }, body: "park,period,indicator,value,unit\n跨站园区,2023,工业总产值,1,亿元\n" });
      expect(write.status).toBe(403);
      expect(write.headers.get("content-type")).toContain("application/problem+json");
    }
    const { rows } = await deps.db.query("SELECT 1 FROM facts WHERE park = '跨站园区'");
    expect(rows).toEqual([]);
    // A navigation from elsewhere may read, as a reader: the same write from the app's own page or a script passes the guard.
    expect((await app.request("/api/facts?park=none", { headers: { "Sec-Fetch-Site": "cross-site" } })).status).toBe(200);
    const own = await app.request("/api/stats", { method: "POST", headers: { "Sec-Fetch-Site": "same-origin", "Content-Type": "text/csv" }, body: "park,period,indicator,value,unit\n本站园区,2023,工业总产值,1,亿元\n" });
    expect(own.status).toBe(200);
  });

  it("lets the app's own pages (same origin) and clients without an Origin through", async () => {
    const own = await app.request("http://localhost/api/facts?park=none", { headers: { Origin: "http://localhost" } });
    expect(own.status).toBe(200);
    expect((await app.request("/api/facts?park=none")).status).toBe(200);
  });

  it("behind a TLS proxy the own page (https://host, app sees http://host or X-Forwarded-Host) is still own", async () => {
    const direct = await app.request("http://park.example/api/facts?park=none", { headers: { Origin: "https://park.example" } });
    expect(direct.status).toBe(200);
    const forwarded = await app.request("http://10.0.0.5:8787/api/facts?park=none", { headers: { Origin: "https://park.example", "X-Forwarded-Host": "park.example" } });
    expect(forwarded.status).toBe(200);
    const spoofed = await app.request("http://park.example/api/facts?park=none", { headers: { Origin: "https://park.example.evil.com" } });
    expect(spoofed.status).toBe(403);
  });

  it("an embedding page is a reader: it can ask but not write, even with no API_TOKENS set", async () => {
    const body = JSON.stringify({ title: "嵌入测试", park: "测试园区", year: 2024, text: "测试园区2024年工作总结。实现工业总产值1亿元。" });
    const write = await app.request("/api/documents", { method: "POST", headers: { Origin: ALLOWED, "Content-Type": "application/json" }, body });
    expect(write.status).toBe(403);
    expect(write.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(((await write.json()) as { detail: string }).detail).toContain("角色");
    const ask = await app.request("/api/ask", { method: "POST", headers: { Origin: ALLOWED, "Content-Type": "application/json" }, body: JSON.stringify({ question: "测试园区2024年工业总产值是多少？" }) });
    expect(ask.status).toBe(200);
    const { documents } = (await (await app.request("/api/documents")).json()) as { documents: unknown[] };
    expect(documents).toHaveLength(0);
  });

  it("a writer's token used from an embedding page is capped at reader; the same token without an Origin writes", async () => {
    const tokened = await createTestDeps({ env: { WIDGET_ORIGINS: ALLOWED, API_TOKENS: "admin:admin-token-0123456789" } });
    try {
      const tokenApp = createApp(tokened);
      const body = JSON.stringify({ title: "令牌测试", park: "测试园区", year: 2024, text: "测试园区2024年工作总结。实现工业总产值1亿元。" });
      const headers = { Authorization: "Bearer admin-token-0123456789", "Content-Type": "application/json" };
      const embedded = await tokenApp.request("/api/documents", { method: "POST", headers: { ...headers, Origin: ALLOWED }, body });
      expect(embedded.status).toBe(403);
      const direct = await tokenApp.request("/api/documents", { method: "POST", headers, body });
      expect(direct.status).toBeLessThan(300);
    } finally {
      await tokened.dispose();
    }
  });

  it("serves the pages with a CSP whose frame-ancestors are the allowed origins, nosniff and no referrer", async () => {
    for (const path of ["/", "/draft", "/admin"]) {
      const response = await app.request(path);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/html");
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp).toContain(`frame-ancestors 'self' ${ALLOWED} http://127.0.0.1:9000`);
      expect(csp).toContain("script-src 'self'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(await response.text()).toMatch(/<script type="module" src="\/assets\/(chat|draft|admin)\.js">/);
    }
  });

  it("serves the built widget to any page, and says how to build when a script is missing", async () => {
    const widget = await app.request("/widget.js");
    expect(widget.status).toBe(200);
    expect(widget.headers.get("content-type")).toContain("javascript");
    expect(widget.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(await widget.text()).toContain("widget");
    const missing = await app.request("/assets/admin.js");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { detail: string }).detail).toContain("npm run build:web");
    expect((await app.request("/assets/..%2fserver.js")).status).toBe(404);
  });
});
