import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer-question.ts";
import { WecomCrypto } from "../../src/bots/crypto.ts";
import { botApp, botDeps, type BotDeps, type Capture, slowAnswer, startCapture } from "./bot-helpers.ts";
import { WECOM_SAMPLE } from "./wecom-vectors.ts";

/** The intelligent bot: the same WXBizMsgCrypt with an empty ReceiveId, JSON in and out. */
const TOKEN = "aibot-token";
const crypto = new WecomCrypto({ token: TOKEN, encodingAesKey: WECOM_SAMPLE.encodingAesKey, receiveId: "" });
const NONCE = "nonce-aibot-1";

async function callback(payload: unknown, timestamp = String(Math.floor(Date.now() / 1000))) {
  const encrypt = await crypto.encrypt(JSON.stringify(payload));
  const query = new URLSearchParams({ msg_signature: await crypto.signature(timestamp, NONCE, encrypt), timestamp, nonce: NONCE });
  return { path: `/bots/wecom-aibot?${query}`, init: { method: "POST", body: JSON.stringify({ encrypt }), headers: { "content-type": "application/json" } } };
}

/** Check the reply's signature (over the callback's nonce) and decrypt it. */
async function open(response: Response): Promise<any> {
  expect(response.status).toBe(200);
  const body = (await response.json()) as { encrypt: string; msgsignature: string; timestamp: number; nonce: string };
  expect(body.nonce).toBe(NONCE);
  expect(await crypto.verify(body.msgsignature, String(body.timestamp), body.nonce, body.encrypt)).toBe(true);
  return JSON.parse(await crypto.decrypt(body.encrypt));
}

const textMessage = (msgid: string, content: string, group = false) => ({
  msgid, aibotid: "AIBOTID", chattype: group ? "group" : "single", ...(group ? { chatid: "CHATID" } : {}),
  from: { userid: "zhangsan" }, response_url: "https://example.invalid/response", msgtype: "text", text: { content },
});

describe("/bots/wecom-aibot (企业微信 intelligent bot, JSON mode)", () => {
  let capture: Capture;
  let deps: BotDeps;
  beforeAll(async () => {
    capture = await startCapture();
    deps = await botDeps({ WECOM_AIBOT_TOKEN: TOKEN, WECOM_AIBOT_ENCODING_AES_KEY: WECOM_SAMPLE.encodingAesKey });
  });
  afterAll(async () => {
    await deps.dispose();
    await capture.close();
  });

  it("URL verification decrypts echostr with the empty ReceiveId", async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const echostr = await crypto.encrypt("echo-2718281828");
    const query = new URLSearchParams({ msg_signature: await crypto.signature(timestamp, NONCE, echostr), timestamp, nonce: NONCE, echostr });
    const response = await botApp(deps).request(`/bots/wecom-aibot?${query}`);
    expect(await response.text()).toBe("echo-2718281828");
  });

  it("a group @mention: the mention is stripped and the answer comes back as a finished stream", async () => {
    const { path, init } = await callback(textMessage("CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=", "@园区助手 2023年工业总产值是多少？", true));
    const reply = await open(await botApp(deps).request(path, init));
    expect(reply.msgtype).toBe("stream");
    expect(reply.stream).toMatchObject({ id: "CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=", finish: true });
    expect(reply.stream.content).toContain("示范园区2023年工业总产值为202.3亿元");
    expect(reply.stream.content).toContain("数据来源：统计数据导入");
  });

  it("a slow answer: first 正在查询 (finish=false); refreshes give the stored answer; the same msgid is not answered again", async () => {
    const app = botApp(deps, { answer: slowAnswer(300, answerQuestion), passiveMs: 20 });
    const first = await callback(textMessage("msg-slow-1", "2023年税金是多少？"));
    const working = await open(await app.request(first.path, first.init));
    expect(working.stream).toMatchObject({ id: "msg-slow-1", finish: false });
    expect(working.stream.content).toContain("正在查询");
    const refresh = await callback({ msgid: "refresh-1", msgtype: "stream", stream: { id: "msg-slow-1" } });
    expect((await open(await app.request(refresh.path, refresh.init))).stream.finish).toBe(false);

    await deps.settle();
    const later = await callback({ msgid: "refresh-2", msgtype: "stream", stream: { id: "msg-slow-1" } });
    const done = await open(await app.request(later.path, later.init));
    expect(done.stream).toMatchObject({ id: "msg-slow-1", finish: true });
    expect(done.stream.content).toContain("8.6亿元");

    const { rows: before } = await deps.db.query("SELECT count(*)::int AS n FROM messages");
    const retry = await callback(textMessage("msg-slow-1", "2023年税金是多少？"));
    const again = await open(await app.request(retry.path, retry.init));
    expect(again.stream).toMatchObject({ id: "msg-slow-1", finish: true });
    expect(again.stream.content).toContain("8.6亿元");
    await deps.settle();
    const { rows: after } = await deps.db.query("SELECT count(*)::int AS n FROM messages");
    expect(after[0]).toEqual(before[0]);
  });

  it("a voice message (transcribed by WeCom) and a mixed message's text are questions too", async () => {
    const voice = await callback({ msgid: "msg-voice", chattype: "single", from: { userid: "zhangsan" }, msgtype: "voice", voice: { content: "2023年税金是多少" } });
    expect((await open(await botApp(deps).request(voice.path, voice.init))).stream.content).toContain("8.6亿元");
    const mixed = await callback({
      msgid: "msg-mixed", chattype: "single", from: { userid: "zhangsan" }, msgtype: "mixed",
      mixed: { msg_item: [{ msgtype: "image", image: { url: "https://example.invalid/a.png" } }, { msgtype: "text", text: { content: "滨江园区2023年工业总产值" } }] },
    });
    expect((await open(await botApp(deps).request(mixed.path, mixed.init))).stream.content).toContain("95.4亿元");
  });

  it("enter_chat gets the help text; 帮助 lists what can be asked", async () => {
    const enter = await callback({ msgid: "evt-1", msgtype: "event", create_time: 1700000000, from: { userid: "zhangsan" }, event: { eventtype: "enter_chat" } });
    const welcome = await open(await botApp(deps).request(enter.path, enter.init));
    expect(welcome).toMatchObject({ msgtype: "text" });
    expect(welcome.text.content).toContain("可以这样问");
    const help = await callback(textMessage("msg-help", "帮助"));
    expect((await open(await botApp(deps).request(help.path, help.init))).stream.content).toContain("近三年税金的变化");
  });

  it("a forged signature or a body encrypted with another key is refused with 401", async () => {
    const { path, init } = await callback(textMessage("msg-forged", "2023年工业总产值是多少？"));
    expect((await botApp(deps).request(path.replace(/msg_signature=\w+/, "msg_signature=" + "0".repeat(40)), init)).status).toBe(401);
    const other = new WecomCrypto({ token: TOKEN, encodingAesKey: "b".repeat(43), receiveId: "" });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const encrypt = await other.encrypt(JSON.stringify(textMessage("msg-otherkey", "x")));
    const query = new URLSearchParams({ msg_signature: await crypto.signature(timestamp, NONCE, encrypt), timestamp, nonce: NONCE });
    expect((await botApp(deps).request(`/bots/wecom-aibot?${query}`, { method: "POST", body: JSON.stringify({ encrypt }) })).status).toBe(401);
    const { rows } = await deps.db.query("SELECT event_id FROM bot_events WHERE event_id IN ('msg-forged', 'msg-otherkey')");
    expect(rows).toEqual([]);
  });
});
