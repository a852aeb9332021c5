/** What the bot routes share: refusals, the answer page's base address, and the options tests inject. */
import type { Context } from "hono";
import type { Deps } from "../../deps.ts";
import { AppError } from "../../errors.ts";
import type { AnswerFn } from "../../bots/reply.ts";

export interface BotRouteOptions {
  /** The answer verb (tests slow it down to check acknowledgement before delivery). */
  answer?: AnswerFn;
  /** How long a callback waits for a passive reply before answering later through the API. */
  passiveMs?: number;
}

/** A callback whose signature, token or timestamp does not check out: 401, and nothing is answered. */
export function refused(detail = "签名校验失败"): AppError {
  return new AppError("unauthorized", detail);
}

export function platformOff(name: string): AppError {
  return new AppError("not_found", `${name}机器人未配置（设置相应的环境变量后启用）`);
}

/** Where people open the service: PUBLIC_BASE_URL, else the origin this callback reached. */
export function baseUrlOf(deps: Deps, context: Context): string {
  return deps.config.publicBaseUrl ?? new URL(context.req.url).origin;
}

/** Query values as WeCom signs them (Hono decodes "+" as a space; base64 has no spaces). */
export function signedQuery(context: Context, name: string): string {
  return (context.req.query(name) ?? "").replaceAll(" ", "+");
}
