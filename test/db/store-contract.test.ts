import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countAll, deleteDocument, getDocument, insertDocument, listDocuments, type NewDocument } from "../../src/db/documents-repo.ts";
import { findFacts, upsertStat } from "../../src/db/facts-repo.ts";
import { syncIndicators } from "../../src/db/indicators-repo.ts";
import { INDICATORS } from "../../src/domain/indicators.ts";
import { loadMigrationsFromDisk } from "../../src/db/load-migrations.ts";
import { migrate } from "../../src/db/migrate.ts";
import type { SqlClient } from "../../src/db/sql-client.ts";
import type { FactInput } from "../../src/domain/fact-types.ts";
import { testDatabases } from "../helpers/test-db.ts";

function fact(overrides: Partial<FactInput> = {}): FactInput {
  return {
    park: "明湖经济开发区", period: "2022", year: 2022, indicatorKey: "industrial_output", label: "工业总产值",
    scope: "规上企业", value: 245.6, unit: "亿元", valueBase: 245.6e8, baseUnit: "元", yoyPct: 8.3, qualifier: "exact",
    status: "actual", decimals: 1, spanStart: 10, spanEnd: 18, quote: "实现工业总产值245.6亿元", origin: "text",
    confidence: 0.9, ...overrides,
  };
}

function documentWith(sha: string, overrides: Partial<NewDocument> = {}): NewDocument {
  return {
    park: "明湖经济开发区", year: 2022, kind: "summary", title: "明湖经济开发区2022年工作总结", source: "test",
    sha256: sha, text: "园区规上企业实现工业总产值245.6亿元。", original: null, offsetMap: null, warnings: [],
    chunks: [
      { ord: 0, sectionPath: "一、2022年工作开展情况", text: "园区规上企业实现工业总产值245.6亿元。", start: 0, end: 20, tokens: "工业 业总 总产 产值", embedding: [1, 0, 0] },
      { ord: 1, sectionPath: "二、存在的困难和问题", text: "用地指标不足。", start: 20, end: 27, tokens: "用地 地指 指标", embedding: [0, 1, 0] },
    ],
    facts: [{ ...fact(), chunkOrd: 0 }],
    ...overrides,
  };
}

for (const database of testDatabases()) {
  describe(`store contract on ${database.name}`, () => {
    let db: SqlClient;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ db, dispose } = await database.open());
    });
    afterAll(async () => dispose());

    it("reports its backend kind", () => {
      expect(db.kind).toBe(database.name);
    });

    it("applies migrations once: a second run applies nothing, concurrent runs do not fail", async () => {
      const migrations = await loadMigrationsFromDisk();
      expect(await migrate(db, migrations)).toEqual([]);
      const both = await Promise.all([migrate(db, migrations), migrate(db, migrations)]);
      expect(both).toEqual([[], []]);
      const { rows } = await db.query<{ name: string }>("SELECT name FROM schema_migrations ORDER BY name");
      expect(rows.map((row) => row.name)).toEqual(migrations.map((migration) => migration.name).sort());
    });

    it("stores a document with chunks and facts, and dedupes by sha256", async () => {
      const first = await insertDocument(db, documentWith("sha-a"));
      expect(first.duplicate).toBe(false);
      const again = await insertDocument(db, documentWith("sha-a", { title: "another title" }));
      expect(again).toEqual({ id: first.id, duplicate: true });
      const detail = await getDocument(db, first.id);
      expect(detail).toMatchObject({ title: "明湖经济开发区2022年工作总结", chunks: 2, facts: 1, year: 2022, kind: "summary" });
      const listed = await listDocuments(db, { park: "明湖经济开发区", year: 2022 });
      expect(listed.map((row) => row.id)).toContain(first.id);
      expect(await listDocuments(db, { year: 1999 })).toEqual([]);
    });

    it("rolls back the whole document when any part fails", async () => {
      const before = await countAll(db);
      const broken = documentWith("sha-broken", {
        // A chunk ord repeated violates UNIQUE (document_id, ord) after the document row was written.
        chunks: [...documentWith("x").chunks, { ...documentWith("x").chunks[0] }],
      });
      await expect(insertDocument(db, broken)).rejects.toThrow();
      expect(await countAll(db)).toEqual(before);
    });

    it("finds facts by park, year and indicator with the document title", async () => {
      const facts = await findFacts(db, { park: "明湖经济开发区", year: 2022, indicatorKey: "industrial_output" });
      expect(facts).toHaveLength(1);
      expect(facts[0]).toMatchObject({ value: 245.6, unit: "亿元", yoyPct: 8.3, scope: "规上企业", documentTitle: "明湖经济开发区2022年工作总结" });
      expect(facts[0].chunkId).toBeTruthy();
      expect(await findFacts(db, { park: "明湖经济开发区", years: [2019, 2020] })).toEqual([]);
    });

    it("ranks imported statistics first and replaces a re-imported statistic", async () => {
      await db.transaction((tx) => upsertStat(tx, fact({ origin: "stats", value: 245.61, valueBase: 245.61e8, decimals: 2 })));
      const second = await db.transaction((tx) => upsertStat(tx, fact({ origin: "stats", value: 245.62, valueBase: 245.62e8, decimals: 2 })));
      expect(second.previous?.value).toBe(245.61);
      const facts = await findFacts(db, { park: "明湖经济开发区", year: 2022, indicatorKey: "industrial_output" });
      expect(facts.map((row) => [row.origin, row.value])).toEqual([["stats", 245.62], ["text", 245.6]]);
    });

    it("mirrors the indicator vocabulary into the indicators table, idempotently", async () => {
      await syncIndicators(db, INDICATORS);
      await syncIndicators(db, INDICATORS);
      const { rows } = await db.query<{ key: string; label: string; aliases: string[]; unit_kind: string }>(
        "SELECT key, label, aliases, unit_kind FROM indicators ORDER BY key",
      );
      expect(rows).toHaveLength(INDICATORS.length);
      const output = rows.find((row) => row.key === "industrial_output");
      const expected = INDICATORS.find((item) => item.key === "industrial_output")!;
      expect(output).toEqual({ key: "industrial_output", label: expected.label, aliases: expected.aliases, unit_kind: expected.unitKind });
    });

    it("searches chunk vectors by cosine distance", async () => {
      const { rows } = await db.query<{ ord: number }>(
        "SELECT ord FROM chunks ORDER BY embedding <=> $1::vector LIMIT 1",
        ["[0,0.9,0.1]"],
      );
      expect(rows[0].ord).toBe(1);
    });

    it("deletes a document with its chunks and facts", async () => {
      const { id } = await insertDocument(db, documentWith("sha-delete"));
      const before = await countAll(db);
      expect(await deleteDocument(db, id)).toBe(true);
      expect(await deleteDocument(db, id)).toBe(false);
      expect(await countAll(db)).toEqual({ documents: before.documents - 1, chunks: before.chunks - 2, facts: before.facts - 1 });
    });
  });
}
