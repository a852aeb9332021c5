/**
 * Verifying a draft and marking what fails: every figure the verifier cannot support is marked
 * 【待核实】 where it stands, and the verifier reads the draft past those marks.
 */
import { CHECK_MARK, withoutCheckMarks } from "../domain/draft-marks.ts";
import type { Verification } from "../domain/fact-types.ts";
import { verifyText, type VerifyDeps } from "../verify/verify-text.ts";

/**
 * Verify a draft as its figures read: the 【待核实】 marks are annotations, so the verifier reads the text
 * without them (a mark must not become the label of the next figure); claim offsets point into the text
 * with the marks.
 */
export async function verifyDraft(verifier: VerifyDeps, text: string, park: string, year: number): Promise<Verification> {
  const { plain, kept } = withoutCheckMarks(text);
  const verification = await verifyText(verifier, { text: plain, park, year });
  const claims = verification.claims.map((claim) => ({ ...claim, start: kept[claim.start], end: kept[claim.end - 1] + 1 }));
  return { claims, summary: verification.summary };
}

/** The mark put right after a figure the verifier could not support (the figure itself stays visible). */
export { CHECK_MARK };

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
