import { readFile } from "node:fs/promises";
import { Document, Packer, Paragraph } from "docx";
import { describe, expect, it } from "vitest";
import { recentAudit } from "../../src/db/audit-repo.ts";
import { countAll } from "../../src/db/documents-repo.ts";
import { encodeGbk } from "../../src/text/gbk.ts";
import { useTestApp } from "../helpers/test-app.ts";

const liuxiPath = new URL("../../corpus/raw/liuxi-2021-summary-2022-plan.txt", import.meta.url);

const SAMPLE = `# 明湖经济开发区2022年工作总结

一、2022年工作开展情况

（一）经济运行稳中有进。2022年，园区完成规上工业总产值245.6亿元，同比增长8.3%；上缴税金12.4亿元，同比增长5.1%。

二、存在的困难和问题

1.用地指标不足。`;

function multipart(file: Blob, name: string, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.append("file", file, name);
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return form;
}

describe("/api/documents", () => {
  const ctx = useTestApp();

  const postJson = (body: unknown) =>
    ctx.app.request("/api/documents", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("ingests JSON text, infers park/year/kind, extracts facts, and dedupes a re-ingest", async () => {
    const response = await postJson({ text: SAMPLE });
    expect(response.status).toBe(201);
    const created = (await response.json()) as Record<string, unknown>;
    expect(created).toMatchObject({ park: "明湖经济开发区", year: 2022, kind: "summary", duplicate: false });
    expect(created.chunks as number).toBeGreaterThanOrEqual(2);
    expect(created.facts as number).toBeGreaterThanOrEqual(2);
    const before = await countAll(ctx.deps.db);

    const again = await postJson({ text: SAMPLE });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: created.id, duplicate: true, chunks: created.chunks, facts: created.facts });
    expect(await countAll(ctx.deps.db)).toEqual(before);

    const detail = (await (await ctx.app.request(`/api/documents/${created.id}`)).json()) as { text: string; facts: Array<Record<string, unknown>> };
    expect(detail.text).toContain("工业总产值245.6亿元");
    const output = detail.facts.find((fact) => fact.indicator === "industrial_output");
    expect(output).toMatchObject({ value: 245.6, unit: "亿元", yoy_pct: 8.3, period: "2022", park: "明湖经济开发区" });
    expect((output!.source as { quote: string }).quote).toContain("245.6亿元");

    const listed = (await (await ctx.app.request("/api/documents?park=明湖经济开发区&year=2022")).json()) as { documents: Array<{ id: string }> };
    expect(listed.documents.map((document) => document.id)).toEqual([created.id]);
  });

  it("ingests a scraped traditional page (the team's liuxi sample) as clean simplified Chinese with its outline and mojibake warnings", async () => {
    const bytes = await readFile(liuxiPath);
    const response = await ctx.app.request("/api/documents", { method: "POST", body: multipart(new Blob([bytes]), "liuxi.txt") });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; warnings: string[]; year: number; facts: number };
    expect(created.year).toBe(2021);
    expect(created.warnings.some((warning) => warning.includes("乱码"))).toBe(true);
    expect(created.facts).toBeGreaterThanOrEqual(10);
    const detail = (await (await ctx.app.request(`/api/documents/${created.id}`)).json()) as { text: string; facts: Array<{ indicator: string; value: number; yoy_pct: number | null }> };
    for (const traditional of ["園區", "產值", "稅金", "億元", "權(quán)", "下載本文檔", "溫馨提示", "最新文檔", "提交評論"]) {
      expect(detail.text).not.toContain(traditional);
    }
    expect(detail.text).toContain("工业总产值38.6亿元，同比增长12.3%");
    expect(detail.facts).toContainEqual(expect.objectContaining({ indicator: "industrial_output", value: 38.6, yoy_pct: 12.3 }));
    const { rows } = await ctx.deps.db.query<{ section_path: string }>("SELECT section_path FROM chunks WHERE document_id = $1", [created.id]);
    const paths = rows.map((row) => row.section_path);
    expect(paths).toContain("一、2021年工作开展情况 › 二是平台建设不断完善");
    expect(paths.some((path) => path.startsWith("三、2022年工作计划 › （"))).toBe(true);
  });

  it("decodes a GBK-encoded .txt upload", async () => {
    const text = SAMPLE.replace("明湖经济开发区", "青山工业园区").replace("245.6", "88.8");
    const response = await ctx.app.request("/api/documents", { method: "POST", body: multipart(new Blob([new Uint8Array(encodeGbk(text)!)]), "gbk.txt") });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; park: string };
    expect(created.park).toBe("青山工业园区");
    const detail = (await (await ctx.app.request(`/api/documents/${created.id}`)).json()) as { text: string };
    expect(detail.text).toContain("工业总产值88.8亿元");
  });

  it("ingests a .docx upload", async () => {
    const doc = new Document({ sections: [{ children: SAMPLE.replace("明湖经济开发区", "白沙产业园区").split("\n").map((line) => new Paragraph(line)) }] });
    const buffer = await Packer.toBuffer(doc);
    const response = await ctx.app.request("/api/documents", { method: "POST", body: multipart(new Blob([new Uint8Array(buffer)]), "report.docx", { year: "2022" }) });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ park: "白沙产业园区", year: 2022 });
  });

  it("rejects binary and unsupported files with 415 problem+json and stores nothing", async () => {
    const before = await countAll(ctx.deps.db);
    const binary = await ctx.app.request("/api/documents", { method: "POST", body: multipart(new Blob([Uint8Array.of(0, 1, 2, 3, 0, 255, 0, 9)]), "x.txt") });
    expect(binary.status).toBe(415);
    expect(binary.headers.get("content-type")).toContain("application/problem+json");
    const image = await ctx.app.request("/api/documents", { method: "POST", body: multipart(new Blob([Uint8Array.of(0x89, 0x50, 0x4e, 0x47)]), "photo.png") });
    expect(image.status).toBe(415);
    expect(((await image.json()) as { detail: string }).detail).toMatch(/\S/);
    expect(await countAll(ctx.deps.db)).toEqual(before);
  });

  it("rejects malformed requests with 400 problem+json", async () => {
    const before = await countAll(ctx.deps.db);
    const bad = await ctx.app.request("/api/documents", { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(bad.status).toBe(400);
    expect((await postJson({ text: "" })).status).toBe(400);
    expect((await postJson({ text: "x", year: "twenty" })).status).toBe(400);
    expect((await postJson({ text: "x", kind: "poem" })).status).toBe(400);
    expect((await ctx.app.request("/api/documents?year=abc")).status).toBe(400);
    expect(await countAll(ctx.deps.db)).toEqual(before);
  });

  it("deletes a document with its chunks and facts; a second delete is 404", async () => {
    const created = (await (await postJson({ text: SAMPLE.replace("2022年工作总结", "2022年工作总结（修订）") })).json()) as { id: string; chunks: number; facts: number };
    const before = await countAll(ctx.deps.db);
    const removed = await ctx.app.request(`/api/documents/${created.id}`, { method: "DELETE" });
    expect(removed.status).toBe(200);
    expect(await countAll(ctx.deps.db)).toEqual({ documents: before.documents - 1, chunks: before.chunks - created.chunks, facts: before.facts - created.facts });
    expect((await ctx.app.request(`/api/documents/${created.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await ctx.app.request(`/api/documents/${created.id}`)).status).toBe(404);
  });

  it("records successful writes in the audit log, and not failed ones or reads", async () => {
    const before = (await recentAudit(ctx.deps.db, 1000)).length;
    const created = (await (await postJson({ text: SAMPLE.replace("2022年工作总结", "2022年工作总结（审计）") })).json()) as { id: string };
    await ctx.app.request(`/api/documents/${created.id}`, { method: "DELETE" });
    await ctx.app.request(`/api/documents/${created.id}`, { method: "DELETE" }); // 404: not recorded
    await ctx.app.request("/api/documents");
    const entries = await recentAudit(ctx.deps.db, 1000);
    expect(entries.length - before).toBe(2);
    expect(entries.slice(0, 2).map((entry) => [entry.action, entry.target, entry.actor])).toEqual([
      ["document.delete", created.id, "anonymous"],
      ["document.upload", created.id, "anonymous"],
    ]);
    // Who, from where and how: the role and the client address are in the detail.
    expect(entries[0].detail).toMatchObject({ role: "admin", path: `/api/documents/${created.id}` });
    expect(typeof (entries[0].detail as { address?: unknown }).address).toBe("string");
  });
});
