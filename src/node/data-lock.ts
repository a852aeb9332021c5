/**
 * One process at a time on an embedded database directory. PGlite is Postgres in this process's memory: two
 * processes on one directory (a server and `npm run ingest`) each keep their own copy, and whichever writes last
 * wins — the other's documents are gone after a restart. So the directory is locked (proper-lockfile: a lock
 * directory whose mtime the holder refreshes, stale after 10 s when the holder died), and the holder is named in
 * an owner file, so the second process refuses with a message that says who holds it.
 */
import { readFile, writeFile, rm } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import lockfile from "proper-lockfile";

/** Another process holds the directory. */
export class DataDirBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataDirBusyError";
  }
}

interface Owner {
  pid: number;
  host: string;
  command: string;
  since: string;
}

const OWNER_FILE = "owner.json";

/** What this process is, as the owner file records it (`npm start`, `npm run ingest`, or the script). */
function describeSelf(): string {
  const script = process.env.npm_lifecycle_event;
  if (script) return script === "start" ? "npm start" : `npm run ${script}`;
  return path.basename(process.argv[1] ?? "node");
}

/**
 * Locks `folder` for this process, or throws {@link DataDirBusyError} naming the holder. Returns the release
 * function (also run, synchronously, when the process exits).
 */
export async function lockDataDir(folder: string): Promise<() => Promise<void>> {
  const lockPath = path.join(folder, ".lock");
  const options = { lockfilePath: lockPath, stale: 10_000, update: 2_000, realpath: false };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(folder, options);
  } catch (error) {
    if ((error as { code?: string }).code !== "ELOCKED") throw error;
    const owner = await readFile(path.join(folder, OWNER_FILE), "utf8").then((text) => JSON.parse(text) as Owner).catch(() => null);
    // A holder on this machine that no longer runs (killed before its lock went stale) holds nothing.
    if (owner && owner.host === hostname() && !isRunning(owner.pid)) {
      await rm(lockPath, { recursive: true, force: true });
      return lockDataDir(folder);
    }
    const who = owner ? `进程 ${owner.pid}（${owner.command}，${owner.host}，${owner.since} 起）` : "另一个进程";
    throw new DataDirBusyError(
      `数据目录 ${folder} 正由${who}使用：两个进程同时写同一个嵌入式数据库会丢失数据。` +
      "请先停止该进程，或在服务运行时通过它的接口导入（POST /api/documents、POST /api/stats，或管理页面）。",
    );
  }
  const owner: Owner = { pid: process.pid, host: hostname(), command: describeSelf(), since: new Date().toISOString() };
  await writeFile(path.join(folder, OWNER_FILE), JSON.stringify(owner));
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    await rm(path.join(folder, OWNER_FILE), { force: true });
    await release();
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM"; // alive, another user's
  }
}
