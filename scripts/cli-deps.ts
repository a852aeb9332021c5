import { userInfo } from "node:os";
import { parseConfig } from "../src/config.ts";
import type { Deps } from "../src/deps.ts";
import { buildNodeDeps } from "../src/node/build-deps.ts";

/** Deps for a CLI run against the configured database (PGlite under DATA_DIR by default); exits on bad config. */
export async function cliDeps(options: { inMemory?: boolean } = {}): Promise<Deps> {
  try {
    const config = parseConfig({ LOG_LEVEL: "warn", ...process.env });
    return await buildNodeDeps(config, options);
  } catch (error) {
    console.error(`错误：${(error as Error).message}`);
    process.exit(1);
  }
}

/** An audit entry for a write made from the command line: the OS user, this machine, the action and its object. */
export function cliAudit(action: string, target: string, detail: Record<string, unknown> = {}) {
  let user = "unknown";
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (a container's arbitrary uid)
  }
  return { actor: `cli:${user}`, action, target, detail: { ...detail, address: "local", pid: process.pid } };
}
