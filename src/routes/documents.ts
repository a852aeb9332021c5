import { Hono } from "hono";
import { z } from "zod";
import { deleteDocument, getDocument, listDocuments } from "../db/documents-repo.ts";
import { findFactsOfDocument } from "../db/facts-repo.ts";
import type { Deps } from "../deps.ts";
import { AppError, NotFoundError } from "../errors.ts";
import { ingestDocument, type IngestInput } from "../ingest/ingest-document.ts";
import { MAX_DOCUMENT_CHARS } from "../ingest/load-file.ts";
import { requireRole, type AppEnv } from "./auth.ts";
import { toApiFact } from "../facts/fact-json.ts";
import { readJson, readUpload } from "./validate.ts";

const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** The fields of an upload besides its content; missing park/year/kind are inferred (also in /openapi.json). */
export const metaSchema = z.object({
  title: z.string().trim().max(200).optional().describe("标题"),
  park: z.string().trim().max(100).optional().describe("园区；缺省时从标题和正文识别"),
  year: z.coerce.number().int().min(1949).max(2100).optional().describe("年份；缺省时从标题和正文识别"),
  kind: z.enum(["summary", "plan", "report", "other"]).optional().describe("类型：summary 总结、plan 计划、report 报告、other 其他"),
  source: z.string().trim().max(500).optional().describe("来源说明"),
});

/** The JSON upload body. */
export const textSchema = metaSchema.extend({
  text: z.string().min(1, "不能为空").max(MAX_DOCUMENT_CHARS, `文本过长（不超过 ${MAX_DOCUMENT_CHARS / 10_000} 万字）`).describe("文档全文"),
});

/** The GET /api/documents query. */
export const listQuerySchema = z.object({
  park: z.string().optional().describe("园区名称"),
  year: z.coerce.number().int().optional().describe("年份"),
});

/** /api/documents: upload (JSON text or multipart file), list, get, delete. */
export function documentRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post("/", requireRole("admin"), async (context) => {
    const type = context.req.header("content-type") ?? "";
    let input: IngestInput;
    if (type.includes("multipart/form-data")) {
      const { file, fields } = await readUpload(context, MAX_UPLOAD_BYTES, "文件");
      const meta = metaSchema.safeParse(fields);
      if (!meta.success) throw new AppError("bad_request", `字段 ${meta.error.issues[0].path.join(".")} 无效：${meta.error.issues[0].message}`);
      input = { ...meta.data, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    } else {
      input = await readJson(context, textSchema);
    }
    const result = await ingestDocument(deps, input);
    return context.json(result, result.duplicate ? 200 : 201);
  });

  app.get("/", async (context) => {
    const query = listQuerySchema.safeParse({ park: context.req.query("park") || undefined, year: context.req.query("year") || undefined });
    if (!query.success) throw new AppError("bad_request", "查询参数 year 必须是年份");
    const documents = await listDocuments(deps.db, query.data);
    return context.json({
      documents: documents.map(({ id, park, year, kind, title, chunks, facts, source, warnings }) => ({
        id, park, year, kind, title, chunks, facts, source, warnings,
      })),
    });
  });

  app.get("/:id", async (context) => {
    const document = await getDocument(deps.db, context.req.param("id"));
    if (!document) throw new NotFoundError(`文档不存在：${context.req.param("id")}`);
    const facts = await findFactsOfDocument(deps.db, document.id);
    return context.json({ ...document, facts: facts.map(toApiFact) });
  });

  app.delete("/:id", requireRole("admin"), async (context) => {
    const removed = await deleteDocument(deps.db, context.req.param("id"));
    if (!removed) throw new NotFoundError(`文档不存在：${context.req.param("id")}`);
    return context.json({ id: context.req.param("id"), deleted: true });
  });

  return app;
}
