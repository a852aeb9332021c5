import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The import direction of src/: a module may import its own folder or a folder of a lower layer,
 * never a higher one nor another folder of its own layer. This is what keeps the folders free of
 * cycles (docs/ARCHITECTURE.md draws the same picture).
 */
/**
 * src/web/ is browser code bundled on its own: it may import only itself and the pure domain layer, and no
 * server module imports it. It stands outside the ranks below.
 */
const BROWSER = "web";

const LAYERS: string[][] = [
  ["domain", "types", "errors.ts", "config.ts", "logger.ts"],
  ["text"],
  ["facts"],
  ["verify"],
  ["db", "embed", "llm"],
  ["deps.ts"],
  ["retrieve", "ingest"],
  ["answer", "draft"],
  ["bots"],
  ["routes", "node"],
  ["app.ts"],
  ["server.ts", "worker.ts"],
];

const SRC = resolve(import.meta.dirname, "../../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** The unit of layering: the top folder under src/, or the file itself at the top. */
function unitOf(path: string): string {
  return relative(SRC, path).split(/[\\/]/)[0];
}

function layerOf(unit: string): number {
  return LAYERS.findIndex((layer) => layer.includes(unit));
}

/** Imports that cross the browser boundary: web → anything but web and domain, or anything → web. */
function acrossBrowser(edges: Array<[string, string]>): string[] {
  return edges
    .filter(([file, target]) => target.startsWith(SRC) && unitOf(file) !== unitOf(target))
    .filter(([file, target]) => (unitOf(file) === BROWSER ? unitOf(target) !== "domain" : unitOf(target) === BROWSER))
    .map(([file, target]) => `${relative(SRC, file)} → ${relative(SRC, target)}`);
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["'](\.\.?\/[^"']+)["']/gm;

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(IMPORT)].map((match) => resolve(dirname(file), match[1]));
}

/** The imports that break the direction, as "from → to" paths relative to src/. */
function upward(edges: Array<[string, string]>): string[] {
  return edges
    .filter(([file, target]) => target.startsWith(SRC) && unitOf(target) !== unitOf(file))
    .filter(([file, target]) => unitOf(file) !== BROWSER && unitOf(target) !== BROWSER && layerOf(unitOf(target)) >= layerOf(unitOf(file)))
    .map(([file, target]) => `${relative(SRC, file)} → ${relative(SRC, target)}`);
}

describe("src/ layering", () => {
  const files = sourceFiles(SRC);

  it("places every folder and top-level file in a layer", () => {
    const units = [...new Set(files.map(unitOf))];
    expect(units.filter((unit) => unit !== BROWSER && layerOf(unit) < 0)).toEqual([]);
  });

  it("imports only downward (or within the same folder)", () => {
    expect(upward(files.flatMap((file) => importsOf(file).map((target): [string, string] => [file, target])))).toEqual([]);
  });

  it("keeps browser code apart: src/web imports only itself and domain, and nothing imports it", () => {
    const edges = files.flatMap((file) => importsOf(file).map((target): [string, string] => [file, target]));
    expect(acrossBrowser(edges)).toEqual([]);
    const at = (path: string) => join(SRC, path);
    expect(acrossBrowser([
      [at("web/a.ts"), at("answer/b.ts")],
      [at("routes/a.ts"), at("web/b.ts")],
      [at("web/a.ts"), at("domain/periods.ts")],
    ])).toEqual(["web/a.ts → answer/b.ts", "routes/a.ts → web/b.ts"]);
  });

  it("reports an upward or sideways import", () => {
    const at = (path: string) => join(SRC, path);
    expect(upward([
      [at("text/parse.ts"), at("facts/types.ts")],
      [at("answer/a.ts"), at("draft/b.ts")],
      [at("facts/a.ts"), at("facts/b.ts")],
      [at("answer/a.ts"), at("domain/b.ts")],
    ])).toEqual(["text/parse.ts → facts/types.ts", "answer/a.ts → draft/b.ts"]);
  });
});
