/**
 * `/bots/wecom-aibot`: the 企业微信 intelligent bot in API mode. JSON callbacks `{"encrypt": …}` signed and
 * encrypted as WXBizMsgCrypt with an empty ReceiveId. A question is answered by a `stream` reply: finished at once
 * when the answer is ready within the budget, else "正在查询" with finish=false, and WeCom's stream refresh
 * callbacks get the stored answer (finish=true) once it is there. A repeated msgid is never answered twice.
 */
import { Hono } from "hono";
import { z } from "zod";
import { botEvent } from "../../db/bot-events-repo.ts";
import type { Deps } from "../../deps.ts";
import { BotCryptoError, WecomCrypto } from "../../bots/crypto.ts";
import { answerOnce, fresh } from "../../bots/dispatch.ts";
import { parseJsonKeepingIds } from "../../bots/payload.ts";
import { botReply, helpText } from "../../bots/reply.ts";
import type { AppEnv } from "../auth.ts";
import { type BotRouteOptions, baseUrlOf, platformOff, refused, signedQuery } from "./common.ts";

const PASSIVE_MS = 2_000;
/** A stream's content is at most 20480 bytes. */
const MAX_BYTES = 20_000;
const PLATFORM = "wecom-aibot";
const WORKING = "正在查询，请稍候…";

const envelopeSchema = z.object({ encrypt: z.string().min(1) });
const callbackSchema = z.object({
  msgid: z.string().optional(),
  chatid: z.string().optional(),
  chattype: z.string().optional(),
  from: z.object({ userid: z.string().default("") }).partial().optional(),
  msgtype: z.string(),
  text: z.object({ content: z.string() }).optional(),
  /** Speech, already transcribed by WeCom. */
  voice: z.object({ content: z.string() }).optional(),
  /** Text and images together: the text items are the question. */
  mixed: z.object({ msg_item: z.array(z.object({ msgtype: z.string(), text: z.object({ content: z.string() }).optional() }).passthrough()) }).optional(),
  stream: z.object({ id: z.string() }).optional(),
  event: z.object({ eventtype: z.string() }).partial().optional(),
}).passthrough();

/** "@RobotA 2023年工业总产值" → "2023年工业总产值": group messages carry the mention. */
export function stripLeadingMentions(text: string): string {
  return text.replace(/^(?:\s*@\S+\s*)+/u, "").trim();
}

export function wecomAibotRoutes(deps: Deps, options: BotRouteOptions = {}): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  const config = deps.config.bots.wecomAibot;
  const crypto = config ? new WecomCrypto({ token: config.token, encodingAesKey: config.encodingAesKey, receiveId: "" }) : undefined;

  const check = async (signature: string, timestamp: string, nonce: string, encrypted: string) => {
    if (!crypto) throw platformOff("企业微信智能");
    if (!signature || !timestamp || !nonce || !encrypted) throw refused("缺少签名参数");
    if (!(await crypto.verify(signature, timestamp, nonce, encrypted))) throw refused();
    if (!fresh(deps, Number(timestamp))) throw refused("时间戳超出允许范围");
    try {
      return { crypto, plain: await crypto.decrypt(encrypted) };
    } catch (error) {
      if (error instanceof BotCryptoError) throw refused(`消息解密失败：${error.message}`);
      throw error;
    }
  };

  /** The encrypted passive reply; its nonce must be the callback's own. */
  const reply = async (crypto: WecomCrypto, nonce: string, body: unknown) => {
    const timestamp = Math.floor(Date.now() / 1000);
    const encrypt = await crypto.encrypt(JSON.stringify(body));
    return { encrypt, msgsignature: await crypto.signature(String(timestamp), nonce, encrypt), timestamp, nonce };
  };
  const stream = (id: string, finish: boolean, content: string) => ({ msgtype: "stream", stream: { id, finish, content } });

  router.get("/", async (context) => {
    const echostr = signedQuery(context, "echostr");
    const { plain } = await check(signedQuery(context, "msg_signature"), signedQuery(context, "timestamp"), signedQuery(context, "nonce"), echostr);
    return context.body(plain, 200, { "content-type": "text/plain; charset=utf-8" });
  });

  router.post("/", async (context) => {
    const nonce = signedQuery(context, "nonce");
    const envelope = envelopeSchema.safeParse(parseJsonKeepingIds(await context.req.text()));
    const { crypto, plain } = await check(signedQuery(context, "msg_signature"), signedQuery(context, "timestamp"), nonce, envelope.success ? envelope.data.encrypt : "");
    const parsed = callbackSchema.safeParse(parseJsonKeepingIds(plain));
    if (!parsed.success) return context.body(null, 200);
    const message = parsed.data;

    if (message.msgtype === "event" && message.event?.eventtype === "enter_chat") {
      return context.json(await reply(crypto, nonce, { msgtype: "text", text: { content: helpText(deps.config.bots.park) } }));
    }
    // A stream refresh: the stored answer when it is there, else still working.
    if (message.msgtype === "stream" && message.stream) {
      const stored = await botEvent(deps.db, PLATFORM, message.stream.id);
      const done = stored && stored.state !== "pending" && stored.reply !== null;
      return context.json(await reply(crypto, nonce, stream(message.stream.id, Boolean(done) || !stored, done ? stored.reply! : stored ? WORKING : "该问题已过期，请重新提问。")));
    }
    const question = message.text?.content ?? message.voice?.content
      ?? message.mixed?.msg_item.flatMap((item) => (item.text ? [item.text.content] : [])).join(" ");
    if (!question?.trim() || !message.msgid) return context.body(null, 200);

    const streamId = message.msgid;
    const outcome = await answerOnce(deps, {
      platform: PLATFORM, eventId: streamId, passiveMs: options.passiveMs ?? PASSIVE_MS,
      compose: () => botReply(deps, {
        platform: PLATFORM, chatId: message.chatid ?? "single", userId: message.from?.userid ?? "", text: stripLeadingMentions(question),
      }, { baseUrl: baseUrlOf(deps, context), maxBytes: MAX_BYTES, answer: options.answer }),
    });
    if (outcome.kind === "passive") return context.json(await reply(crypto, nonce, stream(streamId, true, outcome.text)));
    // New and still working, or a repeat of a message in hand: the stream as it stands.
    const stored = outcome.kind === "repeat" ? await botEvent(deps.db, PLATFORM, streamId) : null;
    const done = stored && stored.state !== "pending" && stored.reply !== null;
    return context.json(await reply(crypto, nonce, stream(streamId, Boolean(done), done ? stored.reply! : WORKING)));
  });
  return router;
}
