/**
 * A section polished by the model: the offline draft, the year's facts and passages of earlier years'
 * documents go to the model drafter; where the model fails, the offline draft stands, with a note.
 */
import type { Deps } from "../deps.ts";
import type { VerifyDeps } from "../verify/verify-text.ts";
import { searchChunks } from "../retrieve/search-chunks.ts";
import { draftWithModel } from "./model-draft.ts";
import type { SectionBody } from "./section-body.ts";
import type { DraftKind, SectionSpec } from "./section-plan.ts";
import type { YearFacts } from "./year-facts.ts";

/** What the model drafts one section from. */
export interface ModelSectionRequest {
  park: string;
  year: number;
  kind: DraftKind;
  spec: SectionSpec;
  /** The section's offline draft: the model's starting point and the fallback. */
  offline: SectionBody;
  facts: YearFacts;
  /** Documents whose text must not reach the draft (no exemplar is taken from them). */
  unseen: string[];
  instructions?: string;
}

/**
 * The section as the model writes it, its figures checked by `verifier`; the offline draft with a
 * note when the model fails.
 */
export async function modelSection(
  { deps, chat, verifier, request }: { deps: Deps; chat: NonNullable<Deps["chat"]>; verifier: VerifyDeps; request: ModelSectionRequest },
): Promise<SectionBody> {
  const { park, year, kind, spec, offline } = request;
  try {
    const exemplars = await exemplarPassages(deps, { park, year, spec, excluded: request.unseen });
    const modelled = await draftWithModel(chat, verifier, {
      park, year, kind, section: spec.id, heading: offline.heading, facts: request.facts.all(), base: offline.body, exemplars,
      instructions: request.instructions,
    });
    const sectionNotes = [...offline.notes];
    if (modelled.corrected) sectionNotes.push(`模型稿中${modelled.corrected}处数字与数据库不符，已改为数据库数值。`);
    if (modelled.marked) sectionNotes.push(`模型稿中${modelled.marked}处数字无法核对，已标注【待核实】。`);
    return { ...offline, body: modelled.text, method: "model", notes: sectionNotes };
  } catch (error) {
    deps.logger.warn("draft model failed, offline fallback", { section: spec.id, error: String(error) });
    return { ...offline, notes: [...offline.notes, `模型起草失败（${(error as Error).message}），本部分为离线起草稿。`] };
  }
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
