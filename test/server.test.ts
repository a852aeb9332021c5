import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openPostgres } from "../src/db/pg-client.ts";

const root = path.resolve(import.meta.dirname, "..");
const children: ChildProcess[] = [];

/**
 * The built server (`npm test` builds it first), as `node build/server.js`, or through npm as `npm start` is run
 * (its build step skipped: the test run has just built).
 */
function start(env: Record<string, string>, { viaNpm = false } = {}): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const [command, args] = viaNpm ? ["npm", ["start", "--ignore-scripts", "--silent"]] : [process.execPath, ["build/server.js"]];
  const child = spawn(command, args, { cwd: root, env: { ...process.env, LOG_LEVEL: "warn", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (data) => (output += data));
  child.stderr!.on("data", (data) => (output += data));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForHealth(port: number, timeoutMs: number): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return (await response.json()) as Record<string, unknown>;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no /healthz on ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function stop(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  child.kill("SIGTERM");
  await exited;
}

const port = () => 20000 + Math.floor(Math.random() * 20000);

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});

describe("npm start (build/server.js)", () => {
  it("fails with one clear line on a bad PORT", async () => {
    const server = start({ PORT: "abc" });
    expect(await server.exited).toBe(1);
    const lines = server.output().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("PORT");
    expect(lines[0]).toContain('"abc"');
  });

  it("serves on embedded PGlite with the sample corpus loaded, and keeps data across a restart", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "park-data-"));
    try {
      const first = port();
      const server = start({ PORT: String(first), DATA_DIR: dataDir });
      const started = Date.now();
      const health = await waitForHealth(first, 60_000);
      const startupMs = Date.now() - started;
      expect(health).toMatchObject({ ok: true, db: "pglite", llm: "offline" });
      expect(health.documents as number).toBeGreaterThanOrEqual(20);
      expect(health.facts as number).toBeGreaterThan(100);
      expect(startupMs).toBeLessThan(60_000);
      const upload = await fetch(`http://127.0.0.1:${first}/api/documents`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: "测试园区2023年工作总结。一、2023年工作开展情况。园区实现工业总产值12.5亿元，同比增长3.2%。", park: "测试园区", year: 2023 }),
      });
      expect(upload.status).toBe(201);
      const { id } = (await upload.json()) as { id: string };
      await stop(server.child, server.exited);

      const second = port();
      const again = start({ PORT: String(second), DATA_DIR: dataDir });
      const after = await waitForHealth(second, 60_000);
      expect(after.documents).toBe((health.documents as number) + 1);
      const fetched = await fetch(`http://127.0.0.1:${second}/api/documents/${id}`);
      expect(fetched.status).toBe(200);
      expect(((await fetched.json()) as { park: string }).park).toBe("测试园区");
      await stop(again.child, again.exited);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 150_000);

  it("SIGTERM to npm start finishes the five uploads in flight, closes the database and stops", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "park-data-"));
    try {
      const listen = port();
      const server = start({ PORT: String(listen), DATA_DIR: dataDir, LOG_LEVEL: "info" }, { viaNpm: true });
      await waitForHealth(listen, 90_000);
      const base = `http://127.0.0.1:${listen}`;
      const post = (route: string, body: unknown) => fetch(`${base}${route}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
        .then((response) => response.status, (error: Error) => `reset: ${error.message}`);
      // Five long uploads (seconds of work each, one after another on the embedded database), all running when the signal comes.
      const longText = (n: number) => `停机${n}号园区2024年工作总结\n${`2024年，停机${n}号园区实现工业总产值12.5亿元，同比增长3.2%；新签约项目8个，总投资20.1亿元。\n`.repeat(3000)}`;
      const inFlight = Array.from({ length: 5 }, (_, n) => post("/api/documents", { text: longText(n), park: `停机${n}号园区`, year: 2024 }));
      // Signal once the server is working on all five (its in-flight gauge counts them, and this metrics request).
      const deadline = Date.now() + 30_000;
      for (;;) {
        const metrics = await (await fetch(`${base}/metrics`)).text();
        const inFlight = Number(/^http_requests_in_flight (\d+)/m.exec(metrics)?.[1] ?? 0);
        if (inFlight >= 6) break;
        if (Date.now() > deadline) throw new Error(`only ${inFlight - 1} requests in flight`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      server.child.kill("SIGTERM"); // to npm, as a service manager or `docker stop` sends it
      expect(await Promise.all(inFlight)).toEqual([201, 201, 201, 201, 201]);
      // npm forwards the signal, waits for the server, then ends itself by the same signal (no exit code).
      expect([0, null]).toContain(await server.exited);
      expect(server.output()).toContain("shutting down");
      expect(server.output()).toContain('"stopped"');
      // No new connection is taken once it stops, and what it finished is on disk.
      await expect(fetch(`${base}/healthz`)).rejects.toThrow();
      const again = start({ PORT: String(listen), DATA_DIR: dataDir });
      await waitForHealth(listen, 60_000);
      const listed = (await (await fetch(`${base}/api/documents`)).json()) as { documents: Array<{ park: string }> };
      expect(listed.documents.filter((document) => document.park.startsWith("停机")).map((document) => document.park).sort())
        .toEqual(["停机0号园区", "停机1号园区", "停机2号园区", "停机3号园区", "停机4号园区"]);
      await stop(again.child, again.exited);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 240_000);

  it.skipIf(!process.env.PG_TEST_URL)("says db: postgres with DATABASE_URL set", async () => {
    const url = process.env.PG_TEST_URL!;
    const schema = `srv_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
    const admin = await openPostgres(url, { max: 1 });
    await admin.exec(`CREATE SCHEMA ${schema}`);
    try {
      const databaseUrl = `${url}${url.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema},public`)}`;
      const listen = port();
      const server = start({ PORT: String(listen), DATABASE_URL: databaseUrl, LOAD_CORPUS: "never" });
      const health = await waitForHealth(listen, 30_000);
      expect(health).toMatchObject({ ok: true, db: "postgres", documents: 0 });
      await stop(server.child, server.exited);
    } finally {
      await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    }
  }, 60_000);
});
