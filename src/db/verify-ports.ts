import type { VerifyDeps } from "../verify/verify-text.ts";
import { findFacts } from "./facts-repo.ts";
import { parksOnRecord } from "./park-directory.ts";
import type { SqlClient } from "./sql-client.ts";

/** The verifier's ports on the database: facts, and the parks with every name they go by. */
export function verifyDeps(db: SqlClient, parks?: VerifyDeps["parks"]): VerifyDeps {
  return { facts: { findFacts: (filter) => findFacts(db, filter) }, parks: parks ?? (() => parksOnRecord(db)) };
}
