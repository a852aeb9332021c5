import type { ClaimStatus, VerificationSummary } from "./fact-types.ts";

/** Chinese names of the verifier's claim statuses, as the pages and the command line show them. */
export const CLAIM_STATUS_TEXT: Record<ClaimStatus, string> = {
  verified: "已核实",
  derived: "由数据库计算",
  mismatch: "与数据库不符",
  unsupported: "数据库无依据",
};

/**
 * A verification's counts in one line.
 * @example verificationCounts({ verified: 3, derived: 1, mismatch: 0, unsupported: 2 })
 * // → "已核实 3，由数据库计算 1，不符 0，无依据 2"
 */
export function verificationCounts(summary: VerificationSummary): string {
  return `已核实 ${summary.verified}，由数据库计算 ${summary.derived}，不符 ${summary.mismatch}，无依据 ${summary.unsupported}`;
}
