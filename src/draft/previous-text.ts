/**
 * Last year's document of the same genre, split into the parts of our section plan with buildOutline.
 */
import { getDocument, listDocuments } from "../db/documents-repo.ts";
import type { SqlClient } from "../db/sql-client.ts";
import { buildOutline } from "../ingest/outline.ts";
import type { Section } from "../ingest/types.ts";
import { sectionsOf, type DraftKind, type SectionSpec } from "./section-plan.ts";

export interface PreviousPart {
  /** Heading without its ordinal: （一）平台建设稳步推进 → 平台建设稳步推进. */
  heading: string;
  body: string;
}

export interface PreviousDocument {
  id: string;
  title: string;
  year: number;
  text: string;
  parts: Map<string, PreviousPart>;
}

const WORK_GROUP = /工作开展情况|主要工作|工作成效|工作回顾|工作完成情况|主要成效|工作情况/;

/** The park's document of `kind` for `year`, split into parts; null when none is stored. */
export async function loadPreviousDocument(
  db: SqlClient,
  query: { park: string; year: number; kind: DraftKind; excludeDocumentIds?: readonly string[] },
): Promise<PreviousDocument | null> {
  const excluded = new Set(query.excludeDocumentIds ?? []);
  const documents = (await listDocuments(db, { park: query.park, year: query.year }))
    .filter((document) => document.kind === query.kind && !excluded.has(document.id));
  // The one with the most facts is the fullest text of that year.
  const chosen = [...documents].sort((a, b) => b.facts - a.facts)[0];
  if (!chosen) return null;
  const detail = await getDocument(db, chosen.id);
  if (!detail) return null;
  return { id: detail.id, title: detail.title, year: query.year, text: detail.text, parts: splitIntoParts(detail.text, query.kind) };
}

/** Strip the ordinal and the trailing stop of a heading. */
export function bareHeading(heading: string): string {
  return heading
    .replace(/^\s*([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d+[.、．]|[一二三四五六七八九十]+是)/, "")
    .replace(/[。．.：:]+$/, "")
    .trim();
}

function bodyOf(text: string, section: Section): string {
  const raw = text.slice(section.start, section.end);
  const at = raw.indexOf(section.heading);
  const rest = at >= 0 ? raw.slice(at + section.heading.length) : raw;
  return rest.replace(/^[。．.：:\s]+/, "").trim();
}

function firstMatch(sections: Section[], spec: SectionSpec, used: Set<Section>): Section | undefined {
  for (const pattern of spec.match) {
    const found = sections.find((section) => !used.has(section) && pattern.test(section.heading));
    if (found) return found;
  }
  return undefined;
}

/**
 * Map an official document's outline onto the section plan: the work group's sub-sections by their
 * headings (平台 / 经济 / 难题 / 项目 / 安全), the level-1 groups (困难和问题, 工作思路, 目标任务, 重点工作).
 */
export function splitIntoParts(text: string, kind: DraftKind): Map<string, PreviousPart> {
  const outline = buildOutline(text);
  const parts = new Map<string, PreviousPart>();
  const used = new Set<Section>();
  const topLevel = Math.min(...outline.map((section) => section.level));
  const tops = outline.filter((section) => section.level === topLevel);
  const work = kind === "summary" ? tops.find((section) => WORK_GROUP.test(section.heading)) : undefined;
  if (work) used.add(work);
  for (const spec of sectionsOf(kind)) {
    let found: Section | undefined;
    if (spec.heading !== null && work) {
      const children = outline.filter((section) => section.start >= work.start && section.end <= work.end && section.level > work.level);
      const childLevel = Math.min(...children.map((section) => section.level));
      found = firstMatch(children.filter((section) => section.level === childLevel), spec, used);
    } else if (spec.heading === null) {
      found = firstMatch(tops, spec, used);
    }
    if (!found) continue;
    used.add(found);
    const body = bodyOf(text, found);
    if (body) parts.set(spec.id, { heading: bareHeading(found.heading), body });
  }
  return parts;
}
