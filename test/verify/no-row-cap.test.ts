/**
 * The verifier never loses candidates to a row cap: `findFacts` without a limit returns every matching row
 * (or fails loudly), and the verifier reads only the parks and years its claims need.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFacts, insertFacts } from "../../src/db/facts-repo.ts";
import type { SqlClient } from "../../src/db/sql-client.ts";
import type { FactInput } from "../../src/domain/fact-types.ts";
import { verifyDeps } from "../../src/routes/verify.ts";
import { verifyText } from "../../src/verify/verify-text.ts";
import { pgliteDatabase } from "../helpers/test-db.ts";

const PARK = "北湾工业园区";
const FILLERS = 5_100;

function fact(overrides: Partial<FactInput>): FactInput & { documentId: null; chunkId: null } {
  return {
    park: PARK, period: "2021", year: 2021, indicatorKey: "revenue", label: "营业收入", scope: "园区", value: 12.3, unit: "亿元",
    valueBase: 1.23e9, baseUnit: "元", yoyPct: null, qualifier: "exact", status: "actual", decimals: 1, spanStart: null,
    spanEnd: null, quote: "", origin: "text", confidence: 0.9, documentId: null, chunkId: null, ...overrides,
  };
}

describe("no silent row cap", () => {
  let db: SqlClient;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await pgliteDatabase.open());
    // Open-vocabulary facts sort before `revenue` (label:… < revenue), so a cap at 5,000 rows would drop it.
    const fillers = Array.from({ length: FILLERS }, (_, i) =>
      fact({ indicatorKey: `label:填充项${String(i).padStart(4, "0")}`, label: `填充项${i}`, value: i + 1, valueBase: (i + 1) * 1e4, unit: "万元", decimals: 0 }));
    await db.transaction((tx) => insertFacts(tx, [...fillers, fact({}), fact({ park: "南岸园区", value: 99, valueBase: 9.9e9 })]));
  }, 60_000);
  afterAll(async () => dispose());

  it("findFacts without a limit returns every matching row; an explicit limit is honoured as given", async () => {
    expect(await findFacts(db, { park: PARK, years: [2021] })).toHaveLength(FILLERS + 1);
    expect(await findFacts(db, { park: PARK, limit: 7 })).toHaveLength(7);
  });

  it("a claim whose fact sorts after the first 5,000 rows of its park is still verified", async () => {
    const { claims } = await verifyText(verifyDeps(db), { text: "2021年，园区实现营业收入12.3亿元。", park: PARK });
    expect(claims[0]).toMatchObject({ status: "verified" });
    // With no park given, two parks on record: neither park's figure decides, both are candidates.
    const open = await verifyText(verifyDeps(db), { text: "2021年，园区实现营业收入12.3亿元。" });
    expect(open.claims[0].status).toBe("unsupported");
    expect(open.claims[0].factIds).toHaveLength(2);
  });
});
