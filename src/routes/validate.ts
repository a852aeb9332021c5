import type { Context } from "hono";
import type { z } from "zod";
import { AppError } from "../errors.ts";
import { hasForbiddenChars } from "../text/clean.ts";

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

/** A multipart upload: the `file` part (size-checked) and the other text fields. */
export async function readUpload(context: Context, maxBytes: number, what: string): Promise<{ file: File; fields: Record<string, string> }> {
  const form = await context.req.formData().catch(() => {
    throw new AppError("bad_request", "multipart 请求体无效");
  });
  const file = form.get("file");
  if (!file || typeof file === "string") throw new AppError("bad_request", "缺少文件字段 file");
  if (file.size > maxBytes) throw new AppError("payload_too_large", `${what}超过 ${Math.round(maxBytes / 1024 / 1024)} MB`);
  const fields: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (key === "file" || typeof value !== "string" || value === "") continue;
    if (hasForbiddenChars(key) || hasForbiddenChars(value)) throw new AppError("bad_request", `字段 ${key.replace(/[^\w-]/g, "?")} 含有控制字符或无效的 Unicode 字符`);
    fields[key] = value;
  }
  return { file, fields };
}
