/**
 * `/bots/telegram`: the Bot API webhook. `X-Telegram-Bot-Api-Secret-Token` (set with setWebhook's secret_token)
 * is compared in constant time before the body is read; the update is acknowledged at once and answered with
 * `sendMessage`, as a reply to the question. `update_id` deduplicates Telegram's redeliveries.
 */
import { Hono } from "hono";
import { z } from "zod";
import type { Deps } from "../../deps.ts";
import { timingSafeEqualText } from "../../bots/crypto.ts";
import { answerOnce } from "../../bots/dispatch.ts";
import { botIdentity, callJson, OutboundError } from "../../bots/outbound.ts";
import { parseJsonKeepingIds } from "../../bots/payload.ts";
import { botReply } from "../../bots/reply.ts";
import type { AppEnv } from "../auth.ts";
import { type BotRouteOptions, baseUrlOf, platformOff, refused } from "./common.ts";

const MAX_CHARS = 4096;

const entitySchema = z.object({ type: z.string(), offset: z.number().int(), length: z.number().int() });
const updateSchema = z.object({
  update_id: z.union([z.number(), z.string()]),
  message: z.object({
    message_id: z.union([z.number(), z.string()]),
    from: z.object({ id: z.union([z.number(), z.string()]) }).partial().optional(),
    chat: z.object({ id: z.union([z.number(), z.string()]), type: z.string().optional() }),
    text: z.string().optional(),
    entities: z.array(entitySchema).optional(),
    reply_to_message: z.object({ from: z.object({ username: z.string().optional() }).partial().optional() }).passthrough().optional(),
  }).passthrough().optional(),
}).passthrough();

/**
 * The question in a message: mentions (@park_bot) and the command's bot suffix removed ("/ask@park_bot 问题" →
 * "问题", "/help" → "/help"). Offsets are UTF-16 code units, as JS strings index.
 */
export function telegramQuestion(text: string, entities: Array<z.infer<typeof entitySchema>> = []): string {
  let result = text;
  for (const entity of [...entities].sort((a, b) => b.offset - a.offset)) {
    const part = result.slice(entity.offset, entity.offset + entity.length);
    if (entity.type === "mention") result = result.slice(0, entity.offset) + result.slice(entity.offset + entity.length);
    else if (entity.type === "bot_command" && entity.offset === 0) {
      const command = part.replace(/@\w+$/, "");
      result = (/^\/(?:ask|q)$/i.test(command) ? "" : command) + result.slice(entity.offset + entity.length);
    }
  }
  return result.trim();
}

type TelegramMessage = NonNullable<z.infer<typeof updateSchema>["message"]>;

/**
 * In a group, whether the message is for this bot: a mention of it, a command to it (or to no bot in
 * particular), or a reply to one of its messages. Without privacy mode a bot sees every group message.
 */
function addressedInGroup(message: TelegramMessage, username: string | null): boolean {
  const text = message.text ?? "";
  const named = (part: string) => (username ? part.toLowerCase() === `@${username.toLowerCase()}` : true);
  for (const entity of message.entities ?? []) {
    const part = text.slice(entity.offset, entity.offset + entity.length);
    if (entity.type === "mention" && named(part)) return true;
    if (entity.type === "bot_command" && entity.offset === 0) {
      const target = /@\w+$/.exec(part)?.[0];
      if (!target || named(target)) return true;
    }
  }
  return Boolean(username && message.reply_to_message?.from?.username?.toLowerCase() === username.toLowerCase());
}

export function telegramRoutes(deps: Deps, options: BotRouteOptions = {}): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  const config = deps.config.bots.telegram;

  router.post("/", async (context) => {
    if (!config) throw platformOff("Telegram ");
    if (!timingSafeEqualText(context.req.header("x-telegram-bot-api-secret-token") ?? "", config.secretToken)) throw refused("Secret-Token 不符");
    const parsed = updateSchema.safeParse(parseJsonKeepingIds(await context.req.text()));
    if (!parsed.success) return context.body(null, 200);
    const message = parsed.data.message;
    if (!message?.text) return context.body(null, 200);
    if (message.chat.type === "group" || message.chat.type === "supergroup") {
      const username = await botIdentity(`telegram:${config.apiBase}:${config.botToken}`, async () => {
        const me = (await callJson(`${config.apiBase}/bot${config.botToken}/getMe`)) as { ok?: boolean; result?: { username?: string } };
        if (!me.ok || !me.result?.username) throw new OutboundError("Telegram getMe: no username");
        return me.result.username;
      });
      if (!addressedInGroup(message, username)) return context.body(null, 200);
    }

    await answerOnce(deps, {
      platform: "telegram", eventId: String(parsed.data.update_id),
      compose: () => botReply(deps, {
        platform: "telegram", chatId: String(message.chat.id), userId: String(message.from?.id ?? ""),
        text: telegramQuestion(message.text!, message.entities),
      }, { baseUrl: baseUrlOf(deps, context), maxChars: MAX_CHARS, answer: options.answer }),
      deliver: async (text) => {
        const result = (await callJson(`${config.apiBase}/bot${config.botToken}/sendMessage`, {
          body: { chat_id: message.chat.id, text, reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true } },
        })) as { ok?: boolean; description?: string };
        if (!result.ok) throw new OutboundError(`Telegram sendMessage: ${result.description ?? "not ok"}`);
      },
    });
    return context.body(null, 200);
  });
  return router;
}
