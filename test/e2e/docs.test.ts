/**
 * The /docs page in Debian's Chromium: every operation of /openapi.json is listed under its tag with method, path,
 * summary, role, parameters and body fields; the page loads nothing from any other origin and keeps the pages' CSP.
 * Saves test/artifacts/docs.png and docs-ask.png. Needs no corpus: the app runs on an empty in-memory database.
 */
import { mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { serve } from "@hono/node-server";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { parseConfig } from "../../src/config.ts";
import type { Deps } from "../../src/deps.ts";
import { buildNodeDeps } from "../../src/node/build-deps.ts";
import { CHROMIUM, CHROMIUM_ARGS, builtScript, chromiumAvailable, ensureWebBuild, screenshotPath } from "./e2e-stack.ts";

const haveChromium = chromiumAvailable();
if (!haveChromium && !process.env.CI) console.warn(`[e2e] ${CHROMIUM} not found: skipping the /docs browser test.`);

interface SpecOperation {
  summary: string;
  tags: string[];
  security: Array<Record<string, string[]>>;
}

describe.skipIf(!haveChromium && !process.env.CI)("/docs in Chromium", () => {
  let deps: Deps;
  let server: ReturnType<typeof serve>;
  let appUrl = "";
  let userDataDir = "";
  let browser: BrowserContext;
  let page: Page;
  const requested: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`Chromium is required for the browser tests in CI but ${CHROMIUM} is missing.`);
    const buildError = ensureWebBuild();
    builtScript("docs.js", buildError);
    deps = await buildNodeDeps(parseConfig({ LOG_LEVEL: "silent" }), { inMemory: true });
    const app = createApp(deps);
    server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const started = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(started));
    });
    appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    userDataDir = await mkdtemp(path.join(tmpdir(), "docs-chromium-"));
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM, headless: true, args: ["--headless", ...CHROMIUM_ARGS], viewport: { width: 1280, height: 900 }, locale: "zh-CN",
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on("request", (request) => requested.push(request.url()));
    page.on("response", (answer) => {
      if (answer.status() >= 400) problems.push(`${answer.status()} ${answer.url()}`);
    });
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
    (server as Server | undefined)?.closeAllConnections?.();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await deps?.db.close();
  }, 60_000);

  it("lists every operation of /openapi.json under its tag, with role and fields, from the service's own origin only", async () => {
    const response = await page.goto(`${appUrl}/docs`);
    expect(response?.status()).toBe(200);
    const policy = response?.headers()["content-security-policy"] ?? "";
    const chatPolicy = (await fetch(`${appUrl}/`)).headers.get("content-security-policy");
    expect(policy).toBe(chatPolicy);
    expect(policy).toContain("script-src 'self'");
    expect(response?.headers()["x-content-type-options"]).toBe("nosniff");

    const spec = (await (await fetch(`${appUrl}/openapi.json`)).json()) as { paths: Record<string, Record<string, SpecOperation>> };
    const expected = Object.entries(spec.paths).flatMap(([route, item]) => Object.entries(item).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${route}`, operation })));
    await expect.poll(() => page.locator("[data-operation]").count(), { timeout: 15_000 }).toBe(expected.length);

    const listed = await page.locator("[data-operation]").evaluateAll((cards) => cards.map((card) => ({
      key: card.getAttribute("data-operation"),
      tag: card.closest("section[data-tag]")?.getAttribute("data-tag"),
      summary: card.querySelector(".docs-summary")?.textContent,
      role: card.querySelector(".docs-role strong")?.textContent,
    })));
    for (const { key, operation } of expected) {
      const card = listed.find((item) => item.key === key);
      expect(card, key).toBeDefined();
      expect(card!.tag, key).toBe(operation.tags[0]);
      expect(card!.summary, key).toBe(operation.summary);
      const role = operation.security[0]?.bearerAuth[0];
      expect(card!.role, key).toContain(role ?? "无需令牌");
    }

    const ask = page.locator('[data-operation="POST /api/ask"]');
    const questionRow = ask.locator("table[aria-label='请求体 application/json'] tr", { hasText: "question" }).first();
    expect(await questionRow.locator("td").allTextContents()).toEqual(["question", "string", "是", "问题；长度 1–2000"]);
    expect(await ask.locator(".docs-role").textContent()).toBe("所需角色：reader（只读）");
    const facts = page.locator('[data-operation="GET /api/facts"] table[aria-label="参数"]');
    expect(await facts.locator("tbody td:first-child").allTextContents()).toEqual(["park", "period", "indicator"]);
    const chat = page.locator('[data-operation="POST /v1/chat/completions"]');
    expect(await chat.locator("td", { hasText: "messages[].role" }).count()).toBe(1);
    expect(await page.locator('[data-operation="POST /api/documents"] .docs-role').textContent()).toContain("admin");

    await page.screenshot({ path: screenshotPath("docs") });
    await ask.screenshot({ path: screenshotPath("docs-ask") });

    // The filter narrows the list and hides the tags left empty.
    await page.getByRole("searchbox", { name: "筛选接口" }).fill("/v1/models");
    await expect.poll(() => page.locator("[data-operation]:visible").count()).toBe(2);
    expect(await page.locator("section[data-tag]:visible").count()).toBe(1);

    const foreign = requested.filter((url) => !url.startsWith(`${appUrl}/`));
    expect(foreign).toEqual([]);
    expect(requested).toContain(`${appUrl}/openapi.json`);
    expect(problems).toEqual([]);
  }, 60_000);
});
