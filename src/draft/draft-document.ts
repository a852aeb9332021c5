/**
 * The drafting verb: a first-pass 工作总结 or 工作计划 for a park and year. Last year's text rolled
 * forward with this year's figures where it exists, composed from the facts where not, polished by the
 * model when one is configured — and every section verified against the facts database.
 */
import { findFacts } from "../db/facts-repo.ts";
import type { Deps } from "../deps.ts";
import type { FactLookup, Verification } from "../facts/types.ts";
import { searchChunks } from "../retrieve/search-chunks.ts";
import { verifyText } from "../verify/verify-text.ts";
import { composeSection, supplementParagraph } from "./compose.ts";
import { blocksToMarkdown, paragraphsOf, type Block } from "./markdown.ts";
import { draftWithModel } from "./model-draft.ts";
import { loadPreviousDocument, type PreviousDocument } from "./previous-text.ts";
import { resolveDraftTarget } from "./resolve-target.ts";
import { rollForward, type FigureChange } from "./roll-forward.ts";
import { chineseOrdinal, groupTitle, selectSections, type DraftKind, type SectionSpec } from "./section-plan.ts";
import { checkTargets, targetsParagraph } from "./targets.ts";
import { excludingDocuments, YearFacts } from "./year-facts.ts";

export interface DraftInput {
  park: string;
  year: number;
  kind: DraftKind;
  sections?: string[];
  instructions?: string;
}

export interface DraftOptions {
  /** Documents whose text and facts the drafter must not see (the evaluation's honest mode). */
  excludeDocumentIds?: string[];
  /** Force the offline drafter even when a model is configured. */
  offline?: boolean;
}

export type DraftMethod = "roll-forward" | "compose" | "model";

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

interface SectionBody {
  heading: string;
  body: string;
  method: DraftMethod;
  changes: FigureChange[];
  notes: string[];
}

/**
 * Draft a document. Throws NotFoundError (404) for a park or year with no facts on record.
 * @example await draftDocument({ deps, input: { park: "江屿经济开发区", year: 2021, kind: "summary" } })
 */
export async function draftDocument({ deps, input, options = {} }: { deps: Deps; input: DraftInput; options?: DraftOptions }): Promise<DraftResult> {
  const target = await resolveDraftTarget(deps.db, input);
  const { park, year, kind } = target;
  const excluded = options.excludeDocumentIds ?? [];
  const lookup: FactLookup = excludingDocuments({ findFacts: (filter) => findFacts(deps.db, filter) }, excluded);
  const facts = await YearFacts.load(lookup, park, year);
  const previous = await loadPreviousDocument(deps.db, { park, year: year - 1, kind, excludeDocumentIds: excluded });
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
    try {
      const exemplars = await exemplarPassages(deps, { park, year, spec, excluded });
      const modelled = await draftWithModel(deps.chat, lookup, {
        park, year, kind, section: spec.id, heading: offline.heading, facts: facts.all(), base: offline.body, exemplars,
        instructions: input.instructions,
      });
      const sectionNotes = [...offline.notes];
      if (modelled.corrected) sectionNotes.push(`模型稿中${modelled.corrected}处数字与数据库不符，已改为数据库数值。`);
      if (modelled.marked) sectionNotes.push(`模型稿中${modelled.marked}处数字无法核对，已标注【待核实】。`);
      bodies.push({ ...offline, body: modelled.text, method: "model", notes: sectionNotes });
    } catch (error) {
      deps.logger.warn("draft model failed, offline fallback", { section: spec.id, error: String(error) });
      bodies.push({ ...offline, notes: [...offline.notes, `模型起草失败（${(error as Error).message}），本部分为离线起草稿。`] });
    }
  }

  const title = `${park}${year}年${kind === "summary" ? "工作总结" : "工作计划"}`;
  const { markdown, sectionMarkdown } = assemble(title, specs, bodies, year);
  const sections: DraftSection[] = [];
  for (const [index, spec] of specs.entries()) {
    const verification = await verifyText({ facts: lookup }, { text: sectionMarkdown[index], park, year });
    const body = bodies[index];
    sections.push({ id: spec.id, title: spec.id, markdown: sectionMarkdown[index], verification, method: body.method, changes: body.changes, notes: body.notes });
  }
  const verification = await verifyText({ facts: lookup }, { text: markdown, park, year });
  return {
    id: crypto.randomUUID(), park, year, kind, title, markdown, sections, verification, notes,
    previousDocument: previous ? { id: previous.id, title: previous.title, year: previous.year } : null,
    createdAt: new Date().toISOString(),
  };
}

/** A section without a model: roll last year's part forward, or compose from facts; add target checks. */
export function offlineSection(spec: SectionSpec, previous: PreviousDocument | null, facts: YearFacts, year: number): SectionBody {
  const part = previous?.parts.get(spec.id);
  const notes: string[] = [];
  let body: string;
  let heading = spec.heading ?? groupTitle(spec, year);
  let changes: FigureChange[] = [];
  let method: DraftMethod;
  if (part && previous) {
    const rolled = rollForward({
      text: part.body, fromYear: previous.year, toYear: year, facts,
      sectionPath: spec.group, reportsActuals: spec.kind === "summary" && spec.heading !== null,
    });
    body = rolled.text;
    changes = rolled.changes;
    if (spec.heading !== null) heading = rollForward({ text: part.heading, fromYear: previous.year, toYear: year, facts, reportsActuals: true }).text;
    method = "roll-forward";
    const missingCount = changes.filter((change) => change.outcome === "missing").length;
    if (missingCount) notes.push(`上年原文中${missingCount}处数字在数据库中没有${year}年数值，已标注【待补充】。`);
    if (spec.heading === null && spec.indicators.length === 0) notes.push("本部分沿用上年原文结构，请结合本年实际修改表述。");
  } else {
    body = composeSection(spec, facts, year);
    method = "compose";
  }
  return { heading, body, method, changes, notes };
}

/**
 * Second pass over the whole draft: the year's figures on record that no rolled-forward section states
 * (此外，…), then the targets-vs-actuals sentences no section states yet. Looks across sections so that a
 * figure stated in one part is not repeated in another.
 */
export function completeSections(specs: SectionSpec[], bodies: SectionBody[], facts: YearFacts, year: number): void {
  const updated = bodies.flatMap((body) => body.changes.filter((change) => change.outcome === "updated"));
  const factIds = new Set(updated.flatMap((change) => (change.factId ? [change.factId] : [])));
  const ratioStated = new Set(updated.filter((change) => change.label.endsWith("目标完成率")).map((change) => change.indicatorKey));
  const allText = () => bodies.map((body) => body.body).join("\n");
  specs.forEach((spec, index) => {
    if (spec.kind !== "summary" || spec.indicators.length === 0) return;
    const body = bodies[index];
    if (body.method === "roll-forward") {
      const supplement = supplementParagraph(spec, facts, year, { factIds, text: allText() });
      if (supplement) body.body = `${body.body}\n\n${supplement}`;
    }
    const checks = checkTargets(spec, facts, year).filter((check) => !ratioStated.has(check.key));
    for (const check of checks) ratioStated.add(check.key);
    const paragraph = targetsParagraph(checks);
    if (paragraph) body.body = `${body.body}\n\n${paragraph}`;
  });
}

/** Markdown of the whole draft and of each section (its own heading included). */
function assemble(title: string, specs: SectionSpec[], bodies: SectionBody[], year: number): { markdown: string; sectionMarkdown: string[] } {
  const blocks: Block[] = [{ type: "title", text: title }];
  const sectionMarkdown: string[] = [];
  let groupIndex = -1;
  let partIndex = 0;
  let currentGroup = "";
  specs.forEach((spec, index) => {
    const body = bodies[index];
    const group = groupTitle(spec, year);
    const own: Block[] = [];
    if (group !== currentGroup) {
      groupIndex++;
      partIndex = 0;
      currentGroup = group;
      const groupBlock: Block = { type: "heading1", text: `${chineseOrdinal(groupIndex)}、${group}` };
      blocks.push(groupBlock);
      if (spec.heading === null) own.push(groupBlock);
    }
    if (spec.heading !== null) own.push({ type: "heading2", text: `（${chineseOrdinal(partIndex++)}）${body.heading}` });
    own.push(...paragraphsOf(body.body).map((text): Block => ({ type: "paragraph", text })));
    blocks.push(...own.filter((block) => block.type !== "heading1"));
    sectionMarkdown.push(blocksToMarkdown(own));
  });
  return { markdown: blocksToMarkdown(blocks), sectionMarkdown };
}

/** Passages of earlier years' documents on the same topic, for the model's sense of style. */
async function exemplarPassages(deps: Deps, query: { park: string; year: number; spec: SectionSpec; excluded: string[] }): Promise<string[]> {
  try {
    const chunks = await searchChunks(deps, { query: `${query.spec.id} ${query.spec.heading ?? ""}`, park: query.park, kind: query.spec.kind, limit: 6 });
    return chunks
      .filter((chunk) => !query.excluded.includes(chunk.documentId) && (chunk.year ?? 0) < query.year)
      .slice(0, 3)
      .map((chunk) => chunk.text.slice(0, 400));
  } catch {
    return [];
  }
}
