/**
 * `/bots/dingtalk`: the 钉钉 enterprise robot in HTTP mode. The `timestamp` (ms) and `sign` headers are checked
 * (HMAC-SHA256 of timestamp + "\n" + AppSecret, within the replay window) before the body is read; the callback
 * is acknowledged at once and the answer posted to the message's `sessionWebhook`, which must be on the DingTalk
 * API host (no request to an address a caller chose) and not expired.
 */
import { Hono } from "hono";
import { z } from "zod";
import type { BotsConfig } from "../../config.ts";
import type { Deps } from "../../deps.ts";
import { AppError } from "../../errors.ts";
import { dingtalkSignature, timingSafeEqualText } from "../../bots/crypto.ts";
import { answerOnce, fresh } from "../../bots/dispatch.ts";
import { callJson, OutboundError } from "../../bots/outbound.ts";
import { parseJsonKeepingIds } from "../../bots/payload.ts";
import { botReply } from "../../bots/reply.ts";
import type { AppEnv } from "../auth.ts";
import { stripLeadingMentions } from "./wecom-aibot.ts";
import { type BotRouteOptions, baseUrlOf, platformOff, refused } from "./common.ts";

const MAX_BYTES = 4000;
/** 接收消息: a timestamp more than 1 hour from now is an illegal request. */
const DINGTALK_MAX_AGE_S = 3600;

const messageSchema = z.object({
  msgId: z.string().min(1),
  msgtype: z.string(),
  text: z.object({ content: z.string() }).optional(),
  conversationType: z.string().optional(),
  conversationId: z.string().default(""),
  senderStaffId: z.string().optional(),
  senderId: z.string().optional(),
  isInAtList: z.boolean().optional(),
  sessionWebhook: z.string(),
  sessionWebhookExpiredTime: z.union([z.number(), z.string()]).optional(),
}).passthrough();

type DingtalkConfig = NonNullable<BotsConfig["dingtalk"]>;

/** The session webhook, if it is on the configured DingTalk API origin and still valid; else null. */
export function trustedWebhook(config: DingtalkConfig, webhook: string, expiresAtMs: number | string | undefined): URL | null {
  let url: URL;
  try {
    url = new URL(webhook);
  } catch {
    return null;
  }
  if (url.origin !== new URL(config.apiBase).origin || url.username || url.password) return null;
  if (expiresAtMs !== undefined && Number(expiresAtMs) < Date.now()) return null;
  return url;
}

export function dingtalkRoutes(deps: Deps, options: BotRouteOptions = {}): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  const config = deps.config.bots.dingtalk;

  router.post("/", async (context) => {
    if (!config) throw platformOff("钉钉");
    const timestamp = context.req.header("timestamp") ?? "";
    const sign = context.req.header("sign") ?? "";
    if (!/^\d{10,16}$/.test(timestamp) || !sign) throw refused("缺少 timestamp 或 sign 请求头");
    if (!timingSafeEqualText(await dingtalkSignature(timestamp, config.appSecret), sign)) throw refused();
    // DingTalk signs only the timestamp: its 1-hour limit holds even with the replay window turned off.
    if (!fresh(deps, Number(timestamp) / 1000, DINGTALK_MAX_AGE_S)) throw refused("时间戳超出允许范围");

    const parsed = messageSchema.safeParse(parseJsonKeepingIds(await context.req.text()));
    if (!parsed.success) throw new AppError("bad_request", "不是钉钉机器人的消息格式");
    const message = parsed.data;
    const webhook = trustedWebhook(config, message.sessionWebhook, message.sessionWebhookExpiredTime);
    if (!webhook) throw new AppError("bad_request", "sessionWebhook 不在钉钉接口域名下或已过期，已拒绝");
    const group = message.conversationType === "2";
    if (message.msgtype !== "text" || !message.text || (group && message.isInAtList === false)) return context.body(null, 200);

    await answerOnce(deps, {
      platform: "dingtalk", eventId: message.msgId,
      compose: () => botReply(deps, {
        platform: "dingtalk", chatId: message.conversationId, userId: message.senderStaffId ?? message.senderId ?? "",
        text: stripLeadingMentions(message.text!.content),
      }, { baseUrl: baseUrlOf(deps, context), maxBytes: MAX_BYTES, answer: options.answer }),
      deliver: async (text) => {
        const at = group && message.senderStaffId ? { atUserIds: [message.senderStaffId] } : undefined;
        const result = (await callJson(webhook.toString(), { body: { msgtype: "text", text: { content: text }, ...(at ? { at } : {}) } })) as { errcode?: number; errmsg?: string };
        if (result.errcode) throw new OutboundError(`DingTalk sessionWebhook: ${result.errcode} ${result.errmsg}`);
      },
    });
    return context.body(null, 200);
  });
  return router;
}
