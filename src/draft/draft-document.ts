/**
 * The drafting verb: a first-pass 工作总结 or 工作计划 for a park and year. Last year's text rolled
 * forward with this year's figures where it exists, composed from the facts where not, polished by the
 * model when one is configured — and every section verified against the facts database.
 */
import { findFacts } from "../db/facts-repo.ts";
import type { Deps } from "../deps.ts";
import type { Fact, FactLookup, Verification } from "../facts/types.ts";
import { searchChunks } from "../retrieve/search-chunks.ts";
import { verifyText } from "../verify/verify-text.ts";
import { composeSection, netChange, rankMove, supplementParagraph, type StatedFigures } from "./compose.ts";
import { blocksToMarkdown, paragraphsOf, type Block } from "./markdown.ts";
import { draftWithModel } from "./model-draft.ts";
import { loadPreviousDocument, type PreviousDocument } from "./previous-text.ts";
import { resolveDraftTarget } from "./resolve-target.ts";
import { rollForward, yoyOf, type FigureChange } from "./roll-forward.ts";
import { chineseOrdinal, groupTitle, selectSections, type DraftKind, type SectionSpec } from "./section-plan.ts";
import { checkTargets, recordedRatios, targetsParagraph, type RecordedRatio, type TargetCheck } from "./targets.ts";
import { formatDecimal, formatFact, formatPercent } from "./format-number.ts";
import { excludingDocuments, hidingTextOf, YearFacts } from "./year-facts.ts";

export interface DraftInput {
  park: string;
  year: number;
  kind: DraftKind;
  sections?: string[];
  instructions?: string;
}

export interface DraftOptions {
  /** Documents whose text and facts the drafter must not see (the evaluation's strict leave-out mode). */
  excludeDocumentIds?: string[];
  /**
   * Documents whose facts stay on record but whose text the drafter must not see (the evaluation's
   * "from the facts" mode): never the previous text, never an exemplar, and their facts reach the drafter
   * with the quoted sentence blanked, so a draft can only say their figures in its own templates.
   */
  hideTextOfDocumentIds?: string[];
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
  /** Documents whose text must not reach the draft: excluded ones and hidden ones. */
  const unseen = [...excluded, ...(options.hideTextOfDocumentIds ?? [])];
  // The verifier reads the same facts (their quotes are never written into a draft).
  const lookup: FactLookup = excludingDocuments({ findFacts: (filter) => findFacts(deps.db, filter) }, excluded);
  const facts = await YearFacts.load(hidingTextOf(lookup, options.hideTextOfDocumentIds ?? []), park, year);
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
    try {
      const exemplars = await exemplarPassages(deps, { park, year, spec, excluded: unseen });
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
  // Every figure the verifier cannot support is marked where it stands, offline and model drafts alike.
  const first = assemble(title, specs, bodies, year);
  const check = await verifyDraft(lookup, first.markdown, park, year);
  const marked = markUnverified(first.markdown, check, bodies);
  if (marked) notes.push(`${marked}处数字核验未通过（数据库无此数或与数据库不符），已标注【待核实】，请人工核对。`);
  const { markdown, sectionMarkdown } = marked ? assemble(title, specs, bodies, year) : first;
  const sections: DraftSection[] = [];
  for (const [index, spec] of specs.entries()) {
    const verification = await verifyDraft(lookup, sectionMarkdown[index], park, year);
    const body = bodies[index];
    sections.push({ id: spec.id, title: spec.id, markdown: sectionMarkdown[index], verification, method: body.method, changes: body.changes, notes: body.notes });
  }
  const verification = await verifyDraft(lookup, markdown, park, year);
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
      strictScopes: spec.indicators.length === 0,
    });
    body = rolled.text;
    changes = rolled.changes;
    if (spec.heading !== null) heading = fitHeading(rollForward({ text: part.heading, fromYear: previous.year, toYear: year, facts, reportsActuals: true }).text, spec, facts, year);
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

const RISING = /回升|向好|增长|稳中有进|稳中向好|提升|攀升|突破|量质齐升|好转/;
const FALLING = /下滑|下降|回落|承压|放缓|减少|滑坡/;

/**
 * Last year's heading judged last year's figures (经济运行有所下滑): kept only when the new year's
 * headline change points the same way, else the plan's neutral heading for the direction it points.
 */
export function fitHeading(heading: string, spec: SectionSpec, facts: YearFacts, year: number): string {
  if (spec.id !== "经济运行") return heading;
  const output = facts.actual("industrial_output", year);
  const yoy = output ? yoyOf(facts.all(), output) : null;
  if (!yoy) return RISING.test(heading) || FALLING.test(heading) ? (spec.heading ?? heading).replace(/稳中有进$/, "总体平稳") : heading;
  if (yoy.pct >= 0 && FALLING.test(heading)) return spec.heading ?? "经济运行稳中有进";
  if (yoy.pct < 0 && RISING.test(heading)) return "经济运行承压运行";
  return heading;
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
  const stated: StatedFigures = { factIds, text: "" };
  const allText = () => bodies.map((body) => body.body).join("\n");
  specs.forEach((spec, index) => {
    if (spec.kind !== "summary" || spec.indicators.length === 0) return;
    const body = bodies[index];
    stated.text = allText();
    if (body.method === "roll-forward") {
      const supplement = supplementParagraph(spec, facts, year, stated);
      if (supplement) body.body = `${body.body}\n\n${supplement}`;
    } else if (body.method === "compose") {
      // Composed after the rolled-forward parts, so a figure one of them states is not repeated here.
      body.body = composeSection(spec, facts, year, stated);
    }
    body.body = attachChanges(spec, body.body, facts, year);
    const checks = checkTargets(spec, facts, year).filter((check) => !ratioStated.has(check.key));
    for (const check of checks) ratioStated.add(check.key);
    const recorded = recordedRatios(spec, facts, year).filter((ratio) => !ratioStated.has(ratio.key));
    for (const ratio of recorded) ratioStated.add(ratio.key);
    // The genre (and the verifier) reads a completion rate right after the value it completes:
    // 「实现工业总产值326.5亿元，同比增长15.9%，完成年度目标的105.3%」.
    const left: TargetCheck[] = [];
    for (const check of checks) {
      const attached = attachRatio(body.body, check.actual, `完成年度目标的${formatPercent(check.ratio)}%`);
      if (attached === null) left.push({ ...check, withValue: true });
      else body.body = attached;
    }
    const leftRecorded: RecordedRatio[] = [];
    for (const ratio of recorded) {
      const actual = facts.actual(ratio.key, year);
      const attached = actual ? attachRatio(body.body, actual, `完成年度目标的${formatPercent(ratio.fact.value, ratio.fact.decimals)}%`) : null;
      if (attached === null) leftRecorded.push(ratio);
      else body.body = attached;
    }
    const paragraph = targetsParagraph(left, leftRecorded);
    if (paragraph) body.body = `${body.body}\n\n${paragraph}`;
  });
}

/**
 * The year's change of a stock the genre states with it, where the body states the stock but not its
 * change: 「排名第15位，较上年前移3位」, 「年末规上企业258家，比上年净增17家」 — computed from the two years.
 */
function attachChanges(spec: SectionSpec, body: string, facts: YearFacts, year: number): string {
  let out = body;
  const rank = spec.indicators.includes("rank") ? facts.actual("rank", year) : null;
  const move = rank ? rankMove(rank, facts.all()) : null;
  if (rank && move) {
    const text = `第${formatDecimal(rank.value, rank.decimals)}位`;
    const at = out.indexOf(text);
    if (at >= 0 && !/^[，,]?(较上年|比上年|较去年|比去年)?(前移|后退|后移|上升|下降|持平|与上年持平)/.test(out.slice(at + text.length))) {
      out = `${out.slice(0, at + text.length)}，${move}${out.slice(at + text.length)}`;
    }
  }
  const stock = spec.indicators.includes("above_scale_enterprises") ? facts.actual("above_scale_enterprises", year) : null;
  const change = stock ? netChange(stock, facts.all()) : null;
  if (stock && change) {
    const text = formatFact(stock);
    const at = out.indexOf(text);
    // Only where the count ends its clause (年末规上企业71家。), not inside a phrase (258家规上企业实现…).
    if (at >= 0 && !/[\d.]$/.test(out.slice(0, at)) && /^[。；]/.test(out.slice(at + text.length))) {
      out = `${out.slice(0, at + text.length)}，${change}${out.slice(at + text.length)}`;
    }
  }
  return out;
}

/**
 * Put 「，完成年度目标的X%」 after the clause stating `actual` (its value, then its 同比 if any). The body
 * unchanged when it already gives a completion rate there; null when it does not state the value.
 */
export function attachRatio(body: string, actual: Fact, phrase: string): string | null {
  const written = [formatFact(actual), formatFact(actual, { unit: "亿元", scale: 1e8 }), formatFact(actual, { unit: "万元", scale: 1e4 })];
  for (const text of new Set(written)) {
    let at = body.indexOf(text);
    while (at >= 0) {
      const before = body[at - 1] ?? "";
      if (!/[\d.]/.test(before)) {
        const end = at + text.length;
        const rate = /^(，(同比)?(增长|下降|增加|减少|提高|降低)[\d.]+%)?/.exec(body.slice(end))?.[0] ?? "";
        const rest = body.slice(end + rate.length);
        if (/^，?(完成|超额完成|仅完成|达到)(了)?(年度|全年)?(目标|计划)/.test(rest)) return body;
        return body.slice(0, end + rate.length) + `，${phrase}` + rest;
      }
      at = body.indexOf(text, at + 1);
    }
  }
  return null;
}

/**
 * Verify a draft as its figures read: the 【待核实】 marks are annotations, so the verifier reads the text
 * without them (a mark must not become the label of the next figure); claim offsets point into the text
 * with the marks.
 */
export async function verifyDraft(lookup: FactLookup, text: string, park: string, year: number): Promise<Verification> {
  const kept: number[] = [];
  let plain = "";
  for (let at = 0; at < text.length;) {
    if (text.startsWith(CHECK_MARK, at)) {
      at += CHECK_MARK.length;
      continue;
    }
    kept.push(at);
    plain += text[at];
    at++;
  }
  kept.push(text.length);
  const verification = await verifyText({ facts: lookup }, { text: plain, park, year });
  const claims = verification.claims.map((claim) => ({ ...claim, start: kept[claim.start], end: kept[claim.end - 1] + 1 }));
  return { claims, summary: verification.summary };
}

/** The mark put right after a figure the verifier could not support (the figure itself stays visible). */
export const CHECK_MARK = "【待核实】";

/**
 * Mark, in the section bodies, every figure of the assembled draft the verifier found unsupported or
 * mismatched: 「…比年度目标多0.03亿元【待核实】」. A claim is found in its body by the text just before
 * it. Returns how many were marked.
 */
export function markUnverified(markdown: string, verification: Verification, bodies: { body: string }[]): number {
  let count = 0;
  const claims = verification.claims.filter((claim) => claim.status === "unsupported" || claim.status === "mismatch");
  for (const claim of [...claims].sort((a, b) => b.start - a.start)) {
    const after = markdown.slice(claim.end);
    // 两位数增长 is not a figure; a marked figure stays marked once.
    if (/^数/.test(after) || after.startsWith("【")) continue;
    const lineStart = markdown.lastIndexOf("\n", claim.start) + 1;
    const context = markdown.slice(Math.max(lineStart, claim.start - 12), claim.end);
    for (const body of bodies) {
      const at = findContext(body.body, context, markdown.slice(claim.end, claim.end + 12));
      if (at < 0) continue;
      const end = at + context.length;
      body.body = `${body.body.slice(0, end)}${CHECK_MARK}${body.body.slice(end)}`;
      count++;
      break;
    }
  }
  return count;
}

/** Where `context` stands in `text`, the occurrence followed by `following` preferred. */
function findContext(text: string, context: string, following: string): number {
  let fallback = -1;
  for (let at = text.indexOf(context); at >= 0; at = text.indexOf(context, at + 1)) {
    const rest = text.slice(at + context.length);
    if (rest.startsWith(following.split("\n")[0])) return at;
    if (fallback < 0 && !rest.startsWith("【")) fallback = at;
  }
  return fallback;
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
