/**
 * Year shifting for roll-forward: the years last year's text speaks of relative to its report year
 * (2020年, 2019—2021年) move forward with it, wherever no figure edit has already taken their place.
 */
import type { Edit } from "./roll-context.ts";

/**
 * Edits moving the years within one of `fromYear` (上年, 本年, 下一年) by `shift`, skipping any a
 * figure edit in `taken` overlaps.
 * @example yearEdits("2020年，园区…", 2020, 1, []) // → [{ start: 0, end: 4, text: "2021" }]
 */
export function yearEdits(text: string, fromYear: number, shift: number, taken: Edit[]): Edit[] {
  const edits: Edit[] = [];
  for (const match of text.matchAll(/(?<!\d)((?:19|20)\d{2})(?=\s*(年|—|-|～|~|至))/g)) {
    const year = Number(match[1]);
    const start = match.index ?? 0;
    if (year < fromYear - 1 || year > fromYear + 1) continue;
    if (taken.some((edit) => start < edit.end && start + 4 > edit.start)) continue;
    edits.push({ start, end: start + 4, text: String(year + shift) });
  }
  return edits;
}
