import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { createTestDeps } from "../helpers/test-deps.ts";

describe("GET /healthz and errors", () => {
  let deps: Awaited<ReturnType<typeof createTestDeps>>;
  beforeAll(async () => {
    deps = await createTestDeps();
  });
  afterAll(async () => deps.dispose());

  it("reports backend, model, embedder and counts exactly as API.md", async () => {
    const response = await createApp(deps).request("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true, db: "pglite", llm: "offline", embedder: "hash-ngram-512", documents: 0, chunks: 0, facts: 0,
    });
    expect(response.headers.get("x-request-id")).toMatch(/.+/);
  });

  it("renders unknown paths as problem+json 404 with a request id", async () => {
    const response = await createApp(deps).request("/api/nothing-here");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 404, title: "未找到" });
    expect(body.type).toMatch(/not_found$/);
    expect(body.requestId).toBe(response.headers.get("x-request-id"));
  });

  it("requires bearer tokens with roles when API_TOKENS is set", async () => {
    const app = createApp({ ...deps, config: { ...deps.config, apiTokens: [{ name: "reader", role: "reader", token: "r1" }, { name: "admin", role: "admin", token: "a1" }] } });
    expect((await app.request("/api/documents")).status).toBe(401);
    expect((await app.request("/api/documents", { headers: { authorization: "Bearer nope" } })).status).toBe(401);
    expect((await app.request("/api/documents", { headers: { authorization: "Bearer r1" } })).status).toBe(200);
    const write = { method: "POST", headers: { authorization: "Bearer r1", "content-type": "application/json" }, body: JSON.stringify({ text: "x" }) };
    const forbidden = await app.request("/api/documents", write);
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get("content-type")).toContain("application/problem+json");
    expect((await app.request("/healthz")).status).toBe(200);
  });
});
