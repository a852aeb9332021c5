/**
 * npm run build: the browser scripts (dist/web, esbuild) and the server compiled to JavaScript (build/, tsc with
 * tsconfig.build.json) with its SQL migrations beside it, so `npm start` runs plain `node build/server.js`.
 */
import { execFileSync } from "node:child_process";
import { cp, rm } from "node:fs/promises";
import path from "node:path";

import { defineCommand, parseCommand } from "./cli-args.ts";

parseCommand(defineCommand({
  name: "build",
  summary: "构建浏览器脚本（dist/web/）并把服务端编译为 JavaScript（build/）/ build the pages and the server",
  options: {},
  notes: ["npm start 之前会自动运行；npm start 执行 node build/server.js。"],
  examples: ["npm run build"],
}));
const root = path.resolve(import.meta.dirname, "..");
const started = performance.now();
execFileSync(process.execPath, ["--import", "tsx", path.join(root, "scripts/build-web.ts")], { stdio: "inherit", cwd: root });
await rm(path.join(root, "build"), { recursive: true, force: true });
execFileSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", path.join(root, "tsconfig.build.json")], { stdio: "inherit", cwd: root });
await cp(path.join(root, "src/db/migrations"), path.join(root, "build/db/migrations"), { recursive: true });
console.log(`构建完成：build/server.js（${Math.round(performance.now() - started)} ms）`);
