import { Hono } from "hono";
import { z } from "zod";
import { findFacts } from "../db/facts-repo.ts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { indicatorByKey, resolveIndicator, unknownIndicatorKey } from "../domain/indicators.ts";
import type { AppEnv } from "./auth.ts";
import { toApiFact } from "../facts/fact-json.ts";

/** The GET /api/facts query (also in /openapi.json). */
export const querySchema = z.object({
  park: z.string().trim().min(1).max(100).optional().describe("园区名称"),
  period: z.string().trim().regex(/^\d{4}(H[12]|Q[1-4]|M\d{2}(-\d{2})?)?$/, "期间应为 2022、2022H1、2022Q3 或 2022M01-11").optional().describe("期间：2022、2022H1、2022Q3 或 2022M01-11"),
  indicator: z.string().trim().min(1).max(100).optional().describe("指标键或中文名称（工业总产值、规上工业总产值）"),
});

/**
 * The indicator key for a query value: a canonical key (`industrial_output`, `label:…`) as is, else the
 * Chinese label or alias resolved through the vocabulary (`工业总产值`, `规上工业总产值`).
 */
export function indicatorKeyOf(value: string): string {
  if (value.startsWith("label:") || indicatorByKey(value)?.key === value) return value;
  return resolveIndicator(value)?.key ?? unknownIndicatorKey(value);
}

/** GET /api/facts?park=&period=&indicator= → { facts: [...] } in the API.md fact shape. */
export function factRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/", async (context) => {
    const parsed = querySchema.safeParse({
      park: context.req.query("park") || undefined,
      period: context.req.query("period") || undefined,
      indicator: context.req.query("indicator") || undefined,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError("bad_request", `查询参数 ${issue.path.join(".")} 无效：${issue.message}`);
    }
    const { park, period, indicator } = parsed.data;
    const facts = await findFacts(deps.db, { park, period, ...(indicator ? { indicatorKey: indicatorKeyOf(indicator) } : {}) });
    return context.json({ facts: facts.map(toApiFact) });
  });
  return app;
}
