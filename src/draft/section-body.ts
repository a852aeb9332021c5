/**
 * A section of a draft while it is being written: its heading and body, how it was drafted, and what
 * became of last year's figures. The drafting verb's stages (offline section, second pass, model polish,
 * assembly) each read and amend it.
 */
import type { FigureChange } from "./roll-context.ts";

/** How a section was drafted: last year's text rolled forward, composed from the facts, or by the model. */
export type DraftMethod = "roll-forward" | "compose" | "model";

/** A section's heading and body before assembly (markdown paragraphs, no heading marks). */
export interface SectionBody {
  heading: string;
  body: string;
  method: DraftMethod;
  changes: FigureChange[];
  notes: string[];
}
