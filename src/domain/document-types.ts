/** Shapes of a stored document shared by ingest (which makes them) and db (which stores them). */

/** A chunk before it is stored. */
export interface ChunkDraft {
  ord: number;
  /** Section path joined with " › ". Empty string for text before the first heading. */
  sectionPath: string;
  text: string;
  start: number;
  end: number;
  year?: number;
  kind?: "summary" | "plan";
}

export type DocumentKind = "summary" | "plan" | "report" | "other";
