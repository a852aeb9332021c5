import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Every package.json script that runs a file under scripts/ answers --help in Chinese without touching a
 * database, and refuses an unknown option with exit 2. The list comes from package.json itself, so a new
 * script is covered the day it is added (lifecycle hooks such as prestart run a script listed under its own name).
 */
const root = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");

interface Script {
  name: string;
  runner: "tsx" | "bash";
  file: string;
}

async function packageScripts(): Promise<Script[]> {
  const { scripts } = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
  return Object.entries(scripts).flatMap(([name, line]) => {
    const match = /^(tsx|bash) (scripts\/\S+)$/.exec(line);
    return match && !/^(pre|post)/.test(name) ? [{ name, runner: match[1] as Script["runner"], file: match[2] }] : [];
  });
}

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(script: Script, args: string[], dataDir: string): Promise<Outcome> {
  const [command, ...prefix] = script.runner === "tsx" ? [process.execPath, "--import", "tsx"] : ["bash"];
  // DATABASE_URL empty: a PG_TEST_URL-style environment must not point the scripts at a real server.
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "warn" };
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...prefix, script.file, ...args], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (data) => (stdout += data));
    child.stderr.on("data", (data) => (stderr += data));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const EXPECTED = [
  "ingest", "reembed", "import-stats", "ask", "verify", "draft", "eval:retrieval", "eval:facts", "eval:qa", "eval:drafts",
  "eval:real", "bench:stalls", "bench:verify", "build", "build:web", "load", "pg",
];

let scripts: Script[] = [];
const results = new Map<string, { help: Outcome; unknown: Outcome; dataDir: string; before: number }>();
let scratch = "";
/** Other usage errors, read by the same helper: an option without its value, an argument where none is taken. */
let missingValue: Outcome;
let unexpectedArgument: Outcome;

beforeAll(async () => {
  scripts = await packageScripts();
  scratch = await mkdtemp(path.join(tmpdir(), "park-help-"));
  // All runs at once: each is a short process, and together they take a few seconds on two cores.
  await Promise.all([...scripts.map(async (script) => {
    const dataDir = path.join(scratch, script.name.replace(/:/g, "-"));
    await mkdir(dataDir);
    const before = (await stat(dataDir)).mtimeMs;
    const [help, unknown] = await Promise.all([run(script, ["--help"], dataDir), run(script, ["--no-such-option"], dataDir)]);
    results.set(script.name, { help, unknown, dataDir, before });
  }), (async () => {
    const byName = (name: string) => scripts.find((script) => script.name === name)!;
    await mkdir(path.join(scratch, "usage-errors"));
    [missingValue, unexpectedArgument] = await Promise.all([
      run(byName("ask"), ["--park"], path.join(scratch, "usage-errors")), run(byName("reembed"), ["extra"], path.join(scratch, "usage-errors")),
    ]);
  })()]);
}, 60_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe("scripts: --help and unknown options", () => {
  it("covers every script the README lists, each pointing at a file that exists", async () => {
    expect(scripts.map((script) => script.name).sort()).toEqual([...EXPECTED].sort());
    for (const script of scripts) await expect(stat(path.join(root, script.file)), script.file).resolves.toBeTruthy();
  });

  it.each(EXPECTED)("npm run %s -- --help prints the Chinese usage and exits 0", (name) => {
    const { help } = results.get(name)!;
    expect(help.stderr, name).toBe("");
    expect(help.code, name).toBe(0);
    expect(help.stdout).toContain(`npm run ${name}`);
    expect(help.stdout).toMatch(/用法/);
    expect(help.stdout).toMatch(/示例/);
  });

  it.each(EXPECTED)("npm run %s -- --no-such-option exits 2 naming the option", (name) => {
    const { unknown } = results.get(name)!;
    expect(unknown.code, `${name}: ${unknown.stdout}${unknown.stderr}`).toBe(2);
    expect(unknown.stderr).toMatch(/^错误：未知(选项|命令或选项)：--no-such-option/);
    expect(unknown.stderr).toContain(`npm run ${name} -- --help`);
    expect(unknown.stdout).toBe("");
  });

  it("refuses an option without its value and an argument where none is taken, with exit 2", async () => {
    expect(missingValue.code).toBe(2);
    expect(missingValue.stderr).toMatch(/^错误：选项 --park 缺少值/);
    expect(unexpectedArgument.code).toBe(2);
    expect(unexpectedArgument.stderr).toMatch(/^错误：此命令不接受参数：extra/);
    expect(await readdir(path.join(scratch, "usage-errors"))).toEqual([]);
  });

  it.each(EXPECTED)("npm run %s leaves its empty DATA_DIR untouched", async (name) => {
    const { dataDir, before } = results.get(name)!;
    expect(await readdir(dataDir)).toEqual([]);
    expect((await stat(dataDir)).mtimeMs).toBe(before);
  });
});
