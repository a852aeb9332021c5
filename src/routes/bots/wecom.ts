/**
 * `/bots/wecom`: the 企业微信 self-built app callback (接收消息). GET verifies the URL (decrypt echostr, answer
 * the plaintext); POST carries an encrypted XML message. The answer goes back as an encrypted passive reply when it
 * is ready within the budget, else the callback is acknowledged (empty 200) and the answer is sent through
 * `message/send` with a cached access_token.
 */
import { Hono } from "hono";
import type { BotsConfig } from "../../config.ts";
import type { Deps } from "../../deps.ts";
import { BotCryptoError, WecomCrypto } from "../../bots/crypto.ts";
import { answerOnce, fresh } from "../../bots/dispatch.ts";
import { callJson, OutboundError, tokenCache } from "../../bots/outbound.ts";
import { cdata, readXmlFields } from "../../bots/payload.ts";
import { botReply } from "../../bots/reply.ts";
import type { AppEnv } from "../auth.ts";
import { type BotRouteOptions, baseUrlOf, platformOff, refused, signedQuery } from "./common.ts";

/**
 * WeCom waits 5 s for a response and then retries. With message/send configured a slow answer follows through it;
 * without, the callback waits longer and then says the answer is slow (a passive reply is all there is).
 */
const PASSIVE_MS = 3_000;
const PASSIVE_ONLY_MS = 4_300;
const LATE_TEXT = "这个问题查询较慢，暂未得出结果，请稍后再问一次。";
/** WeCom truncates text past 2048 bytes. */
const MAX_BYTES = 2048;
/** access_token invalid or expired. */
const STALE_TOKEN = new Set([40001, 40014, 42001]);

type WecomConfig = NonNullable<BotsConfig["wecom"]>;

interface WecomResult {
  errcode?: number;
  errmsg?: string;
  access_token?: string;
  expires_in?: number;
}

function accessToken(config: WecomConfig) {
  return tokenCache(`wecom:${config.apiBase}:${config.corpId}:${config.agentId}`, async () => {
    const url = `${config.apiBase}/cgi-bin/gettoken?${new URLSearchParams({ corpid: config.corpId, corpsecret: config.secret ?? "" })}`;
    const result = (await callJson(url)) as WecomResult;
    if (result.errcode || !result.access_token) throw new OutboundError(`WeCom gettoken: ${result.errcode} ${result.errmsg}`);
    return { token: result.access_token, expiresInS: result.expires_in ?? 7200 };
  });
}

/** Active reply: message/send to the member, as text. */
async function sendText(config: WecomConfig, user: string, text: string): Promise<void> {
  await accessToken(config).with(async (token) => {
    const result = (await callJson(`${config.apiBase}/cgi-bin/message/send?access_token=${encodeURIComponent(token)}`, {
      body: { touser: user, msgtype: "text", agentid: Number(config.agentId), text: { content: text } },
      staleToken: (body) => STALE_TOKEN.has((body as WecomResult).errcode ?? 0),
    })) as WecomResult;
    if (result.errcode) throw new OutboundError(`WeCom message/send: ${result.errcode} ${result.errmsg}`);
  });
}

/** The encrypted passive reply envelope (the official library's XML template). */
async function passiveReply(crypto: WecomCrypto, config: WecomConfig, user: string, text: string, nonce: string): Promise<string> {
  const now = String(Math.floor(Date.now() / 1000));
  const plain = `<xml><ToUserName>${cdata(user)}</ToUserName><FromUserName>${cdata(config.corpId)}</FromUserName><CreateTime>${now}</CreateTime>`
    + `<MsgType>${cdata("text")}</MsgType><Content>${cdata(text)}</Content></xml>`;
  const encrypted = await crypto.encrypt(plain);
  const signature = await crypto.signature(now, nonce, encrypted);
  return `<xml><Encrypt>${cdata(encrypted)}</Encrypt><MsgSignature>${cdata(signature)}</MsgSignature><TimeStamp>${now}</TimeStamp><Nonce>${cdata(nonce)}</Nonce></xml>`;
}

export function wecomRoutes(deps: Deps, options: BotRouteOptions = {}): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  const config = deps.config.bots.wecom;
  const crypto = config ? new WecomCrypto({ token: config.token, encodingAesKey: config.encodingAesKey, receiveId: config.corpId }) : undefined;

  /** Signature and freshness of a callback over `encrypted`; throws 401 otherwise. */
  const check = async (signature: string, timestamp: string, nonce: string, encrypted: string) => {
    if (!crypto || !config) throw platformOff("企业微信");
    if (!signature || !timestamp || !nonce || !encrypted) throw refused("缺少签名参数");
    if (!(await crypto.verify(signature, timestamp, nonce, encrypted))) throw refused();
    if (!fresh(deps, Number(timestamp))) throw refused("时间戳超出允许范围");
    return { crypto, config };
  };
  const decrypt = async (crypto: WecomCrypto, encrypted: string) => {
    try {
      return await crypto.decrypt(encrypted);
    } catch (error) {
      if (error instanceof BotCryptoError) throw refused(`消息解密失败：${error.message}`);
      throw error;
    }
  };

  router.get("/", async (context) => {
    const echostr = signedQuery(context, "echostr");
    const { crypto } = await check(signedQuery(context, "msg_signature"), signedQuery(context, "timestamp"), signedQuery(context, "nonce"), echostr);
    return context.body(await decrypt(crypto, echostr), 200, { "content-type": "text/plain; charset=utf-8" });
  });

  router.post("/", async (context) => {
    const signature = signedQuery(context, "msg_signature");
    const timestamp = signedQuery(context, "timestamp");
    const nonce = signedQuery(context, "nonce");
    const envelope = readXmlFields(await context.req.text());
    const { crypto, config } = await check(signature, timestamp, nonce, envelope.Encrypt ?? "");
    const message = readXmlFields(await decrypt(crypto, envelope.Encrypt));
    const user = message.FromUserName ?? "";
    if (message.MsgType !== "text" || !user) return context.body(null, 200);
    const eventId = message.MsgId || `${user}:${message.CreateTime}`;
    const active = Boolean(config.agentId && config.secret);
    const outcome = await answerOnce(deps, {
      platform: "wecom", eventId, passiveMs: options.passiveMs ?? (active ? PASSIVE_MS : PASSIVE_ONLY_MS),
      compose: () => botReply(deps, { platform: "wecom", chatId: config.corpId, userId: user, text: message.Content ?? "" },
        { baseUrl: baseUrlOf(deps, context), maxBytes: MAX_BYTES, answer: options.answer }),
      deliver: active ? (text) => sendText(config, user, text) : undefined,
      lateText: active ? undefined : LATE_TEXT,
    });
    // A retry of a message answered in its callback's response: that response may never have arrived.
    const passive = outcome.kind === "passive" ? outcome.text : outcome.kind === "repeat" ? outcome.passive : undefined;
    if (passive === undefined) return context.body(null, 200);
    return context.body(await passiveReply(crypto, config, user, passive, nonce), 200, { "content-type": "application/xml; charset=utf-8" });
  });
  return router;
}
