import { zipSync, strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { importStats } from "../../src/ingest/import-stats.ts";
import { createTestDeps } from "../helpers/test-deps.ts";
import { refusedUnchanged as refusedIn, useTestApp } from "../helpers/test-app.ts";

/** Issue 12's "Found" inputs: each is a 4xx problem (or works), and a refused one leaves the database as it was. */
describe("bad input never reaches SQL as a 500", () => {
  const ctx = useTestApp();

  const json = (path: string, body: string) => ctx.app.request(path, { method: "POST", headers: { "content-type": "application/json" }, body });
  const refusedUnchanged = (send: () => Response | Promise<Response>, status = 400) => refusedIn(ctx.deps, send, status);

  it("a NUL byte in a JSON field, a title, a park, a query parameter or a /v1 message: 400 naming the field", async () => {
    expect((await refusedUnchanged(() => json("/api/verify", '{"text":"a\\u0000b"}'))).detail).toContain("text");
    expect((await refusedUnchanged(() => json("/api/documents", '{"title":"a\\u0000b","text":"园区2024年实现工业总产值1亿元。"}'))).detail).toContain("title");
    expect((await refusedUnchanged(() => json("/api/documents", '{"park":"a\\u0000b","text":"园区2024年实现工业总产值1亿元。"}'))).detail).toContain("park");
    expect((await refusedUnchanged(() => ctx.app.request("/api/facts?park=a%00b"))).detail).toContain("park");
    expect((await refusedUnchanged(() => json("/v1/chat/completions", '{"model":"x","messages":[{"role":"user","content":"a\\u0000b"}]}'))).detail).toContain("messages[0].content");
  });

  it("lone surrogates in a question are refused; a multipart field with NUL too", async () => {
    await refusedUnchanged(() => json("/api/ask", '{"question":"\\ud800a\\udfff"}'));
    const form = new FormData();
    form.append("file", new Blob(["测试园区2024年工作总结。实现工业总产值1亿元。"], { type: "text/plain" }), "a.txt");
    form.append("park", "测试\u0000园区");
    await refusedUnchanged(() => ctx.app.request("/api/documents", { method: "POST", body: form }));
  });

  it("an uploaded .txt with a NUL byte is refused as binary (415); stray control characters are removed, and it says so", async () => {
    const nul = new FormData();
    nul.append("file", new Blob(["空字园区2024年实现工业总产值3.5亿元。\u0000"], { type: "text/plain" }), "nul.txt");
    await refusedUnchanged(() => ctx.app.request("/api/documents", { method: "POST", body: nul }), 415);
    const form = new FormData();
    form.append("file", new Blob(["空字园区2024年工作总结\n空字园区2024年实现工业总产值3.5亿元。\u0001\u0007\n"], { type: "text/plain" }), "ctl.txt");
    const response = await ctx.app.request("/api/documents", { method: "POST", body: form });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { warnings: string[]; facts: number };
    expect(body.warnings.join("")).toContain("已去除控制字符");
    expect(body.facts).toBeGreaterThan(0);
  });

  it("a CSV cell with NUL is cleaned; a 400-digit value is a row error and nothing is imported", async () => {
    const cleaned = await ctx.app.request("/api/stats", { method: "POST", headers: { "content-type": "text/csv" }, body: "park,period,indicator,value,unit\n净\u0000园区,2023,工业总产值,1,亿元\n" });
    expect(cleaned.status).toBe(200);
    const { rows } = await ctx.deps.db.query<{ park: string }>("SELECT park FROM facts WHERE park LIKE '净%'");
    expect(rows).toEqual([{ park: "净园区" }]);
    const detail = await refusedUnchanged(() => ctx.app.request("/api/stats", {
      method: "POST", headers: { "content-type": "text/csv" }, body: `park,period,indicator,value,unit\n大数园区,2023,工业总产值,${"9".repeat(400)},亿元\n`,
    }));
    expect(detail.detail).toContain("超出合理范围");
  });

  it("a 400-digit figure in a document is never stored (no Infinity), and the upload says so", async () => {
    const response = await json("/api/documents", JSON.stringify({ park: "大数园区", year: 2024, text: `大数园区2024年实现工业总产值${"9".repeat(400)}亿元，上缴税金2.1亿元。` }));
    expect(response.status).toBe(201);
    expect(((await response.json()) as { warnings: string[] }).warnings.join("")).toContain("超出合理范围");
    const { rows } = await ctx.deps.db.query("SELECT value FROM facts WHERE value > 1e15 OR value_base > 1e20 OR value = 'Infinity'::float8");
    expect(rows).toEqual([]);
  });
});

describe("bodies are limited while they are read, and files by what they unpack to", () => {
  const ctx = useTestApp();

  const refused413 = async (send: () => Response | Promise<Response>) => (await refusedIn(ctx.deps, send, 413)).detail;
  /** A body that arrives in chunks with no Content-Length, as a chunked upload does; counts what was pulled. */
  const chunked = (chunks: number, size: number) => {
    const pulled = { count: 0 };
    const chunk = new Uint8Array(size).fill(0x20);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled.count++ >= chunks) controller.close();
        else controller.enqueue(chunk);
      },
    });
    return { body, pulled };
  };

  it("a JSON question body over 1 MB is 413 by its Content-Length, before it is read", async () => {
    const body = JSON.stringify({ question: "x".repeat(3 * 1024 * 1024) });
    const detail = await refused413(() => ctx.app.request("/api/ask", { method: "POST", headers: { "content-type": "application/json", "content-length": String(body.length) }, body }));
    expect(detail).toContain("1 MB");
  });

  it("a chunked body with no Content-Length is cut off once it passes the limit, not read whole", async () => {
    const { body, pulled } = chunked(400, 64 * 1024); // 25 MB on offer
    await refused413(() => ctx.app.request("/api/verify", { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" } as RequestInit));
    expect(pulled.count).toBeLessThan(20); // stopped near 1 MB (16 chunks), far from the 400 offered
  });

  it("a multipart upload over the documents limit is 413 and stores nothing", async () => {
    const { body, pulled } = chunked(500, 64 * 1024);
    await refused413(() => ctx.app.request("/api/documents", { method: "POST", headers: { "content-type": "multipart/form-data; boundary=x" }, body, duplex: "half" } as RequestInit));
    expect(pulled.count).toBeLessThan(400);
  });

  it("a small .docx whose zip directory declares 180 MB of XML is 413 before anything is inflated", async () => {
    const started = performance.now();
    const xml = strToU8(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${"园".repeat(60_000_000)}</w:t></w:r></w:p></w:body></w:document>`);
    const bomb = zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "word/document.xml": xml }, { level: 9 });
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const form = new FormData();
    form.append("file", new Blob([bomb as BlobPart]), "bomb.docx");
    const detail = await refused413(() => ctx.app.request("/api/documents", { method: "POST", body: form }));
    expect(detail).toContain("解压后内容过大"); // refused by the zip directory, not after inflating
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it("a .docx within the XML limit whose text passes 8,000,000 characters is 413, not truncated", async () => {
    const paragraphs = Array.from({ length: 820 }, () => `<w:p><w:r><w:t>${"区".repeat(10_000)}</w:t></w:r></w:p>`).join("");
    const xml = strToU8(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs}</w:body></w:document>`);
    const rels = strToU8(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`);
    const types = strToU8(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`);
    const docx = zipSync({ "[Content_Types].xml": types, "_rels/.rels": rels, "word/document.xml": xml });
    const form = new FormData();
    form.append("file", new Blob([docx as BlobPart]), "long.docx");
    expect(await refused413(() => ctx.app.request("/api/documents", { method: "POST", body: form }))).toContain("800 万字");
  });
});

describe("the statistics CSV as offices write it (one reader for POST /api/stats and npm run import-stats)", () => {
  it("reads Chinese headers, thousands separators and GB18030 bytes", async () => {
    const deps = await createTestDeps();
    try {
      const csv = "园区,期间,指标,数值,单位,同比（%）\n表头园区,2023,工业总产值,\"1,568,000\",万元,5.2\n";
      const bytes = new TextEncoder().encode(csv);
      expect((await importStats(deps.db, bytes)).imported).toBe(1);
      const { rows } = await deps.db.query<{ value: number; yoy_pct: number }>("SELECT value, yoy_pct FROM facts WHERE park = '表头园区'");
      expect(rows.map((row) => [Number(row.value), Number(row.yoy_pct)])).toEqual([[1568000, 5.2]]);
      // "园区,期间,指标,数值,单位" and one row, in GB18030 (the bytes Excel on Chinese Windows writes).
      const gb = Buffer.concat([
        Buffer.from([0xd4, 0xb0, 0xc7, 0xf8]), Buffer.from(",period,indicator,value,unit\n"),
        Buffer.from([0xd4, 0xb0, 0xc7, 0xf8]), Buffer.from(",2022,GDP,12.5,"), Buffer.from([0xd2, 0xda, 0xd4, 0xaa]), Buffer.from("\n"),
      ]);
      expect((await importStats(deps.db, new Uint8Array(gb))).imported).toBe(1);
      const { rows: gbRows } = await deps.db.query<{ park: string; unit: string }>("SELECT park, unit FROM facts WHERE period = '2022' AND park = '园区'");
      expect(gbRows).toEqual([{ park: "园区", unit: "亿元" }]);
    } finally {
      await deps.dispose();
    }
  });
});
