import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMigrationsFromDisk } from "../src/db/load-migrations.ts";

// The Worker itself, in workerd under `wrangler dev` (local mode), reaching the real Postgres + pgvector at
// PG_TEST_URL through the HYPERDRIVE binding of wrangler.toml.
const root = path.resolve(import.meta.dirname, "..");
const url = process.env.PG_TEST_URL;
const READY_TIMEOUT_MS = 30_000;

/**
 * Local Hyperdrive rebuilds the connection string from user, password and database only: query parameters such as
 * `options=-c search_path=…` are dropped, so isolation is a fresh database. It also insists on a password; a
 * trust-auth server (the test Postgres) ignores the placeholder.
 */
function hyperdriveUrl(base: string, database: string): string {
  const target = new URL(base);
  target.pathname = `/${database}`;
  if (!target.password) target.password = "unused-with-trust-auth";
  return target.toString();
}

interface DevServer {
  child: ChildProcess;
  origin: string;
  output: () => string;
}

/** Start `wrangler dev` in its own process group and resolve with the origin it prints once ready. */
function startWranglerDev(environment: Record<string, string>, persistTo: string): Promise<DevServer> {
  const child = spawn(
    process.execPath,
    [
      path.join(root, "node_modules/wrangler/bin/wrangler.js"), "dev", "--local",
      "--ip", "127.0.0.1", "--port", "0", "--inspector-port", "0",
      "--persist-to", persistTo, "--show-interactive-dev-session=false", "--log-level", "info",
    ],
    {
      cwd: root,
      detached: true, // its own process group, so afterAll can end wrangler, esbuild and workerd together
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        ...environment,
        CI: "true",
        NO_COLOR: "1",
        FORCE_COLOR: "0",
        // Nothing leaves this machine: no metrics, no Request.cf fetch, no update check (it rides on the banner).
        WRANGLER_SEND_METRICS: "false",
        CLOUDFLARE_CF_FETCH_ENABLED: "false",
        WRANGLER_HIDE_BANNER: "true",
      },
    },
  );
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`wrangler dev not ready after ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      stopProcessGroup(child);
      reject(new Error(`${error.message}\n--- wrangler output ---\n${output}`));
    };
    const read = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const ready = output.match(/Ready on (http:\/\/127\.0\.0\.1:\d+)/);
      if (ready) {
        clearTimeout(timer);
        resolve({ child, origin: ready[1], output: () => output });
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("error", fail);
    child.once("exit", (code) => fail(new Error(`wrangler dev exited with code ${code}`)));
  });
}

/** SIGTERM the whole group, SIGKILL it if it is still there after 5 s. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // The group is already gone.
    }
  };
  signal("SIGTERM");
  const killed = await Promise.race([exited.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 5_000))]);
  if (killed) signal("SIGKILL");
  // Children (workerd) may outlive wrangler's node process for a moment; SIGKILL the group to be sure.
  signal("SIGKILL");
}

describe.skipIf(!url)(
  url ? "the Worker under wrangler dev (workerd → Hyperdrive → Postgres)" : "the Worker under wrangler dev — skipped: PG_TEST_URL is not set",
  () => {
    const database = `wd_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
    let admin: pg.Client;
    let server: DevServer | undefined;
    let persistTo: string;

    const api = (pathname: string, body?: unknown) =>
      fetch(`${server!.origin}${pathname}`, body === undefined ? {} : {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });

    beforeAll(async () => {
      admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${database}`);
      persistTo = await mkdtemp(path.join(tmpdir(), "wrangler-dev-"));
      server = await startWranglerDev({ CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: hyperdriveUrl(url!, database) }, persistTo);
    }, 60_000);

    afterAll(async () => {
      if (server) await stopProcessGroup(server.child);
      if (persistTo) await rm(persistTo, { recursive: true, force: true });
      await admin?.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin?.end();
    }, 30_000);

    it("serves /healthz from workerd with db: postgres, having migrated the fresh database through Hyperdrive", async () => {
      const response = await api("/healthz");
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ ok: true, db: "postgres", llm: "offline", documents: 0, chunks: 0, facts: 0 });
      const migrations = await withDatabase((client) => client.query<{ name: string }>("SELECT name FROM schema_migrations ORDER BY name"));
      // The Worker bundles every migration the Node side reads from disk.
      expect(migrations.rows.map((row) => row.name)).toEqual((await loadMigrationsFromDisk()).map((migration) => migration.name));
    });

    it("writes a document with its chunks, vectors and facts to Postgres, lists it and verifies figures against it", async () => {
      const text = "测试园区2023年工作总结。一、2023年工作开展情况。园区实现工业总产值12.5亿元，同比增长3.2%。";
      const upload = await api("/api/documents", { text, park: "测试园区", year: 2023 });
      expect(upload.status).toBe(201);
      const created = (await upload.json()) as { id: string; park: string; year: number; facts: number; duplicate: boolean };
      expect(created).toMatchObject({ park: "测试园区", year: 2023, duplicate: false });
      expect(created.facts).toBeGreaterThanOrEqual(1);

      // The rows are in the database Hyperdrive points at, embeddings as pgvector vectors.
      const stored = await withDatabase((client) =>
        client.query<{ park: string; vectors: string }>(
          "SELECT d.park, (SELECT count(*) FROM chunks c WHERE c.document_id = d.id AND vector_dims(c.embedding) = 512) AS vectors FROM documents d WHERE d.id = $1",
          [created.id],
        ),
      );
      expect(stored.rows).toHaveLength(1);
      expect(stored.rows[0].park).toBe("测试园区");
      expect(Number(stored.rows[0].vectors)).toBeGreaterThan(0);

      const list = (await (await api("/api/documents")).json()) as { documents: Array<{ id: string; park: string }> };
      expect(list.documents.map((document) => [document.id, document.park])).toEqual([[created.id, "测试园区"]]);

      const detail = (await (await api(`/api/documents/${created.id}`)).json()) as { facts: Array<{ id: string; value: number }> };
      const output = detail.facts.find((fact) => fact.value === 12.5);
      expect(output).toBeDefined();

      const verify = await api("/api/verify", { text: "2023年测试园区实现工业总产值12.5亿元，同比增长3.5%。", park: "测试园区", year: 2023 });
      expect(verify.status).toBe(200);
      const verification = (await verify.json()) as { claims: Array<{ value: number; status: string; fact_ids: string[]; expected?: unknown }> };
      const right = verification.claims.find((claim) => claim.value === 12.5);
      expect(right).toMatchObject({ status: "verified" });
      expect(right!.fact_ids).toContain(output!.id);
      expect(verification.claims.find((claim) => claim.value === 3.5)).toMatchObject({ status: "mismatch", expected: { value: 3.2, unit: "%" } });

      const health = (await (await api("/healthz")).json()) as { documents: number; facts: number };
      expect(health).toMatchObject({ documents: 1, facts: created.facts });
    });

    it("serves /openapi.json and /metrics from workerd, the counters kept across the isolate's requests", async () => {
      const spec = await api("/openapi.json");
      expect(spec.status).toBe(200);
      expect(((await spec.json()) as { openapi: string }).openapi).toBe("3.1.0");
      const healthzCount = async () => {
        const response = await api("/metrics");
        expect(response.status).toBe(200);
        const line = (await response.text()).match(/^http_requests_total\{method="GET",route="\/healthz",status="2xx"\} (\d+)$/m);
        return Number(line?.[1] ?? 0);
      };
      const before = await healthzCount();
      for (let i = 0; i < 2; i++) expect((await api("/healthz")).status).toBe(200);
      expect(await healthzCount()).toBe(before + 2);
    });

    /** A short-lived connection to the test database, for checking what the Worker wrote. */
    async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
      const client = new pg.Client({ connectionString: hyperdriveUrl(url!, database) });
      await client.connect();
      try {
        return await work(client);
      } finally {
        await client.end();
      }
    }
  },
);
