import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { createTestDeps } from "../helpers/test-deps.ts";

const READER = "reader-token-0123456789";
const OTHER = "other-reader-0123456789";

describe("rate limits per token and per address", () => {
  it("the token over its limit gets 429 problem+json with Retry-After; another token is not held back", async () => {
    const deps = await createTestDeps({ env: { API_TOKENS: `alice:reader:${READER},bob:reader:${OTHER}`, RATE_LIMIT_PER_MINUTE: "3", RATE_LIMIT_PER_ADDRESS_PER_MINUTE: "0" } });
    try {
      const app = createApp(deps);
      const get = (token: string) => app.request("/api/facts?park=none", { headers: { Authorization: `Bearer ${token}` } });
      for (let i = 0; i < 3; i++) expect((await get(READER)).status).toBe(200);
      const refused = await get(READER);
      expect(refused.status).toBe(429);
      expect(refused.headers.get("content-type")).toContain("application/problem+json");
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(((await refused.json()) as { detail: string }).detail).toContain("每分钟最多 3 次");
      expect((await get(OTHER)).status).toBe(200);
    } finally {
      await deps.dispose();
    }
  });

  it("an address over its limit gets 429 before its token is even checked (guessing is throttled)", async () => {
    const deps = await createTestDeps({ env: { API_TOKENS: `alice:reader:${READER}`, RATE_LIMIT_PER_ADDRESS_PER_MINUTE: "2" } });
    try {
      const app = createApp(deps);
      const guess = (n: number) => app.request("/api/facts", { headers: { Authorization: `Bearer wrong-guess-${n}-0000000000`, "cf-connecting-ip": "203.0.113.9" } });
      expect((await guess(1)).status).toBe(401);
      expect((await guess(2)).status).toBe(401);
      const third = await guess(3);
      expect(third.status).toBe(429);
      expect(third.headers.get("retry-after")).toMatch(/^\d+$/);
      // The health check and the pages are outside the limits.
      expect((await app.request("/healthz")).status).toBe(200);
    } finally {
      await deps.dispose();
    }
  });

  it("0 turns a limit off: more requests than the default 600 a minute from one address all pass", async () => {
    const deps = await createTestDeps({ env: { RATE_LIMIT_PER_MINUTE: "0", RATE_LIMIT_PER_ADDRESS_PER_MINUTE: "0" } });
    try {
      const app = createApp(deps);
      const statuses = await Promise.all(Array.from({ length: 650 }, () => Promise.resolve(app.request("/api/facts?park=none")).then((response) => response.status)));
      expect(new Set(statuses)).toEqual(new Set([200]));
    } finally {
      await deps.dispose();
    }
  });
});
