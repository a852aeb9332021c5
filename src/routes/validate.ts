import type { Context } from "hono";
import type { z } from "zod";
import { AppError } from "../errors.ts";

/** Read a JSON body and validate it with zod; malformed JSON and schema errors become 400 problems. */
export async function readJson<Schema extends z.ZodType>(context: Context, schema: Schema): Promise<z.infer<Schema>> {
  const type = context.req.header("content-type") ?? "";
  if (!type.includes("application/json")) {
    throw new AppError("unsupported_media", `需要 application/json 请求体，收到 ${type || "无类型"}`);
  }
  let body: unknown;
  try {
    body = await context.req.json();
  } catch {
    throw new AppError("bad_request", "请求体不是有效的 JSON");
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AppError("bad_request", `字段 ${issue.path.join(".") || "(请求体)"} 无效：${issue.message}`);
  }
  return result.data;
}
