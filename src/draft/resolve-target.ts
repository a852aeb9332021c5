/**
 * Which park and year a draft request means, or a clear Chinese 404: the park as stored (an exact name,
 * or a unique part of one: 江屿 → 江屿经济开发区), and a year with facts on record.
 */
import { listDocuments } from "../db/documents-repo.ts";
import { listedParks } from "../domain/park-names.ts";
import { factCoverage } from "../db/facts-repo.ts";
import type { SqlClient } from "../db/sql-client.ts";
import { NotFoundError } from "../errors.ts";
import type { DraftKind } from "./section-plan.ts";

export async function resolveDraftTarget(
  db: SqlClient,
  input: { park: string; year: number; kind: DraftKind },
): Promise<{ park: string; year: number; kind: DraftKind }> {
  const coverage = await factCoverage(db);
  const parks = [...new Set([...coverage.map((row) => row.park), ...(await listDocuments(db)).map((document) => document.park)])].filter(Boolean);
  const wanted = input.park.trim();
  const park = parks.find((name) => name === wanted)
    ?? single(parks.filter((name) => name.includes(wanted) || (wanted.length >= 2 && wanted.includes(name))));
  if (!park) {
    throw new NotFoundError(listedParks(parks).length
      ? `未找到园区“${wanted}”。数据库中的园区有：${listedParks(parks).join("、")}`
      : `未找到园区“${wanted}”：数据库中还没有任何园区的数据，请先导入文档或统计数据`);
  }
  const years = coverage.filter((row) => row.park === park).map((row) => row.year);
  // A summary reports the year's actuals; a plan builds on the year before (and any targets already set).
  const needed = input.kind === "summary" ? [input.year] : [input.year, input.year - 1];
  if (!needed.some((year) => years.includes(year))) {
    throw new NotFoundError(`${park}没有${input.year}年的数据，无法起草${input.year}年${input.kind === "summary" ? "工作总结" : "工作计划"}。已有数据的年份：${years.length ? years.join("、") : "无"}`);
  }
  return { park, year: input.year, kind: input.kind };
}

function single<T>(items: T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}
