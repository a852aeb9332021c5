import { Hono } from "hono";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { importStats } from "../ingest/import-stats.ts";
import { requireRole, type AppEnv } from "./auth.ts";
import { readUpload } from "./validate.ts";

const MAX_CSV_BYTES = 10 * 1024 * 1024;

/**
 * POST /api/stats (admin): a statistics CSV as a `text/csv` body or a multipart `file`, imported all-or-nothing
 * → { imported, conflicts }. A bad CSV is a 400 problem listing the bad rows, and nothing is imported.
 */
export function statsRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post("/", requireRole("admin"), async (context) => {
    const type = (context.req.header("content-type") ?? "").toLowerCase();
    let bytes: Uint8Array;
    if (type.includes("multipart/form-data")) {
      const { file } = await readUpload(context, MAX_CSV_BYTES, "CSV ");
      bytes = new Uint8Array(await file.arrayBuffer());
    } else if (type.includes("text/csv") || type.includes("text/plain")) {
      bytes = new Uint8Array(await context.req.arrayBuffer());
      if (bytes.byteLength > MAX_CSV_BYTES) throw new AppError("payload_too_large", "CSV 超过 10 MB");
    } else {
      throw new AppError("unsupported_media", `需要 text/csv 请求体或 multipart/form-data 的 file 字段，收到 ${type || "无类型"}`);
    }
    return context.json(await importStats(deps.db, bytes));
  });
  return app;
}
