import { Hono, type Context } from "hono";
import { z } from "zod";
import { toApiVerification } from "../answer/api-verification.ts";
import { getDraft, saveDraft } from "../db/drafts-repo.ts";
import type { Deps } from "../deps.ts";
import { draftDocument, type DraftResult } from "../draft/draft-document.ts";
import { contentDisposition, draftToDocx } from "../draft/export-docx.ts";
import { selectSections, sectionsOf } from "../draft/section-plan.ts";
import { AppError, NotFoundError } from "../errors.ts";
import { requireRole, type AppEnv } from "./auth.ts";
import { readJson } from "./validate.ts";

/** The POST /api/drafts body (also in /openapi.json). */
export const draftSchema = z.object({
  park: z.string().trim().min(1, "不能为空").max(100).describe("园区名称"),
  year: z.number().int().min(1990).max(2100).describe("总结或计划所属年份"),
  kind: z.enum(["summary", "plan"]).describe("summary 工作总结，plan 工作计划"),
  sections: z.array(z.string().trim().min(1).max(50)).max(20).optional().describe("只起草这些部分（见 GET /api/drafts/sections）"),
  instructions: z.string().max(2000).optional().describe("给起草模型的补充要求"),
});

/** The POST /api/drafts/export body (also in /openapi.json). */
export const exportSchema = z.object({
  title: z.string().trim().min(1, "不能为空").max(200).describe("文档标题"),
  markdown: z.string().min(1, "不能为空").max(500_000).describe("编辑后的草稿（Markdown）"),
});

const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The API.md shape (extra fields are additive). */
function toApiDraft(draft: DraftResult) {
  return {
    id: draft.id, park: draft.park, year: draft.year, kind: draft.kind, title: draft.title, markdown: draft.markdown,
    sections: draft.sections.map((section) => ({
      title: section.title, markdown: section.markdown, verification: toApiVerification(section.verification), method: section.method, notes: section.notes,
    })),
    verification: toApiVerification(draft.verification), notes: draft.notes, previous_document: draft.previousDocument, created_at: draft.createdAt,
  };
}

function docxResponse(context: Context<AppEnv>, bytes: Uint8Array, title: string): Response {
  return context.body(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, 200, {
    "content-type": DOCX_TYPE,
    "content-disposition": contentDisposition(`${title}（初稿）.docx`),
  });
}

/** /api/drafts: create (drafter), read as JSON, read as .docx. */
export function draftRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post("/", requireRole("drafter"), async (context) => {
    const input = await readJson(context, draftSchema);
    const { unknown } = selectSections(input.kind, input.sections);
    if (unknown.length) {
      throw new AppError("bad_request", `未知的部分：${unknown.join("、")}。可选：${sectionsOf(input.kind).map((spec) => spec.id).join("、")}`);
    }
    const draft = await draftDocument({ deps, input });
    await saveDraft(deps.db, { id: draft.id, park: draft.park, year: draft.year, kind: draft.kind, request: input, result: draft });
    return context.json(toApiDraft(draft), 201);
  });

  // The sections a caller may name, per kind (the drafting page's checkboxes).
  app.get("/sections", (context) =>
    context.json({ summary: sectionsOf("summary").map((spec) => spec.id), plan: sectionsOf("plan").map((spec) => spec.id) }));

  // An edited draft as a Word document: the drafting page sends the text as the person left it.
  app.post("/export", requireRole("drafter"), async (context) => {
    const input = await readJson(context, exportSchema);
    return docxResponse(context, await draftToDocx(input.markdown, input.title), input.title);
  });

  app.get("/:id", async (context) => {
    const raw = context.req.param("id");
    const wantsDocx = raw.endsWith(".docx");
    const id = wantsDocx ? raw.slice(0, -".docx".length) : raw;
    const stored = await getDraft(deps.db, id);
    if (!stored) throw new NotFoundError(`草稿不存在：${id}`);
    const draft = stored.result as DraftResult;
    if (!wantsDocx) return context.json(toApiDraft(draft));
    return docxResponse(context, await draftToDocx(draft.markdown, draft.title), draft.title);
  });

  return app;
}
