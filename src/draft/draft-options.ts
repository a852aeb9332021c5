/**
 * What the drafter may see: the evaluation's options that leave documents out (their text and facts) or
 * hide their text (their facts stay on record, their sentences blanked), turned into the fact lookups
 * and the list of documents whose text must not reach a draft.
 */
import { findFacts } from "../db/facts-repo.ts";
import { parksOnRecord } from "../db/park-directory.ts";
import type { Deps } from "../deps.ts";
import type { FactLookup } from "../domain/fact-types.ts";
import type { KnownPark, VerifyDeps } from "../verify/verify-text.ts";
import { excludingDocuments, hidingTextOf } from "./year-facts.ts";

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

/** The lookups and document list a draft is made from under its options. */
export interface DraftSources {
  /** Facts without the excluded documents': what the verifier (and the model's check) reads. */
  lookup: FactLookup;
  /** The same facts, hidden documents' quotes blanked: what the drafter states figures from. */
  draftLookup: FactLookup;
  /** Documents whose text must not reach the draft: excluded ones and hidden ones. */
  unseen: string[];
  /** The verifier's ports: `lookup`, and the parks on record read once per draft (a claim naming another park is judged against that park). */
  verifier: VerifyDeps;
}

/**
 * The facts lookups and unseen documents for a draft under `options`.
 * @example draftSources(deps, { excludeDocumentIds: [realSummaryId] }).unseen // → [realSummaryId]
 */
export function draftSources(deps: Deps, options: DraftOptions): DraftSources {
  const excluded = options.excludeDocumentIds ?? [];
  const hidden = options.hideTextOfDocumentIds ?? [];
  // The verifier reads the same facts (their quotes are never written into a draft).
  const lookup: FactLookup = excludingDocuments({ findFacts: (filter) => findFacts(deps.db, filter) }, excluded);
  let parks: Promise<KnownPark[]> | undefined;
  const verifier: VerifyDeps = { facts: lookup, parks: () => (parks ??= parksOnRecord(deps.db)) };
  return { lookup, draftLookup: hidingTextOf(lookup, hidden), unseen: [...excluded, ...hidden], verifier };
}
