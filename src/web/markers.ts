/**
 * Helpers of the drafting page: the 【待补充…】/【待核实…】 markers of a draft, the draft text with its markers
 * highlighted and its figures as chips, claims carried across an edit, and verifying a text the way the
 * server verifies a draft (past its bare 【待核实】 marks, in pieces /api/verify accepts).
 */
import { verificationCounts } from "../domain/claim-status.ts";
import { CHECK_MARK, withoutCheckMarks } from "../domain/draft-marks.ts";
import type { ApiClaim, ApiVerification } from "./api.ts";
import { h } from "./dom.ts";
import { renderWithChips, type FigureContext } from "./figures.ts";

export interface Marker {
  text: string;
  start: number;
  end: number;
  kind: "补充" | "核实";
}

const MARKER_PATTERN = /【待(补充|核实)[^】\n]*】/g;

/** Every 【待补充…】 and 【待核实…】 marker of a text, in order. */
export function findMarkers(text: string): Marker[] {
  const markers: Marker[] = [];
  for (const match of text.matchAll(MARKER_PATTERN)) {
    markers.push({ text: match[0], start: match.index ?? 0, end: (match.index ?? 0) + match[0].length, kind: match[1] as Marker["kind"] });
  }
  return markers;
}

/**
 * The text as nodes: markers as `<mark class="marker">` (ids from `markerId`), figures as chips. A claim
 * inside a marker stays a chip inside the mark; a claim across a marker's edge is left as plain text.
 */
export function renderMarked(text: string, claims: ApiClaim[], context: FigureContext, markerId: (index: number) => string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const markers = findMarkers(text);
  const pieces: Array<{ start: number; end: number; marker?: number }> = [];
  let at = 0;
  markers.forEach((marker, index) => {
    if (marker.start > at) pieces.push({ start: at, end: marker.start });
    pieces.push({ start: marker.start, end: marker.end, marker: index });
    at = marker.end;
  });
  if (at < text.length) pieces.push({ start: at, end: text.length });
  for (const piece of pieces) {
    const inside = claims
      .filter((claim) => claim.start >= piece.start && claim.end <= piece.end)
      .map((claim) => ({ ...claim, start: claim.start - piece.start, end: claim.end - piece.start }));
    const nodes = renderWithChips(text.slice(piece.start, piece.end), inside, context);
    if (piece.marker === undefined) fragment.append(nodes);
    else {
      const kind = markers[piece.marker].kind;
      fragment.append(h("mark", { class: "marker", id: markerId(piece.marker), tabindex: "-1", title: kind === "补充" ? "待补充" : "待核实" }, nodes));
    }
  }
  return fragment;
}

/**
 * The claims of `before` carried into `after`: the edit is taken as one changed stretch (common prefix and
 * suffix kept); claims before it keep their offsets, claims after it shift, claims it touches are dropped
 * (their figure may have changed: only a new check can say).
 */
export function carryClaims(before: string, after: string, claims: ApiClaim[]): ApiClaim[] {
  if (before === after) return claims;
  let prefix = 0;
  const shortest = Math.min(before.length, after.length);
  while (prefix < shortest && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  const changedEnd = before.length - suffix;
  const delta = after.length - before.length;
  const carried: ApiClaim[] = [];
  for (const claim of claims) {
    // A claim touching the edit (or adjoining it: "12" → "123") is dropped.
    if (claim.end < prefix) carried.push(claim);
    else if (claim.start > changedEnd) carried.push({ ...claim, start: claim.start + delta, end: claim.end + delta });
  }
  return carried;
}

/** Counts of a list of claims by status. */
export function summarize(claims: ApiClaim[]): ApiVerification["summary"] {
  const summary = { verified: 0, mismatch: 0, unsupported: 0, derived: 0 };
  for (const claim of claims) if (claim.status in summary) summary[claim.status]++;
  return summary;
}

/** 核对结果：已核实 N，由数据库计算 N，不符 N，无依据 N */
export function summaryLine(summary: ApiVerification["summary"]): string {
  return `核对结果：${verificationCounts(summary)}`;
}

/** The bare mark the drafter puts after a figure it could not support (as src/draft/verify-draft.ts). */
export { CHECK_MARK };

/** The longest text /api/verify accepts. */
export const VERIFY_LIMIT = 20_000;

/**
 * Verify a draft's text as the server verifies a draft: without its bare 【待核实】 marks (a mark must not
 * become the label of the next figure), in pieces of whole lines within VERIFY_LIMIT; claim offsets point
 * into `text` as given.
 */
export async function verifyDraftText(
  verify: (input: { text: string; park?: string; year?: number }) => Promise<ApiVerification>,
  text: string,
  park: string,
  year: number,
): Promise<ApiVerification> {
  const { plain, kept } = withoutCheckMarks(text);
  const claims: ApiClaim[] = [];
  for (const piece of splitLines(plain, VERIFY_LIMIT)) {
    if (!piece.text.trim()) continue;
    const result = await verify({ text: piece.text, park, year });
    for (const claim of result.claims) {
      const start = piece.start + claim.start;
      const end = piece.start + claim.end;
      claims.push({ ...claim, start: kept[start], end: kept[end - 1] + 1 });
    }
  }
  return { claims, summary: summarize(claims) };
}

/** A text in pieces of at most `limit` characters, cut after a line break where there is one. */
export function splitLines(text: string, limit: number): Array<{ start: number; text: string }> {
  const pieces: Array<{ start: number; text: string }> = [];
  let at = 0;
  while (text.length - at > limit) {
    const window = text.slice(at, at + limit);
    const cut = window.lastIndexOf("\n");
    const length = cut > 0 ? cut + 1 : limit;
    pieces.push({ start: at, text: text.slice(at, at + length) });
    at += length;
  }
  if (at < text.length || pieces.length === 0) pieces.push({ start: at, text: text.slice(at) });
  return pieces;
}
