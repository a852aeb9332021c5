import type { Verification } from "../domain/fact-types.ts";
import type { ApiVerification } from "./types.ts";

/**
 * The API.md verification shape: claims with snake_case `fact_ids`. Routes (/api/verify, drafts) reuse it.
 * @example toApiVerification(await verifyText(...)).claims[0].fact_ids
 */
export function toApiVerification(verification: Verification): ApiVerification {
  return {
    claims: verification.claims.map(({ factIds, ...claim }) => ({ ...claim, fact_ids: factIds })),
    summary: { ...verification.summary },
  };
}

/** A verification with no claims (text without figures). */
export function emptyVerification(): Verification {
  return { claims: [], summary: { verified: 0, mismatch: 0, unsupported: 0, derived: 0 } };
}
