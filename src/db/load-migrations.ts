import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Migration } from "./migrate.ts";

/** Node adapter: the `.sql` files beside this module, in name order. */
export async function loadMigrationsFromDisk(): Promise<Migration[]> {
  const folder = fileURLToPath(new URL("./migrations/", import.meta.url));
  const names = (await readdir(folder)).filter((name) => name.endsWith(".sql")).sort();
  return Promise.all(names.map(async (name) => ({ name, sql: await readFile(folder + name, "utf8") })));
}
