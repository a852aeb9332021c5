/**
 * What the browser end-to-end suite stands on: the built browser scripts, Debian's Chromium, the app on a real
 * port (in-memory PGlite with the sample corpus), an allowed "intranet" page embedding the widget and a page on
 * an origin that is not in WIDGET_ORIGINS.
 */
import { execFileSync } from "node:child_process";
import { accessSync, constants, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "../../src/app.ts";
import { parseConfig } from "../../src/config.ts";
import type { Deps } from "../../src/deps.ts";
import { buildNodeDeps } from "../../src/node/build-deps.ts";
import { loadCorpus } from "../../src/node/load-corpus.ts";

export const root = path.resolve(import.meta.dirname, "../..");
export const artifactsDir = path.join(root, "test/artifacts");
export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
];
export const WEB_SCRIPTS = ["widget.js", "chat.js", "draft.js", "admin.js", "docs.js"];
const webDir = path.join(root, "dist/web");
const webSources = path.join(root, "src/web");

/** Whether Debian's Chromium is installed and executable. */
export function chromiumAvailable(): boolean {
  try {
    accessSync(CHROMIUM, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Build dist/web/ when a script is missing or older than a source in src/web/ (`npm test` builds in pretest;
 * `npx vitest run test/e2e` alone does not). Returns the build's error output when it failed, else null.
 */
export function ensureWebBuild(): string | null {
  const outputs = WEB_SCRIPTS.map((name) => path.join(webDir, name));
  const oldest = Math.min(...outputs.map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)));
  const newest = Math.max(...readdirSync(webSources).map((name) => statSync(path.join(webSources, name)).mtimeMs));
  if (oldest > 0 && oldest >= newest) return null;
  try {
    execFileSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/build-web.ts"], { cwd: root, stdio: "pipe" });
    return null;
  } catch (error) {
    const failure = error as { stderr?: Buffer; message: string };
    return failure.stderr?.toString().trim() || failure.message;
  }
}

/** The built script's path, or an error naming why it is absent. */
export function builtScript(name: string, buildError: string | null): string {
  const file = path.join(webDir, name);
  if (!existsSync(file)) {
    throw new Error(`dist/web/${name} is missing${buildError ? `; scripts/build-web.ts failed:\n${buildError}` : ""}`);
  }
  return file;
}

export function screenshotPath(name: string): string {
  mkdirSync(artifactsDir, { recursive: true });
  return path.join(artifactsDir, `${name}.png`);
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export interface Stack {
  deps: Deps;
  /** http://127.0.0.1:<appPort> */
  appUrl: string;
  /** The allowed intranet page (its origin is WIDGET_ORIGINS). */
  hostUrl: string;
  hostOrigin: string;
  /** A page on an origin not in WIDGET_ORIGINS. */
  otherUrl: string;
  otherOrigin: string;
  stop(): Promise<void>;
}

/** The intranet page: its own CSS (red buttons, serif text) and the one widget tag. */
function hostPage(appUrl: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>江屿经济开发区 · 内网门户</title>
<style>
  body { font-family: serif; margin: 24px; background: #fffbe6; }
  button { background: red; color: yellow; font-size: 30px; border: 4px solid black; }
  .message, .chip, .panel { background: red !important; }
</style></head>
<body>
  <h1>江屿经济开发区内网门户</h1>
  <p>本页自带样式：所有 button 为红底黄字。</p>
  <button type="button" id="host-button">门户按钮</button>
  <script src="${appUrl}/widget.js" data-park="江屿经济开发区"></script>
</body></html>`;
}

/** The disallowed page: calls the API from its own origin and shows what happened. */
function otherPage(appUrl: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>外部网站</title></head>
<body>
  <h1>外部网站（不在 WIDGET_ORIGINS 中）</h1>
  <pre id="result">pending</pre>
  <script>
    window.__result = fetch(${JSON.stringify(`${appUrl}/api/ask`)}, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question: "江屿经济开发区2022年工业总产值是多少？" }),
    }).then(
      async (response) => ({ ok: true, status: response.status, body: await response.text() }),
      (error) => ({ ok: false, name: error.name, message: String(error.message) }),
    ).then((result) => {
      document.getElementById("result").textContent = JSON.stringify(result, null, 2);
      return result;
    });
  </script>
</body></html>`;
}

/** Start everything; the corpus load takes 30–60 s. */
export async function startStack(): Promise<Stack> {
  let appUrl = "";
  const html = (body: () => string) => createServer((request, response) => {
    if (request.url === "/" || request.url?.startsWith("/?")) {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(body());
    } else {
      response.writeHead(404).end();
    }
  });
  const host = html(() => hostPage(appUrl));
  const other = html(() => otherPage(appUrl));
  const hostOrigin = `http://127.0.0.1:${await listen(host)}`;
  const otherOrigin = `http://127.0.0.1:${await listen(other)}`;

  const deps = await buildNodeDeps(parseConfig({ LOG_LEVEL: "silent", WIDGET_ORIGINS: hostOrigin }), { inMemory: true });
  await loadCorpus(deps);
  const app = createApp(deps);
  const appServer = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(server));
  });
  appUrl = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}`;

  return {
    deps, appUrl, hostUrl: `${hostOrigin}/`, hostOrigin, otherUrl: `${otherOrigin}/`, otherOrigin,
    async stop() {
      await close(host);
      await close(other);
      if ("closeAllConnections" in appServer) (appServer as Server).closeAllConnections();
      await new Promise<void>((resolve) => appServer.close(() => resolve()));
      await deps.db.close();
    },
  };
}
