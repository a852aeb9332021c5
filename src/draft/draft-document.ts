/**
 * The drafting verb: a first-pass 工作总结 or 工作计划 for a park and year. Last year's text rolled
 * forward with this year's figures where it exists, composed from the facts where not, polished by the
 * model when one is configured — and every section verified against the facts database.
 */
import type { Deps } from "../deps.ts";
import type { Verification } from "../domain/fact-types.ts";
import { assembleDraft } from "./assemble-draft.ts";
import { completeSections } from "./complete-sections.ts";
import { draftSources, type DraftOptions } from "./draft-options.ts";
import { modelSection } from "./model-section.ts";
import { offlineSection } from "./offline-section.ts";
import { loadPreviousDocument } from "./previous-text.ts";
import { resolveDraftTarget } from "./resolve-target.ts";
import type { FigureChange } from "./roll-context.ts";
import type { DraftMethod, SectionBody } from "./section-body.ts";
import { selectSections, type DraftKind } from "./section-plan.ts";
import { markUnverified, verifyDraft } from "./verify-draft.ts";
import { YearFacts } from "./year-facts.ts";

export type { DraftOptions } from "./draft-options.ts";
export type { DraftMethod } from "./section-body.ts";

export interface DraftInput {
  park: string;
  year: number;
  kind: DraftKind;
  sections?: string[];
  instructions?: string;
}

export interface DraftSection {
  id: string;
  title: string;
  markdown: string;
  verification: Verification;
  method: DraftMethod;
  /** Figures of last year's text and what became of them (roll-forward only). */
  changes: FigureChange[];
  notes: string[];
}

export interface DraftResult {
  id: string;
  park: string;
  year: number;
  kind: DraftKind;
  title: string;
  markdown: string;
  sections: DraftSection[];
  verification: Verification;
  notes: string[];
  previousDocument: { id: string; title: string; year: number } | null;
  createdAt: string;
}

/**
 * Draft a document. Throws NotFoundError (404) for a park or year with no facts on record.
 * @example await draftDocument({ deps, input: { park: "江屿经济开发区", year: 2021, kind: "summary" } })
 */
export async function draftDocument({ deps, input, options = {} }: { deps: Deps; input: DraftInput; options?: DraftOptions }): Promise<DraftResult> {
  const target = await resolveDraftTarget(deps.db, input);
  const { park, year, kind } = target;
  const { verifier, draftLookup, unseen } = draftSources(deps, options);
  const facts = await YearFacts.load(draftLookup, park, year);
  const previous = await loadPreviousDocument(deps.db, { park, year: year - 1, kind, excludeDocumentIds: unseen });
  const { sections: specs } = selectSections(kind, input.sections);
  const notes: string[] = [];
  if (!previous) notes.push(`未找到${year - 1}年的${kind === "summary" ? "工作总结" : "工作计划"}原文，各部分按${year}年数据库事实组稿。`);
  const useModel = deps.chat !== null && !options.offline;

  const offlineBodies = specs.map((spec) => offlineSection(spec, previous, facts, year));
  completeSections(specs, offlineBodies, facts, year);
  const bodies: SectionBody[] = [];
  for (const [index, spec] of specs.entries()) {
    const offline = offlineBodies[index];
    if (!useModel || !deps.chat) {
      bodies.push(offline);
      continue;
    }
    const request = { park, year, kind, spec, offline, facts, unseen, instructions: input.instructions };
    bodies.push(await modelSection({ deps, chat: deps.chat, verifier, request }));
  }

  const title = `${park}${year}年${kind === "summary" ? "工作总结" : "工作计划"}`;
  // Every figure the verifier cannot support is marked where it stands, offline and model drafts alike.
  const first = assembleDraft(title, specs, bodies, year);
  const check = await verifyDraft(verifier, first.markdown, park, year);
  const marked = markUnverified(first.markdown, check, bodies);
  if (marked) notes.push(`${marked}处数字核验未通过（数据库无此数或与数据库不符），已标注【待核实】，请人工核对。`);
  const { markdown, sectionMarkdown } = marked ? assembleDraft(title, specs, bodies, year) : first;
  const sections: DraftSection[] = [];
  for (const [index, spec] of specs.entries()) {
    const verification = await verifyDraft(verifier, sectionMarkdown[index], park, year);
    const body = bodies[index];
    sections.push({ id: spec.id, title: spec.id, markdown: sectionMarkdown[index], verification, method: body.method, changes: body.changes, notes: body.notes });
  }
  const verification = await verifyDraft(verifier, markdown, park, year);
  return {
    id: crypto.randomUUID(), park, year, kind, title, markdown, sections, verification, notes,
    previousDocument: previous ? { id: previous.id, title: previous.title, year: previous.year } : null,
    createdAt: new Date().toISOString(),
  };
}
