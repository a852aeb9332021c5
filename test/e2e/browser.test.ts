/**
 * Browser end-to-end: the widget embedded on an allowed intranet page, CORS against a foreign origin, the
 * drafting page and the admin page, driven in Debian's Chromium through playwright-core. Each test saves a
 * screenshot to test/artifacts/<name>.png.
 *
 * Without /usr/bin/chromium the suite is skipped locally (with a note) and fails in CI (CI installs it).
 */
import { readFile } from "node:fs/promises";
import mammoth from "mammoth";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CHROMIUM, CHROMIUM_ARGS, builtScript, chromiumAvailable, ensureWebBuild, screenshotPath, startStack, type Stack,
} from "./e2e-stack.ts";

const haveChromium = chromiumAvailable();
const inCi = Boolean(process.env.CI);
if (!haveChromium && !inCi) {
  console.warn(`[e2e] ${CHROMIUM} not found: skipping the browser tests (apt-get install chromium to run them; CI runs them).`);
}

const RED = "rgb(255, 0, 0)";
const PARK = "江屿经济开发区";
const WIDGET = "#park-assistant-widget";

let browser: Browser | undefined;
let stack: Stack | undefined;
let buildError: string | null = null;
const contexts: BrowserContext[] = [];

/** A fresh page (own context) that records uncaught page errors and dialogs. */
async function openPage(options: { viewport?: { width: number; height: number }; acceptConfirm?: boolean } = {}): Promise<{ page: Page; errors: Error[]; dialogs: string[] }> {
  const context = await browser!.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 }, locale: "zh-CN", acceptDownloads: true,
    ...(options.viewport ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  contexts.push(context);
  const page = await context.newPage();
  const errors: Error[] = [];
  const dialogs: string[] = [];
  page.on("pageerror", (error) => errors.push(error));
  page.on("dialog", (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void (options.acceptConfirm && dialog.type() === "confirm" ? dialog.accept() : dialog.dismiss());
  });
  return { page, errors, dialogs };
}

const shot = (page: Page, name: string) => page.screenshot({ path: screenshotPath(name) });

/** The widget's last assistant bubble (Playwright's CSS locators pierce the open shadow root). */
const assistantBubbles = (page: Page) => page.locator(`${WIDGET} .message.assistant`);

async function askInWidget(page: Page, question: string): Promise<void> {
  const before = await page.locator(`${WIDGET} .message.assistant[data-state="done"]`).count();
  await page.locator(`${WIDGET} textarea[aria-label="输入问题"]`).fill(question);
  await page.locator(`${WIDGET} button[aria-label="发送"]`).click();
  await expect.poll(() => page.locator(`${WIDGET} .message.assistant[data-state="done"]`).count(), { timeout: 30_000 }).toBe(before + 1);
}

/**
 * Runs in the page: wrap fetch so that an event-stream body reaches the caller one SSE event per `delayMs`
 * (bytes unchanged, order kept), logging each event's delivery in window.__sseEvents.
 */
function pacedEventStreams(delayMs: number): void {
  const original = window.fetch.bind(window);
  const log: Array<{ t: number; event: string }> = [];
  (window as any).__sseEvents = log;
  window.fetch = async (...args: Parameters<typeof fetch>) => {
    const response = await original(...args);
    if (!(response.headers.get("content-type") ?? "").includes("text/event-stream") || !response.body) return response;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const encoder = new TextEncoder();
    let buffer = "";
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        for (;;) {
          const cut = buffer.indexOf("\n\n");
          if (cut >= 0) {
            const block = buffer.slice(0, cut + 2);
            buffer = buffer.slice(cut + 2);
            await new Promise((resolve) => setTimeout(resolve, delayMs));
            log.push({ t: performance.now(), event: /^event: ?(.*)$/m.exec(block)?.[1] ?? "message" });
            controller.enqueue(encoder.encode(block));
            return;
          }
          const { value, done } = await reader.read();
          if (done) {
            if (buffer) controller.enqueue(encoder.encode(buffer));
            controller.close();
            return;
          }
          buffer += decoder.decode(value, { stream: true });
        }
      },
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

describe.skipIf(!haveChromium && !inCi)("browser end-to-end (Chromium)", () => {
  beforeAll(async () => {
    if (!haveChromium) {
      throw new Error(`Chromium is required for the browser tests in CI but ${CHROMIUM} is missing: install Debian's chromium package.`);
    }
    buildError = ensureWebBuild();
    builtScript("widget.js", buildError);
    stack = await startStack();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  // The first three widget tests share one page and one conversation.
  let widget: Awaited<ReturnType<typeof openPage>>;

  it("widget on the allowed origin: keyboard open, streamed answer, verified chip with its source, no CSS leak", async () => {
    widget = await openPage();
    const { page, errors } = widget;
    await page.goto(stack!.hostUrl);
    const launcher = page.locator(`${WIDGET} button[aria-label="打开园区助手"]`);
    await expect.poll(() => launcher.isVisible()).toBe(true);

    // The host page's `button { background: red }` applies to its own button, not to the widget's.
    expect(await page.locator("#host-button").evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(RED);
    const launcherBackground = await launcher.evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(launcherBackground).not.toBe(RED);
    expect(launcherBackground).toBe("rgb(31, 95, 191)");

    // Keyboard: Tab reaches the launcher (after the host's own button), Enter opens the panel and focuses the input.
    const focusedInWidget = () => page.evaluate((selector) => {
      const active = document.activeElement;
      return active === document.querySelector(selector) ? active?.shadowRoot?.activeElement?.getAttribute("aria-label") ?? null : null;
    }, WIDGET);
    let reached = false;
    for (let i = 0; i < 6 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = (await focusedInWidget()) === "打开园区助手";
    }
    expect(reached, "Tab should reach the launcher").toBe(true);
    await page.keyboard.press("Enter");
    const panel = page.locator(`${WIDGET} [role="dialog"][aria-label="园区工作总结助手"]`);
    await expect.poll(() => panel.isVisible()).toBe(true);
    expect(await launcher.getAttribute("aria-expanded")).toBe("true");
    expect(await focusedInWidget()).toBe("输入问题");

    // The protocol: token events precede the done event and concatenate to its answer.
    const question = "江屿经济开发区2022年工业总产值是多少？";
    const sse = await (await fetch(`${stack!.appUrl}/api/ask`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream", Origin: stack!.hostOrigin },
      body: JSON.stringify({ question, park: PARK }),
    })).text();
    const events = [...sse.matchAll(/^event: (\w+)\ndata: (.*)$/gm)].map((match) => ({ event: match[1], data: JSON.parse(match[2]) }));
    const doneAt = events.findIndex((event) => event.event === "done");
    expect(doneAt).toBeGreaterThan(0);
    expect(events.slice(0, doneAt).every((event) => event.event === "token")).toBe(true);
    expect(events.slice(0, doneAt).map((event) => event.data.text).join("")).toBe(events[doneAt].data.answer);

    // The browser: offline answers leave the server in one burst (token events, then done, in one write), so no
    // network throttling can show them apart. The page's fetch therefore hands the widget's SSE body over one
    // event per 300 ms (unchanged bytes, in order), and the bubble is sampled every few milliseconds: the token
    // text must be on screen while the bubble still says "streaming", well before "done". A widget that renders
    // only the final answer never shows a streaming bubble with text and fails here.
    await page.evaluate(pacedEventStreams, 300);
    await page.evaluate((selector) => {
      const root = document.querySelector(selector)!.shadowRoot!;
      const samples: Array<{ t: number; state: string | null; text: string }> = [];
      (window as any).__samples = samples;
      const sample = () => {
        const bubble = [...root.querySelectorAll(".message.assistant")].at(-1);
        if (bubble) samples.push({ t: performance.now(), state: bubble.getAttribute("data-state"), text: bubble.querySelector(".answer")?.textContent ?? "" });
        if (!bubble || bubble.getAttribute("data-state") !== "done") setTimeout(sample, 4);
      };
      sample();
    }, WIDGET);
    await askInWidget(page, question);
    const delivered = (await page.evaluate(() => (window as any).__sseEvents)) as Array<{ t: number; event: string }>;
    expect(delivered.map((entry) => entry.event)).toEqual(events.map((entry) => entry.event));
    const samples = (await page.evaluate(() => (window as any).__samples)) as Array<{ t: number; state: string; text: string }>;
    const firstText = samples.findIndex((entry) => entry.state === "streaming" && entry.text.length > 0);
    const done = samples.findIndex((entry) => entry.state === "done");
    expect(firstText, "a streaming bubble with text was never on screen").toBeGreaterThanOrEqual(0);
    expect(done).toBeGreaterThan(firstText);
    expect(samples[done].t - samples[firstText].t, "tokens should be visible well before done").toBeGreaterThan(100);
    expect(events[doneAt].data.answer.startsWith(samples[firstText].text)).toBe(true);

    // The finished answer: 352.9 as a verified chip; clicking it opens the popup with the source quote.
    const answer = assistantBubbles(page).last();
    expect(await answer.locator(".answer").textContent()).toContain("352.9亿元");
    const chip = answer.locator('button.chip[data-status="verified"]', { hasText: "352.9" });
    expect(await chip.count()).toBe(1);
    expect(await chip.evaluate((element) => getComputedStyle(element).backgroundColor)).not.toBe(RED);
    await chip.click();
    const popup = page.locator(`${WIDGET} .fact-popup`);
    await expect.poll(() => popup.isVisible()).toBe(true);
    const quote = (await popup.locator(".quote").first().textContent())?.trim() ?? "";
    expect(quote.length).toBeGreaterThan(0);
    expect(quote).toContain("352.9");
    await shot(page, "1-widget-answer");
    expect(errors).toEqual([]);
  }, 60_000);

  it("widget keyboard: Escape closes the fact popup (panel stays open), a second Escape closes the panel", async () => {
    const { page, errors } = widget;
    const panel = page.locator(`${WIDGET} [role="dialog"][aria-label="园区工作总结助手"]`);
    const popup = page.locator(`${WIDGET} .fact-popup`);
    const chip = assistantBubbles(page).last().locator('button.chip[data-status="verified"]', { hasText: "352.9" });
    if (!(await popup.isVisible())) await chip.click();
    await expect.poll(() => popup.isVisible()).toBe(true);
    const focused = () => page.evaluate((selector) => {
      const active = document.querySelector(selector)?.shadowRoot?.activeElement;
      return active ? `${active.tagName.toLowerCase()}.${active.className}` : null;
    }, WIDGET);
    expect(await focused()).toBe("div.fact-popup");

    await page.keyboard.press("Escape");
    await expect.poll(() => popup.count()).toBe(0);
    const panelOpen = await panel.isVisible();
    await shot(page, "1b-widget-escape");
    expect(panelOpen, "Escape on the fact popup should close the popup only, not the panel").toBe(true);
    expect(await focused(), "focus returns to the chip").toMatch(/^button\.chip/);

    await page.keyboard.press("Escape");
    await expect.poll(() => panel.isVisible()).toBe(false);
    expect(await focused()).toBe("button.launcher");
    expect(await page.locator(`${WIDGET} button[aria-label="打开园区助手"]`).getAttribute("aria-expanded")).toBe("false");
    expect(errors).toEqual([]);
  }, 60_000);

  it("widget follow-up: 那2023年呢？ answers for the same park and year 2023 with a chip", async () => {
    const { page, errors } = widget;
    // The same conversation: reopen the panel the previous test closed.
    const panel = page.locator(`${WIDGET} [role="dialog"][aria-label="园区工作总结助手"]`);
    if (!(await panel.isVisible())) await page.locator(`${WIDGET} button[aria-label="打开园区助手"]`).click();
    await expect.poll(() => panel.isVisible()).toBe(true);
    expect(await assistantBubbles(page).count()).toBe(1);
    await askInWidget(page, "那2023年呢？");
    const answer = assistantBubbles(page).last();
    const text = (await answer.locator(".answer").textContent()) ?? "";
    expect(text).toContain(PARK);
    expect(text).toContain("2023");
    expect(await answer.locator("button.chip").count()).toBeGreaterThan(0);
    expect(await answer.locator('button.chip[data-status="verified"]', { hasText: "371.2" }).count()).toBe(1);
    expect(await assistantBubbles(page).count()).toBe(2);
    await shot(page, "2-widget-follow-up");
    expect(errors).toEqual([]);
  }, 60_000);

  it("a page on an origin outside WIDGET_ORIGINS cannot call the API; the allowed origin's preflight passes", async () => {
    const { page, errors } = await openPage();
    await page.goto(stack!.otherUrl);
    const result = await page.evaluate(() => (window as any).__result);
    expect(result).toMatchObject({ ok: false, name: "TypeError" });
    await expect.poll(() => page.locator("#result").textContent()).toContain("TypeError");
    await shot(page, "3-disallowed-origin");

    const api = `${stack!.appUrl}/api/ask`;
    const body = JSON.stringify({ question: "江屿经济开发区2022年工业总产值是多少？" });
    const refused = await fetch(api, { method: "POST", headers: { "Content-Type": "application/json", Origin: stack!.otherOrigin }, body });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    const refusedPreflight = await fetch(api, {
      method: "OPTIONS",
      headers: { Origin: stack!.otherOrigin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
    });
    expect(refusedPreflight.status).toBe(403);
    expect(refusedPreflight.headers.get("access-control-allow-origin")).toBeNull();

    const preflight = await fetch(api, {
      method: "OPTIONS",
      headers: { Origin: stack!.hostOrigin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(stack!.hostOrigin);
    expect(preflight.headers.get("access-control-allow-methods") ?? "").toContain("POST");
    const allowed = await fetch(api, { method: "POST", headers: { "Content-Type": "application/json", Origin: stack!.hostOrigin }, body });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(stack!.hostOrigin);
    expect(errors).toEqual([]);
  }, 60_000);

  it("widget trend question draws an svg.chart of the series", async () => {
    const { page, errors } = await openPage();
    await page.goto(stack!.hostUrl);
    await page.locator(`${WIDGET} button[aria-label="打开园区助手"]`).click();
    await askInWidget(page, "2020到2024年江屿的税金变化");
    const answer = assistantBubbles(page).last();
    const chart = answer.locator("svg.chart");
    await expect.poll(() => chart.isVisible()).toBe(true);
    const description = (await chart.locator("desc").textContent()) ?? "";
    for (const value of ["11.05", "13.26", "14.18", "14.87", "16.02"]) expect(description).toContain(value);
    expect(await chart.locator("circle").count()).toBe(5);
    await answer.scrollIntoViewIfNeeded();
    await chart.scrollIntoViewIfNeeded();
    await shot(page, "4-widget-trend-chart");
    expect(errors).toEqual([]);
  }, 60_000);
  it("/draft: a generated 工作总结 has chips; an edited figure is flagged on 重新核对; 下载 Word saves a .docx", async () => {
    builtScript("draft.js", buildError);
    const { page, errors } = await openPage();
    await page.goto(`${stack!.appUrl}/draft`);
    const park = page.getByLabel("园区", { exact: true });
    await expect.poll(() => park.locator("option", { hasText: PARK }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await park.selectOption(PARK);
    await page.getByLabel("年份", { exact: true }).fill("2024");
    await page.getByLabel("类型", { exact: true }).selectOption({ label: "工作总结" });
    await page.getByRole("button", { name: "生成初稿" }).click();

    // The figures of the draft as chips in the read-only view beside the editor.
    const view = page.getByLabel("数字核对视图");
    const editor = page.getByLabel("初稿正文");
    await expect.poll(() => view.locator("button.chip").count(), { timeout: 30_000 }).toBeGreaterThan(5);
    expect(await page.locator("h2").filter({ hasText: "江屿经济开发区2024年工作总结" }).count()).toBeGreaterThan(0);
    const verified = view.locator('button.chip[data-status="verified"]', { hasText: "402.6" });
    const before = await verified.count();
    expect(before).toBeGreaterThan(0);
    expect(await view.locator('button.chip[data-status="mismatch"], button.chip[data-status="unsupported"]').count()).toBe(0);

    // Type 999.9 over the first 402.6 in the editor, then check again: the new figure is flagged.
    const text = await editor.inputValue();
    const at = text.indexOf("402.6");
    expect(at, "the draft states 402.6 (2024 工业总产值)").toBeGreaterThanOrEqual(0);
    await editor.evaluate((element, [start, end]) => {
      const area = element as HTMLTextAreaElement;
      area.focus();
      area.setSelectionRange(start, end);
    }, [at, at + "402.6".length]);
    await page.keyboard.insertText("999.9");
    expect(await editor.inputValue()).toBe(`${text.slice(0, at)}999.9${text.slice(at + 5)}`);
    await page.getByRole("button", { name: "重新核对" }).click();
    const flagged = view.locator('button.chip[data-status="mismatch"], button.chip[data-status="unsupported"]', { hasText: "999.9" });
    await expect.poll(() => flagged.count(), { timeout: 15_000 }).toBe(1);
    expect(await verified.count()).toBe(before - 1);
    expect(await page.getByRole("status").filter({ hasText: "核对结果" }).textContent()).toMatch(/不符 [1-9]|无依据 [1-9]/);
    // The picture: the toolbar with the 核对结果 line at the top, the edited line in both panes.
    await flagged.scrollIntoViewIfNeeded();
    await editor.evaluate((element, offset) => {
      const area = element as HTMLTextAreaElement;
      area.scrollTop = Math.max(0, (offset / area.value.length) * area.scrollHeight - area.clientHeight / 3);
    }, at);
    await page.getByRole("button", { name: "重新核对" }).evaluate((element) => window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 12));
    await shot(page, "5-draft-recheck");
    await flagged.click();
    const popup = page.locator(".fact-popup");
    await expect.poll(() => popup.isVisible()).toBe(true);
    expect(await popup.locator(".expected").textContent()).toContain("402.6");
    await shot(page, "5b-draft-mismatch-popup");
    await page.keyboard.press("Escape");
    await expect.poll(() => popup.count()).toBe(0);

    // 下载 Word: the edited text as a .docx (a zip: "PK") that says 999.9 where the draft said 402.6.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载 Word" }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    expect(download.suggestedFilename()).toContain("江屿经济开发区2024年工作总结");
    const bytes = await readFile((await download.path())!);
    expect(bytes.length).toBeGreaterThan(1000);
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    const { value: wordText } = await mammoth.extractRawText({ buffer: bytes });
    expect(wordText).toContain("999.9亿元");
    expect(wordText).not.toContain("402.6亿元");
    expect(errors).toEqual([]);
  }, 60_000);

  it("/admin: an uploaded .txt is listed with its facts, and markup in it stays text", async () => {
    builtScript("admin.js", buildError);
    const { page, errors, dialogs } = await openPage();
    await page.goto(`${stack!.appUrl}/admin`);
    const injection = "<img src=x onerror=alert(1)>";
    const title = `测试园区${injection}2024年工作总结`;
    const text = `${title}\n测试园区2024年工作总结。园区实现工业总产值12.5亿元，同比增长3.2%。${injection}\n`;
    await expect.poll(() => page.locator("tr[data-id]").count(), { timeout: 15_000 }).toBeGreaterThan(10);
    await page.getByLabel("选择文件").setInputFiles({ name: "e2e-upload.txt", mimeType: "text/plain", buffer: Buffer.from(text, "utf8") });
    await expect.poll(() => page.getByLabel("上传进度", { exact: true }).textContent(), { timeout: 30_000 }).toContain("已导入：测试园区");

    // Listed, with the title as text.
    const row = page.locator("tr[data-id]", { hasText: title });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.locator("td").first().textContent()).toBe(title);
    expect(await row.locator("td").nth(1).textContent()).toBe("测试园区");

    // Its facts: 12.5亿元 with the quote.
    await row.getByRole("button", { name: `查看“${title}”的事实` }).click();
    const detail = page.getByRole("region", { name: "资料详情" });
    await expect.poll(() => detail.textContent(), { timeout: 15_000 }).toContain("12.5亿元");
    const detailText = (await detail.textContent()) ?? "";
    expect(detailText).toContain("工业总产值");
    expect(detailText).toContain("同比增长3.2%");
    expect(await detail.locator("h2").textContent()).toBe(title);
    await detail.getByText("查看原文").click();

    // The markup is literal text everywhere: no <img src=x>, no alert.
    expect(await page.locator("body").innerText()).toContain(injection);
    expect(await page.evaluate(() => [...document.querySelectorAll("img")].filter((img) => img.getAttribute("src") === "x").length)).toBe(0);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await detail.scrollIntoViewIfNeeded();
    await shot(page, "6-admin-upload");
    expect(dialogs).toEqual([]);

    // The fact browser finds the new fact by park and indicator, with its document as the source.
    const facts = page.getByRole("region", { name: "事实数据库" });
    await facts.getByLabel("园区").selectOption("测试园区");
    await facts.getByLabel("指标").fill("工业总产值");
    await facts.getByRole("button", { name: "查询" }).click();
    await expect.poll(() => facts.locator("tbody tr").count(), { timeout: 15_000 }).toBe(1);
    const factCells = await facts.locator("tbody tr td").allTextContents();
    expect(factCells.slice(0, 4)).toEqual(["工业总产值", "12.5", "亿元", "2024年"]);
    expect(factCells.at(-1)).toBe(title);
    await facts.scrollIntoViewIfNeeded();
    await shot(page, "6b-admin-fact-browser");
    expect(errors).toEqual([]);
  }, 60_000);

  it("/admin: 删除 asks first; dismissed keeps the document, accepted removes it and its facts", async () => {
    const title = "删除测试园区2024年工作总结";
    const upload = async (page: Page) => {
      await page.goto(`${stack!.appUrl}/admin`);
      await expect.poll(() => page.locator("tr[data-id]").count(), { timeout: 15_000 }).toBeGreaterThan(10);
    };
    const dismissing = await openPage();
    await upload(dismissing.page);
    await dismissing.page.getByLabel("选择文件").setInputFiles({
      name: "e2e-delete.txt", mimeType: "text/plain",
      buffer: Buffer.from(`${title}\n删除测试园区2024年工作总结。园区实现工业总产值7.5亿元。\n`, "utf8"),
    });
    const row = (page: Page) => page.locator("tr[data-id]", { hasText: title });
    await expect.poll(() => row(dismissing.page).count(), { timeout: 30_000 }).toBe(1);
    await row(dismissing.page).getByRole("button", { name: `删除“${title}”` }).click();
    await expect.poll(() => dismissing.dialogs.length).toBe(1);
    expect(dismissing.dialogs[0]).toMatch(/^confirm: 确定删除/);
    expect(await row(dismissing.page).count()).toBe(1);

    const accepting = await openPage({ acceptConfirm: true });
    await upload(accepting.page);
    await row(accepting.page).getByRole("button", { name: `删除“${title}”` }).click();
    await expect.poll(() => row(accepting.page).count(), { timeout: 15_000 }).toBe(0);
    const { facts } = (await (await fetch(`${stack!.appUrl}/api/facts?park=${encodeURIComponent("删除测试园区")}`)).json()) as { facts: unknown[] };
    expect(facts).toEqual([]);
    expect([...dismissing.errors, ...accepting.errors]).toEqual([]);
  }, 60_000);

  it("/ chat page: the park picker, then this browser's history reopens a conversation with its turns and continues it", async () => {
    builtScript("chat.js", buildError);
    const { page, errors } = await openPage();
    await page.goto(`${stack!.appUrl}/`);
    const picker = page.getByLabel("选择园区");
    await expect.poll(() => picker.locator("option", { hasText: PARK }).count(), { timeout: 15_000 }).toBe(1);
    await picker.selectOption(PARK);
    const done = page.locator('.message.assistant[data-state="done"]');
    const ask = async (question: string, count: number) => {
      await page.getByLabel("输入问题").fill(question);
      await page.getByRole("button", { name: "发送" }).click();
      await expect.poll(() => done.count(), { timeout: 30_000 }).toBe(count);
    };
    await ask("2022年工业总产值是多少？", 1);
    expect(await done.last().locator('button.chip[data-status="verified"]', { hasText: "352.9" }).count()).toBe(1);

    // A reload starts empty; the history lists the conversation; opening it shows the turn again with its chip.
    await page.reload();
    const history = page.getByRole("navigation", { name: "历史对话" });
    const entry = history.getByRole("button", { name: "2022年工业总产值是多少？" });
    await expect.poll(() => entry.count(), { timeout: 15_000 }).toBe(1);
    expect(await done.count()).toBe(0);
    await entry.click();
    await expect.poll(() => done.count()).toBe(1);
    expect(await page.locator(".message.user").first().textContent()).toBe("2022年工业总产值是多少？");
    expect(await done.first().locator('button.chip[data-status="verified"]', { hasText: "352.9" }).count()).toBe(1);
    expect(await picker.inputValue()).toBe(PARK);

    // The follow-up continues that conversation (same park, the new year), and the entry counts two turns.
    await ask("那2023年呢？", 2);
    expect(await done.last().locator('button.chip[data-status="verified"]', { hasText: "371.2" }).count()).toBe(1);
    await expect.poll(() => history.getByRole("button", { name: /2022年工业总产值是多少？（2轮）/ }).count()).toBe(1);
    await shot(page, "7-chat-page-history");
    expect(errors).toEqual([]);
  }, 90_000);

  it("widget: a refused token and an unreachable service each show a clear Chinese message, and the next ask works", async () => {
    const { page, errors } = await openPage();
    await page.goto(stack!.hostUrl);
    await page.locator(`${WIDGET} button[aria-label="打开园区助手"]`).click();
    const alert = page.locator(`${WIDGET} .error[role="alert"]`);
    const send = async (question: string) => {
      await page.locator(`${WIDGET} textarea[aria-label="输入问题"]`).fill(question);
      await page.locator(`${WIDGET} button[aria-label="发送"]`).click();
    };
    // What the service says to a bad token (401 problem+json), as the browser receives it.
    await page.route("**/api/ask", (route) => route.fulfill({
      status: 401, contentType: "application/problem+json",
      headers: { "access-control-allow-origin": stack!.hostOrigin },
      body: JSON.stringify({ type: "about:blank", title: "Unauthorized", status: 401, detail: "访问令牌无效" }),
    }));
    await send("2022年工业总产值是多少？");
    await expect.poll(() => alert.count(), { timeout: 15_000 }).toBe(1);
    expect(await alert.textContent()).toContain("访问令牌无效");
    // The service gone: the connection fails.
    await page.unroute("**/api/ask");
    await page.route("**/api/ask", (route) => route.abort("connectionrefused"));
    await send("2022年工业总产值是多少？");
    await expect.poll(() => alert.count(), { timeout: 15_000 }).toBe(2);
    const down = (await alert.last().textContent()) ?? "";
    expect(down).toMatch(/无法连接/);
    await shot(page, "9-widget-errors");
    await page.unroute("**/api/ask");
    await askInWidget(page, "2022年工业总产值是多少？");
    expect(await assistantBubbles(page).last().locator('button.chip[data-status="verified"]', { hasText: "352.9" }).count()).toBe(1);
    expect(errors).toEqual([]);
  }, 60_000);

  it("/?q=…&park=… (the link in a bot reply) opens with that question answered for that park", async () => {
    const { page, errors } = await openPage();
    await page.goto(`${stack!.appUrl}/?${new URLSearchParams({ q: "江屿经济开发区2023年工业总产值", park: PARK })}`);
    const done = page.locator('.message.assistant[data-state="done"]');
    await expect.poll(() => done.count(), { timeout: 30_000 }).toBe(1);
    expect(await done.first().locator('button.chip[data-status="verified"]', { hasText: "371.2" }).count()).toBe(1);
    expect(await page.getByLabel("选择园区").inputValue()).toBe(PARK);
    expect(new URL(page.url()).search).toBe("");
    expect(errors).toEqual([]);
  }, 60_000);

  it("widget on a phone: the panel fills the screen, the answer and its chip fit without sideways scrolling", async () => {
    const { page, errors } = await openPage({ viewport: { width: 390, height: 844 } });
    await page.goto(stack!.hostUrl);
    await page.locator(`${WIDGET} button[aria-label="打开园区助手"]`).click();
    await askInWidget(page, "2022年工业总产值是多少？");
    const panel = await page.locator(`${WIDGET} .panel`).boundingBox();
    expect(panel).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
    const overflow = await page.locator(`${WIDGET} .messages`).evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const chip = assistantBubbles(page).last().locator('button.chip[data-status="verified"]', { hasText: "352.9" });
    const box = (await chip.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await chip.tap();
    await expect.poll(() => page.locator(`${WIDGET} .fact-popup`).isVisible()).toBe(true);
    const popup = (await page.locator(`${WIDGET} .fact-popup`).boundingBox())!;
    expect(popup.x).toBeGreaterThanOrEqual(0);
    expect(popup.x + popup.width).toBeLessThanOrEqual(390);
    await shot(page, "8-widget-phone");
    expect(errors).toEqual([]);
  }, 60_000);
});
