/**
 * npm run build:web — bundles the browser code in src/web/ with esbuild into dist/web/: widget.js (one classic
 * script, for any page: <script src="…/widget.js" data-park data-token>) and the app's own pages (chat.js,
 * draft.js, admin.js, docs.js, ES modules). Runs before `npm start` and `npm test`; the output is not committed.
 * Options: --watch (rebuild on change), --help.
 */
import { build, context, type BuildOptions } from "esbuild";
import { fileURLToPath } from "node:url";
import { defineCommand, parseCommand } from "./cli-args.ts";

const command = defineCommand({
  name: "build:web",
  summary: "把 src/web/ 打包到 dist/web/（widget.js、chat.js、draft.js、admin.js、docs.js）/ bundle the browser code",
  options: { watch: { type: "boolean", default: false, description: "监视 src/web/，改动后自动重新打包" } },
  notes: ["npm start 和 npm test 之前会自动运行；dist/web/ 不提交。"],
  examples: ["npm run build:web", "npm run build:web -- --watch"],
});

const { values } = parseCommand(command);

const root = fileURLToPath(new URL("..", import.meta.url));
const common: BuildOptions = {
  bundle: true, minify: true, sourcemap: false, target: "es2020", charset: "utf8", logLevel: "warning",
  absWorkingDir: root, legalComments: "none",
};
const targets: BuildOptions[] = [
  { ...common, entryPoints: { widget: "src/web/widget.ts" }, format: "iife", outdir: "dist/web" },
  { ...common, entryPoints: { chat: "src/web/chat-page.ts", draft: "src/web/draft-page.ts", admin: "src/web/admin-page.ts", docs: "src/web/docs-page.ts" }, format: "esm", outdir: "dist/web" },
];

if (values.watch) {
  for (const target of targets) await (await context(target)).watch();
  console.log("watching src/web/ …");
} else {
  const started = performance.now();
  await Promise.all(targets.map((target) => build(target)));
  console.log(`dist/web built in ${Math.round(performance.now() - started)} ms`);
}
