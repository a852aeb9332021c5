/**
 * npm run build:web — bundles the browser code in src/web/ with esbuild into dist/web/: widget.js (one classic
 * script, for any page: <script src="…/widget.js" data-park data-token>) and the app's own pages (chat.js,
 * draft.js, admin.js, docs.js, ES modules). Runs before `npm start` and `npm test`; the output is not committed.
 * Options: --watch (rebuild on change), --help.
 */
import { build, context, type BuildOptions } from "esbuild";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";

const { values } = parseArgs({ options: { watch: { type: "boolean", default: false }, help: { type: "boolean", default: false } } });
if (values.help) {
  console.log("用法：npm run build:web [-- --watch]\n把 src/web/ 打包到 dist/web/（widget.js、chat.js、draft.js、admin.js、docs.js）。");
  process.exit(0);
}

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
