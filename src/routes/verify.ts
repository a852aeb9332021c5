import { Hono } from "hono";
import { z } from "zod";
import { verifyDeps } from "../db/verify-ports.ts";
import type { Deps } from "../deps.ts";
import { toApiVerification } from "../answer/api-verification.ts";
import type { Verification } from "../domain/fact-types.ts";
export { verifyDeps } from "../db/verify-ports.ts";
import { verifyText, type VerifyDeps } from "../verify/verify-text.ts";
import type { AppEnv } from "./auth.ts";
import { readJson } from "./validate.ts";

/** The verifier as routers call it; injectable so tests can script it. */
export type VerifyVerb = (deps: VerifyDeps, input: { text: string; park?: string; year?: number }) => Promise<Verification>;

/** The POST /api/verify body (also in /openapi.json). */
export const verifySchema = z.object({
  text: z.string().min(1, "文本不能为空").max(20_000, "文本不能超过 20000 个字符").describe("要核对的文字"),
  park: z.string().trim().min(1).max(100).optional().describe("文字没有点名园区时按此园区核对"),
  year: z.number().int().min(1949).max(2100).optional().describe("文字没有写年份时按此年份核对"),
});


/** POST /api/verify: every figure claim of a text checked against the numeric database. */
export function verifyRoutes(deps: Deps, { verify = verifyText }: { verify?: VerifyVerb } = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post("/", async (context) => {
    const input = await readJson(context, verifySchema);
    const verification = await verify(verifyDeps(deps.db), input);
    return context.json(toApiVerification(verification));
  });
  return app;
}
