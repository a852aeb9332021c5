/**
 * What one roll-forward pass shares between its readers: last year's text, this year's facts, the fact
 * chosen for each value figure so far, and the edits and changes it has made. The edits are applied once,
 * at the end, so every reader sees last year's text with its original offsets.
 */
import type { FigureMention } from "../facts/analyze-figures.ts";
import type { Fact, FactStatus } from "../domain/fact-types.ts";
import type { FigureMeaning } from "./match-fact.ts";
import type { YearFacts } from "./year-facts.ts";

export type ChangeOutcome = "updated" | "missing" | "kept";

/** A figure of last year's text and what became of it. */
export interface FigureChange {
  from: string;
  to: string;
  start: number;
  role: string;
  indicatorKey: string;
  label: string;
  outcome: ChangeOutcome;
  factId?: string;
}

/** One replacement in last year's text, by its original offsets. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The new-year fact chosen for a value figure (null when none is on record), with what the figure means. */
export interface ChosenFigure {
  fact: Fact | null;
  meaning: FigureMeaning;
  status: FactStatus;
}

/** The state of one roll-forward pass. */
export interface RollContext {
  /** Last year's text, paired clauses split (`splitPairs`). */
  text: string;
  fromYear: number;
  toYear: number;
  facts: YearFacts;
  /** `facts.all()`, read once. */
  all: readonly Fact[];
  /** Summary work sections report: a stray 目标 in a sentence does not make its figures targets. */
  reportsActuals: boolean;
  /** Only a fact of the figure's own 口径 replaces it. */
  strictScopes: boolean;
  edits: Edit[];
  changes: FigureChange[];
  /** The new-year fact chosen for each value mention (by index), for the yoy/delta/share that refer to it. */
  chosen: Map<number, ChosenFigure>;
  /** Facts already written for a figure, so that two figures do not both become the same one. */
  used: Set<string>;
  /** Push an edit and the change it makes. */
  record: (mention: FigureMention, edit: Edit, outcome: ChangeOutcome, key: string, label: string, factId?: string) => void;
}

/** The text with the edits applied; an edit that overlaps an earlier one is dropped. */
export function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) continue;
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}
