import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.ts";
import { buildNodeDeps } from "../../src/node/build-deps.ts";
import { DataDirBusyError } from "../../src/node/data-lock.ts";

const folders: string[] = [];
afterAll(async () => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));
const config = (dataDir: string) => parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent" });

/** A second process that opens the data directory, says so, and holds it until killed. */
function holder(dataDir: string) {
  const script = `
    const { parseConfig } = await import(${JSON.stringify(path.resolve("src/config.ts"))});
    const { buildNodeDeps } = await import(${JSON.stringify(path.resolve("src/node/build-deps.ts"))});
    await buildNodeDeps(parseConfig({ DATA_DIR: ${JSON.stringify(dataDir)}, LOG_LEVEL: "silent" }));
    console.log("opened");
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { env: { ...process.env, npm_lifecycle_event: "ingest" }, stdio: ["ignore", "pipe", "pipe"] });
  const opened = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk) => String(chunk).includes("opened") && resolve());
    child.on("exit", (code) => reject(new Error(`holder exited ${code}`)));
  });
  return { child, opened };
}

describe("one process at a time on an embedded data directory", () => {
  it("a second process is refused with a message naming the holder; after the holder is killed the directory opens", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "lock-"));
    folders.push(dataDir);
    const { child, opened } = holder(dataDir);
    try {
      await opened;
      const refused = await buildNodeDeps(config(dataDir)).then(() => null, (error: unknown) => error);
      expect(refused).toBeInstanceOf(DataDirBusyError);
      expect((refused as Error).message).toContain(`进程 ${child.pid}`);
      expect((refused as Error).message).toContain("npm run ingest");
    } finally {
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    // Killed without releasing: its lock is not stale yet, but its process is gone, so the lock holds nothing.
    const deps = await buildNodeDeps(config(dataDir));
    await deps.db.close();
  }, 60_000);

  it("the same process opens, closes and reopens it; two opens at once in one process are refused too", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "lock-"));
    folders.push(dataDir);
    const first = await buildNodeDeps(config(dataDir));
    await expect(buildNodeDeps(config(dataDir))).rejects.toBeInstanceOf(DataDirBusyError);
    await first.db.close();
    const again = await buildNodeDeps(config(dataDir));
    await again.db.close();
  }, 60_000);
});
