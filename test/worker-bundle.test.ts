import { loadMigrationsFromDisk } from "../src/db/load-migrations.ts";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
// Node adapters may use Node built-ins; nothing else under src/ may (it must run on workerd).
const NODE_ONLY = [/^src\/server\.ts$/, /^src\/node\//, /^src\/db\/load-migrations\.ts$/];

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(path.join(root, folder), { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith(".ts")).map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

describe("one app, many runtimes", () => {
  it("keeps node:* imports out of the pipeline", async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles("src")) {
      if (NODE_ONLY.some((pattern) => pattern.test(file))) continue;
      const text = await readFile(path.join(root, file), "utf8");
      if (/from\s+["']node:|import\(\s*["']node:|require\(\s*["']node:/.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });

  it("bundles src/worker.ts for workerd without PGlite or Node adapters", async () => {
    const result = await build({
      entryPoints: [path.join(root, "src/worker.ts")],
      bundle: true,
      write: false,
      metafile: true,
      format: "esm",
      platform: "browser",
      conditions: ["workerd", "worker", "browser"],
      loader: { ".sql": "text", ".md": "text" },
      // With nodejs_compat, Workers provide these built-ins (pg needs net/tls/crypto …).
      external: ["node:*", "cloudflare:*", "net", "tls", "dns", "fs", "path", "crypto", "stream", "events", "util", "string_decoder", "buffer", "os"],
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain("src/worker.ts");
    expect(inputs.some((input) => input.includes("@electric-sql/pglite"))).toBe(false);
    expect(inputs.some((input) => input.startsWith("src/node/") || input === "src/server.ts")).toBe(false);
    // /openapi.json and /metrics run on workerd too: the generator is bundled, prom-client (Node-only) is not.
    expect(inputs).toContain("src/routes/metrics-registry.ts");
    expect(inputs.some((input) => input.includes("node_modules/zod-openapi/"))).toBe(true);
    expect(inputs.some((input) => input.includes("prom-client"))).toBe(false);
    for (const { name } of await loadMigrationsFromDisk()) expect(inputs.some((input) => input.endsWith(name))).toBe(true);
    expect(result.outputFiles[0].text.length).toBeGreaterThan(10_000);
  }, 60_000);
});
