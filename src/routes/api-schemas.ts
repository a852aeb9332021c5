/**
 * The API.md response shapes as zod schemas, for the OpenAPI description (`openapi-document.ts`). The routes build
 * their responses with `toApiFact`, `toApiVerification` and friends; `test/routes/openapi.test.ts` parses real
 * responses with these schemas, so a field renamed there fails the test instead of leaving the description wrong.
 * Objects are open (`openapi-document.ts` drops `additionalProperties: false` from responses): API.md allows fields
 * to be added, never renamed or removed. A problem may carry extra members (the bad rows of a CSV).
 */
import { z } from "zod";

const DOCUMENT_KINDS = ["summary", "plan", "report", "other"] as const;
const QUALIFIERS = ["exact", "more_than", "less_than", "about", "at_least", "at_most", "range"] as const;

const amount = z.object({ value: z.number(), unit: z.string() });

export const problemSchema = z.looseObject({
  type: z.string().describe("问题类型的 URI，如 https://park-assistant.local/problems/bad_request"),
  title: z.string().describe("错误类别的中文名称"),
  status: z.number().int().min(400).max(599).describe("HTTP 状态码"),
  detail: z.string().describe("面向用户的中文说明"),
  requestId: z.string().optional().describe("请求编号，与响应头 X-Request-Id 相同，便于查日志"),
}).meta({ id: "Problem", description: "错误响应（RFC 9457 application/problem+json），状态码总是 4xx 或 5xx" });

export const factSchema = z.object({
  id: z.string(),
  park: z.string().describe("园区名称"),
  period: z.string().describe("期间：2022、2022H1、2022Q3、2022M01-11"),
  indicator: z.string().describe("指标键，如 industrial_output；词表外的指标为 label:<名称>"),
  label: z.string().describe("原文中的指标名称"),
  scope: z.string().describe("口径，如 园区、规上企业"),
  value: z.number(),
  unit: z.string(),
  yoy_pct: z.number().nullable().describe("同比增减（百分比），未说明时为 null"),
  qualifier: z.enum(QUALIFIERS).describe("限定：exact 精确、more_than 余/多、about 约 …"),
  status: z.enum(["actual", "plan", "forecast"]).optional().describe("实际、计划或预计"),
  origin: z.enum(["text", "stats"]).optional().describe("text 从文档抽取，stats 由统计表导入"),
  span: z.object({ start: z.number().int(), end: z.number().int() }).nullable().optional(),
  source: z.object({
    document_id: z.string().nullable(),
    title: z.string().nullable(),
    quote: z.string().describe("原文引文"),
  }),
}).meta({ id: "Fact", description: "数据库中的一个数字事实及其出处" });

export const citationSchema = z.object({
  document_id: z.string().nullable(),
  title: z.string(),
  section: z.string(),
  quote: z.string(),
}).meta({ id: "Citation", description: "回答所依据的文档段落或统计数据" });

export const claimSchema = z.object({
  text: z.string().describe("被核对的数字原文"),
  start: z.number().int().describe("在输入文本中的起始字符位置"),
  end: z.number().int().describe("在输入文本中的结束字符位置"),
  value: z.number(),
  unit: z.string(),
  indicator: z.string().optional(),
  period: z.string().optional(),
  status: z.enum(["verified", "mismatch", "unsupported", "derived"]).describe("verified 已核实、mismatch 不符、unsupported 无依据、derived 由数据库计算"),
  expected: amount.optional().describe("数据库中的数值（不符时）"),
  fact_ids: z.array(z.string()),
  reason: z.string().optional().describe("判断理由"),
}).meta({ id: "Claim", description: "文字中的一个数字论断及其核对结果" });

export const verificationSchema = z.object({
  claims: z.array(claimSchema),
  summary: z.object({ verified: z.number().int(), mismatch: z.number().int(), unsupported: z.number().int(), derived: z.number().int() }),
}).meta({ id: "Verification", description: "逐个数字的核对结果与汇总" });

export const healthSchema = z.object({
  ok: z.literal(true),
  db: z.enum(["pglite", "postgres"]),
  llm: z.string().describe("offline 或模型名称"),
  embedder: z.string(),
  documents: z.number().int().optional(),
  chunks: z.number().int().optional(),
  facts: z.number().int().optional(),
  busy: z.boolean().optional().describe("内置数据库正忙于写入时为 true，计数为上一次的结果"),
}).meta({ id: "Health" });

const documentFields = {
  id: z.string(),
  park: z.string(),
  year: z.number().int().nullable(),
  kind: z.enum(DOCUMENT_KINDS),
  title: z.string(),
  chunks: z.number().int(),
  facts: z.number().int(),
};

export const documentSummarySchema = z.object({
  ...documentFields,
  source: z.string().nullable().optional(),
  warnings: z.array(z.string()).optional(),
}).meta({ id: "DocumentSummary" });

export const documentListSchema = z.object({ documents: z.array(documentSummarySchema) });

export const documentDetailSchema = z.object({
  ...documentFields,
  text: z.string().describe("归一化后的全文"),
  facts: z.array(factSchema),
}).meta({ id: "DocumentDetail" });

export const uploadResultSchema = z.object({
  ...documentFields,
  warnings: z.array(z.string()),
  duplicate: z.boolean().describe("同一内容已存在时为 true（状态码 200）"),
  conflicts: z.array(z.object({
    quote: z.string(), indicator: z.string(), label: z.string(), period: z.string(), scope: z.string(),
    document_value: amount, stats_value: amount, fact_id: z.string(),
  })).optional().describe("与已导入统计数据矛盾的数字"),
}).meta({ id: "UploadResult" });

export const deletedSchema = z.object({ id: z.string(), deleted: z.literal(true) });

export const statsImportSchema = z.object({
  imported: z.number().int().describe("导入的行数"),
  conflicts: z.array(z.object({
    row: z.number().int(), park: z.string(), period: z.string(), indicator: z.string(), scope: z.string(),
    imported: amount, existing: z.object({ ...amount.shape, origin: z.enum(["text", "stats"]), fact_id: z.string(), document_id: z.string().nullable(), quote: z.string() }),
  })).describe("与文档中数字不一致的行（统计数据优先）"),
}).meta({ id: "StatsImport" });

export const factListSchema = z.object({ facts: z.array(factSchema) });

export const answerSchema = z.object({
  answer: z.string(),
  conversationId: z.string().describe("会话编号，追问时带上"),
  citations: z.array(citationSchema),
  facts: z.array(factSchema),
  verification: verificationSchema,
  mode: z.enum(["figure", "retrieval", "refusal"]).describe("figure 由数据计算、retrieval 来自文档段落、refusal 无记录"),
}).meta({ id: "Answer" });

export const draftSchemaOut = z.object({
  id: z.string(),
  park: z.string().optional(),
  year: z.number().int().optional(),
  kind: z.enum(["summary", "plan"]).optional(),
  title: z.string().optional(),
  markdown: z.string(),
  sections: z.array(z.object({ title: z.string(), markdown: z.string(), verification: verificationSchema })),
  verification: verificationSchema,
}).meta({ id: "Draft" });

export const draftSectionsSchema = z.object({
  summary: z.array(z.string()).describe("工作总结可选的部分"),
  plan: z.array(z.string()).describe("工作计划可选的部分"),
});

const modelSchema = z.object({ id: z.string(), object: z.literal("model"), created: z.number().int(), owned_by: z.string() });
export const modelObjectSchema = modelSchema.meta({ id: "Model" });
export const modelListSchema = z.object({ object: z.literal("list"), data: z.array(modelObjectSchema) });

export const chatCompletionSchema = z.object({
  id: z.string(),
  object: z.literal("chat.completion"),
  created: z.number().int(),
  model: z.string(),
  choices: z.array(z.object({
    index: z.number().int(),
    message: z.object({ role: z.literal("assistant"), content: z.string() }),
    finish_reason: z.string(),
  })),
  usage: z.object({ prompt_tokens: z.number().int(), completion_tokens: z.number().int(), total_tokens: z.number().int() }),
  park_assistant: z.object({}).optional().describe("扩展字段：conversation_id、citations、facts、verification、mode"),
}).meta({ id: "ChatCompletion" });
