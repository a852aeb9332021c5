import { findFacts } from "../db/facts-repo.ts";
import type { Deps } from "../deps.ts";
import type { FactLookup, Verification } from "../domain/fact-types.ts";
import { verifyDeps } from "../db/verify-ports.ts";
import { verifyText } from "../verify/verify-text.ts";

/** Marker placed after a number of a model's text that the database does not support. */
export const UNVERIFIED_MARK = "（未核实）";

/** Park and year the text speaks of, so that claims without their own context resolve. */
export interface CheckContext {
  park?: string;
  year?: number;
  /** The parks and their names, when the caller already holds them (the answerer's vocabulary). */
  parks?: Array<{ park: string; aliases: string[] }>;
}

/** The facts port over the deps' database. */
export function factLookup(deps: Deps): FactLookup {
  return { findFacts: (filter) => findFacts(deps.db, filter) };
}

/** Run the verifier over an answer text. */
export async function checkAnswer(deps: Deps, text: string, context: CheckContext): Promise<Verification> {
  const parks = context.parks;
  return verifyText(verifyDeps(deps.db, parks ? async () => parks : undefined), { text, park: context.park, year: context.year });
}

function formatExpected(expected: { value: number; unit: string }): string {
  return `${Number(expected.value.toPrecision(12))}${expected.unit}`;
}

/**
 * Correct a model-written text against the database: a mismatched number is replaced by the database
 * value (the claim's `expected`), a number the database does not support is marked （未核实）. Returns the
 * corrected text and its verification (run again on the corrected text).
 * @example await correctModelText(deps, "工业总产值达到400亿元。", { park, year: 2022 })
 * // → { text: "工业总产值达到352.9亿元。", … }
 */
export async function correctModelText(deps: Deps, text: string, context: CheckContext): Promise<{ text: string; verification: Verification; corrected: number }> {
  const first = await checkAnswer(deps, text, context);
  let output = text;
  let corrected = 0;
  const claims = [...first.claims].sort((a, b) => b.start - a.start);
  for (const claim of claims) {
    if (claim.status === "mismatch" && claim.expected) {
      output = output.slice(0, claim.start) + formatExpected(claim.expected) + output.slice(claim.end);
      corrected++;
    } else if (claim.status === "mismatch" || claim.status === "unsupported") {
      if (!output.startsWith(UNVERIFIED_MARK, claim.end)) output = output.slice(0, claim.end) + UNVERIFIED_MARK + output.slice(claim.end);
      corrected++;
    }
  }
  if (corrected === 0) return { text, verification: first, corrected };
  return { text: output, verification: await checkAnswer(deps, output, context), corrected };
}
