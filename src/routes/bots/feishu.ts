/**
 * `/bots/feishu`: 飞书 event subscription ("send events to the developer server"). With an Encrypt Key, events
 * are signed (`X-Lark-Signature` = sha256 of timestamp + nonce + key + raw body, checked before the body is read)
 * and encrypted; without one, the Verification Token in the body is compared. `url_verification` (plain or
 * encrypted, unsigned) answers its challenge. `im.message.receive_v1` is acknowledged at once and answered through
 * the reply API with a cached tenant_access_token; `message_id` deduplicates Feishu's retries.
 */
import { Hono } from "hono";
import { z } from "zod";
import type { BotsConfig } from "../../config.ts";
import type { Deps } from "../../deps.ts";
import { BotCryptoError, feishuDecrypt, feishuSignature, timingSafeEqualText } from "../../bots/crypto.ts";
import { answerOnce, fresh } from "../../bots/dispatch.ts";
import { botIdentity, callJson, OutboundError, tokenCache } from "../../bots/outbound.ts";
import { parseJsonKeepingIds } from "../../bots/payload.ts";
import { botReply } from "../../bots/reply.ts";
import type { AppEnv } from "../auth.ts";
import { type BotRouteOptions, baseUrlOf, platformOff, refused } from "./common.ts";

const MAX_BYTES = 8000;
/** Feishu's codes for an invalid or expired tenant_access_token. */
const STALE_TOKEN = new Set([99991661, 99991663, 99991668]);

type FeishuConfig = NonNullable<BotsConfig["feishu"]>;

/** Feishu answers a stale token with HTTP 400 and one of these codes in the body. */
const staleToken = (body: unknown) => STALE_TOKEN.has((body as { code?: number })?.code ?? 0);

const eventSchema = z.object({
  schema: z.string().optional(),
  type: z.string().optional(),
  token: z.string().optional(),
  challenge: z.string().optional(),
  header: z.object({ event_id: z.string(), event_type: z.string(), token: z.string().optional() }).passthrough().optional(),
  event: z.object({
    sender: z.object({ sender_id: z.object({ open_id: z.string().optional(), user_id: z.string().optional() }).partial().optional(), sender_type: z.string().optional() }).partial().optional(),
    message: z.object({
      message_id: z.string(),
      chat_id: z.string().default(""),
      chat_type: z.string().optional(),
      message_type: z.string(),
      content: z.string(),
      mentions: z.array(z.object({ key: z.string(), id: z.object({ open_id: z.string().optional() }).partial().optional() }).passthrough()).optional(),
    }).passthrough().optional(),
  }).passthrough().optional(),
}).passthrough();

function tenantToken(config: FeishuConfig) {
  return tokenCache(`feishu:${config.apiBase}:${config.appId}`, async () => {
    const result = (await callJson(`${config.apiBase}/open-apis/auth/v3/tenant_access_token/internal`, {
      body: { app_id: config.appId, app_secret: config.appSecret },
    })) as { code?: number; msg?: string; tenant_access_token?: string; expire?: number };
    if (result.code || !result.tenant_access_token) throw new OutboundError(`Feishu tenant_access_token: ${result.code} ${result.msg}`);
    return { token: result.tenant_access_token, expiresInS: result.expire ?? 7200 };
  });
}

async function replyText(config: FeishuConfig, messageId: string, text: string): Promise<void> {
  await tenantToken(config).with(async (token) => {
    const result = (await callJson(`${config.apiBase}/open-apis/im/v1/messages/${encodeURIComponent(messageId)}/reply`, {
      headers: { Authorization: `Bearer ${token}` },
      body: { msg_type: "text", content: JSON.stringify({ text }), uuid: `reply-${messageId}`.slice(0, 50) },
      staleToken,
    })) as { code?: number; msg?: string };
    if (result.code) throw new OutboundError(`Feishu reply: ${result.code} ${result.msg}`);
  });
}

/** The bot's own open_id (GET /open-apis/bot/v3/info), to tell a mention of it from a mention of someone else. */
function botOpenId(config: FeishuConfig): Promise<string | null> {
  return botIdentity(`feishu:${config.apiBase}:${config.appId}`, () => tenantToken(config).with(async (token) => {
    const result = (await callJson(`${config.apiBase}/open-apis/bot/v3/info`, { headers: { Authorization: `Bearer ${token}` }, staleToken })) as {
      code?: number; msg?: string; bot?: { open_id?: string };
    };
    if (result.code || !result.bot?.open_id) throw new OutboundError(`Feishu bot info: ${result.code} ${result.msg}`);
    return result.bot.open_id;
  }));
}

/** The text pieces of a rich-text (post) message: its title and every `text` element, in order. */
function postText(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(postText);
  if (!node || typeof node !== "object") return [];
  const record = node as Record<string, unknown>;
  if (record.tag === "text" && typeof record.text === "string") return [record.text];
  return Object.entries(record).flatMap(([key, value]) => (key === "title" && typeof value === "string" ? [value] : postText(value)));
}

/** The question of a text or post message, its @_user_N mention placeholders removed. */
export function feishuQuestion(content: string, type = "text"): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return "";
  }
  const text = type === "post" ? postText(parsed).join(" ") : typeof (parsed as { text?: unknown })?.text === "string" ? (parsed as { text: string }).text : "";
  return text.replace(/@_user_\d+/g, " ").replace(/\s+/g, " ").trim();
}

export function feishuRoutes(deps: Deps, options: BotRouteOptions = {}): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  const config = deps.config.bots.feishu;

  router.post("/", async (context) => {
    if (!config) throw platformOff("飞书");
    const raw = await context.req.text();
    const signature = context.req.header("x-lark-signature");
    const timestamp = context.req.header("x-lark-request-timestamp") ?? "";
    const nonce = context.req.header("x-lark-request-nonce") ?? "";
    let signed = false;
    if (signature !== undefined) {
      if (!config.encryptKey) throw refused("收到签名但未配置 FEISHU_ENCRYPT_KEY");
      if (!timingSafeEqualText(await feishuSignature(timestamp, nonce, config.encryptKey, raw), signature.toLowerCase())) throw refused();
      if (!fresh(deps, Number(timestamp))) throw refused("时间戳超出允许范围");
      signed = true;
    }

    let body = parseJsonKeepingIds(raw) as Record<string, unknown>;
    let encrypted = false;
    if (typeof body?.encrypt === "string") {
      encrypted = true;
      if (!config.encryptKey) throw refused("收到加密事件但未配置 FEISHU_ENCRYPT_KEY");
      try {
        body = parseJsonKeepingIds(await feishuDecrypt(config.encryptKey, body.encrypt)) as Record<string, unknown>;
      } catch (error) {
        if (error instanceof BotCryptoError) throw refused(`事件解密失败：${error.message}`);
        throw error;
      }
    }
    const parsed = eventSchema.safeParse(body);
    if (!parsed.success) return context.json({});
    const event = parsed.data;
    const token = event.header?.token ?? event.token;
    const tokenOk = config.verificationToken ? timingSafeEqualText(token ?? "", config.verificationToken) : false;

    if (event.type === "url_verification") {
      // Unsigned by design: proven by the Verification Token (or, without one, by decrypting with the Encrypt Key).
      if (!(tokenOk || (!config.verificationToken && encrypted))) throw refused("Verification Token 不符");
      return context.json({ challenge: event.challenge ?? "" });
    }
    // An event: signed when there is an Encrypt Key; else its Verification Token must match.
    if (config.encryptKey ? !signed : !tokenOk) throw refused(config.encryptKey ? "缺少 X-Lark-Signature 签名" : "Verification Token 不符");
    if (config.verificationToken && token !== undefined && !tokenOk) throw refused("Verification Token 不符");

    const message = event.event?.message;
    if (event.header?.event_type !== "im.message.receive_v1" || !message || (message.message_type !== "text" && message.message_type !== "post")) return context.json({});
    if (message.chat_type === "group") {
      // Only when the bot is mentioned (an app with the "read all group messages" scope sees every message).
      const own = await botOpenId(config);
      if (!message.mentions?.some((mention) => own === null || mention.id?.open_id === own)) return context.json({});
    }

    const sender = event.event?.sender?.sender_id;
    await answerOnce(deps, {
      platform: "feishu", eventId: message.message_id,
      compose: () => botReply(deps, {
        platform: "feishu", chatId: message.chat_id, userId: sender?.open_id ?? sender?.user_id ?? "", text: feishuQuestion(message.content, message.message_type),
      }, { baseUrl: baseUrlOf(deps, context), maxBytes: MAX_BYTES, answer: options.answer }),
      deliver: (text) => replyText(config, message.message_id, text),
    });
    return context.json({});
  });
  return router;
}
