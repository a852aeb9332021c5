import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer-question.ts";
import { WecomCrypto } from "../../src/bots/crypto.ts";
import { loadMigrationsFromDisk } from "../../src/db/load-migrations.ts";
import { migrate } from "../../src/db/migrate.ts";
import { openPglite } from "../../src/db/pglite-client.ts";
import { importStats } from "../../src/ingest/import-stats.ts";
import { SAMPLE_STATS_CSV } from "../routes/route-helpers.ts";
import { botApp, botDeps, type BotDeps, type Capture, slowAnswer, startCapture } from "./bot-helpers.ts";
import { WECOM_SAMPLE } from "./wecom-vectors.ts";

const crypto = new WecomCrypto({ token: WECOM_SAMPLE.token, encodingAesKey: WECOM_SAMPLE.encodingAesKey, receiveId: WECOM_SAMPLE.corpId });
const now = () => String(Math.floor(Date.now() / 1000));

function env(capture: Capture, extra: Record<string, string> = {}): Record<string, string> {
  return {
    WECOM_CORP_ID: WECOM_SAMPLE.corpId, WECOM_TOKEN: WECOM_SAMPLE.token, WECOM_ENCODING_AES_KEY: WECOM_SAMPLE.encodingAesKey,
    WECOM_AGENT_ID: "1000002", WECOM_SECRET: "wecom-secret", WECOM_API_BASE: capture.url, ...extra,
  };
}

/** A message as WeCom sends it: plaintext XML encrypted, the envelope signed over Encrypt. */
async function callback(fields: { from: string; content: string; msgId: string }, options: { timestamp?: string; cdata?: boolean } = {}) {
  const timestamp = options.timestamp ?? now();
  const nonce = "1597212914";
  const plain = `<xml><ToUserName><![CDATA[${WECOM_SAMPLE.corpId}]]></ToUserName><FromUserName><![CDATA[${fields.from}]]></FromUserName>`
    + `<CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${fields.content}]]></Content>`
    + `<MsgId>${fields.msgId}</MsgId><AgentID>1000002</AgentID></xml>`;
  const encrypted = await crypto.encrypt(plain);
  const signature = await crypto.signature(timestamp, nonce, encrypted);
  const body = options.cdata === false
    ? `<xml><ToUserName>${WECOM_SAMPLE.corpId}</ToUserName><Encrypt>${encrypted}</Encrypt><AgentID>1000002</AgentID></xml>`
    : `<xml><ToUserName><![CDATA[${WECOM_SAMPLE.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`;
  const query = new URLSearchParams({ msg_signature: signature, timestamp, nonce });
  return { path: `/bots/wecom?${query}`, init: { method: "POST", body, headers: { "content-type": "text/xml" } } };
}

/** Decrypt a passive reply envelope after checking its signature; returns the plaintext XML. */
async function openReply(xml: string, nonce = "1597212914"): Promise<string> {
  const field = (name: string) => new RegExp(`<${name}>(?:<!\\[CDATA\\[)?(.*?)(?:\\]\\]>)?</${name}>`).exec(xml)?.[1] ?? "";
  expect(field("Nonce")).toBe(nonce);
  expect(await crypto.verify(field("MsgSignature"), field("TimeStamp"), field("Nonce"), field("Encrypt"))).toBe(true);
  return crypto.decrypt(field("Encrypt"));
}

const QUESTION = "2023年工业总产值是多少？";

describe("/bots/wecom (企业微信 self-built app)", () => {
  let capture: Capture;
  let deps: BotDeps;
  let replayDeps: BotDeps;
  beforeAll(async () => {
    capture = await startCapture();
    deps = await botDeps(env(capture));
    replayDeps = await botDeps(env(capture, { BOT_REPLAY_WINDOW_S: "0" }));
  });
  afterAll(async () => {
    await deps.dispose();
    await replayDeps.dispose();
    await capture.close();
  });

  it("URL verification with the official sample (replay window off): answers echostr's plaintext, nothing else", async () => {
    const { msgSignature, timestamp, nonce, echostr } = WECOM_SAMPLE.verifyUrl;
    // As WeCom sends it: URL-encoded ("+" as %2B, "/" as %2F, "=" as %3D).
    const response = await botApp(replayDeps).request(`/bots/wecom?${new URLSearchParams({ msg_signature: msgSignature, timestamp, nonce, echostr })}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("1288432023552776189");
    // A "+" that arrived as a space (some proxies decode it) still verifies.
    const spaced = await botApp(replayDeps).request(`/bots/wecom?msg_signature=${msgSignature}&timestamp=${timestamp}&nonce=${nonce}&echostr=${echostr.replaceAll("+", "%20")}`);
    expect(await spaced.text()).toBe("1288432023552776189");
  });

  it("refuses the same sample as stale under the default 300 s window, and a forged signature always: 401 problem+json", async () => {
    const { msgSignature, timestamp, nonce, echostr } = WECOM_SAMPLE.verifyUrl;
    const stale = await botApp(deps).request(`/bots/wecom?${new URLSearchParams({ msg_signature: msgSignature, timestamp, nonce, echostr })}`);
    expect(stale.status).toBe(401);
    expect(stale.headers.get("content-type")).toContain("application/problem+json");
    const forged = await botApp(replayDeps).request(`/bots/wecom?${new URLSearchParams({ msg_signature: "0".repeat(40), timestamp, nonce, echostr })}`);
    expect(forged.status).toBe(401);
  });

  it("the official sample message, replayed: an encrypted passive reply to its sender, signed with the callback's nonce", async () => {
    const { msgSignature, timestamp, nonce, body } = WECOM_SAMPLE.message;
    const response = await botApp(replayDeps).request(`/bots/wecom?${new URLSearchParams({ msg_signature: msgSignature, timestamp, nonce })}`, { method: "POST", body });
    expect(response.status).toBe(200);
    const plain = await openReply(await response.text(), nonce);
    expect(plain).toContain("<ToUserName><![CDATA[ChenJiaShun]]></ToUserName>");
    expect(plain).toContain(`<FromUserName><![CDATA[${WECOM_SAMPLE.corpId}]]></FromUserName>`);
    expect(plain).toMatch(/<Content><!\[CDATA\[.+\]\]><\/Content>/s);
  });

  it("a figure question: the database's figure, its source and the answer page link, as a passive reply", async () => {
    const { path: url, init } = await callback({ from: "zhangsan", content: QUESTION, msgId: "4561255354251345929" });
    const response = await botApp(deps).request(url, init);
    expect(response.status).toBe(200);
    const plain = await openReply(await response.text());
    const content = /<Content><!\[CDATA\[(.*)\]\]><\/Content>/s.exec(plain)![1];
    expect(content).toContain("202.3亿元");
    expect(content).toContain("数据来源：统计数据导入");
    // The page asks the figure's own question (a follow-up would mean nothing there), for the bot's park.
    expect(content).toContain(`完整回答：https://zhushou.example.gov.cn/?q=${encodeURIComponent("示范园区2023年工业总产值")}&park=${encodeURIComponent("示范园区")}`);
    expect(new TextEncoder().encode(content).length).toBeLessThanOrEqual(2048);
  });

  it("the same MsgId again (WeCom's retry): the passive reply is sent again, not answered twice; XML without CDATA reads the same", async () => {
    const first = await callback({ from: "lisi", content: QUESTION, msgId: "700001" }, { cdata: false });
    const answered = await openReply(await (await botApp(deps).request(first.path, first.init)).text());
    expect(answered).toContain("202.3亿元");
    const { rows: before } = await deps.db.query<{ n: number }>("SELECT count(*)::int AS n FROM messages");
    // WeCom retries when the first response did not reach it in time: the same reply again, from the record.
    const retry = await callback({ from: "lisi", content: QUESTION, msgId: "700001" });
    const repeated = await botApp(deps).request(retry.path, retry.init);
    expect(repeated.status).toBe(200);
    const again = await openReply(await repeated.text());
    const content = (xml: string) => /<Content><!\[CDATA\[(.*)\]\]><\/Content>/s.exec(xml)![1];
    expect(content(again)).toBe(content(answered));
    await deps.settle();
    const { rows: after } = await deps.db.query<{ n: number }>("SELECT count(*)::int AS n FROM messages");
    expect(after[0].n).toBe(before[0].n);
    expect(capture.to("/cgi-bin/message/send")).toHaveLength(0);
  });

  it("a slow answer: acknowledged at once with an empty 200, then sent by message/send with one cached access_token", async () => {
    const slow = botApp(deps, { answer: slowAnswer(400, answerQuestion), passiveMs: 50 });
    for (const [user, msgId] of [["wangwu", "800001"], ["zhaoliu", "800002"]]) {
      const { path: url, init } = await callback({ from: user, content: QUESTION, msgId });
      const started = performance.now();
      const response = await slow.request(url, init);
      expect(performance.now() - started).toBeLessThan(350);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("");
    }
    expect(capture.to("/cgi-bin/message/send")).toHaveLength(0);
    await deps.settle();
    const sends = capture.to("/cgi-bin/message/send");
    expect(sends.map((send) => send.body.touser).sort()).toEqual(["wangwu", "zhaoliu"]);
    for (const send of sends) {
      expect(send.path).toContain("access_token=wecom-access-token");
      expect(send.body).toMatchObject({ msgtype: "text", agentid: 1000002 });
      expect(send.body.text.content).toContain("202.3亿元");
    }
    expect(capture.to("/cgi-bin/gettoken")).toHaveLength(1);
    expect(capture.to("/cgi-bin/gettoken")[0].path).toContain("corpsecret=wecom-secret");
  });

  it("a forged or stale message is refused with 401 before anything is recorded or answered", async () => {
    const { path: url, init } = await callback({ from: "mallory", content: QUESTION, msgId: "900001" });
    const forged = url.replace(/msg_signature=[0-9a-f]+/, `msg_signature=${"f".repeat(40)}`);
    expect((await botApp(deps).request(forged, init)).status).toBe(401);
    const stale = await callback({ from: "mallory", content: QUESTION, msgId: "900002" }, { timestamp: String(Math.floor(Date.now() / 1000) - 3600) });
    expect((await botApp(deps).request(stale.path, stale.init)).status).toBe(401);
    const { rows } = await deps.db.query("SELECT event_id FROM bot_events WHERE event_id IN ('900001', '900002')");
    expect(rows).toEqual([]);
  });
});

describe("/bots/wecom when message/send is not configured or refuses", () => {
  it("without WECOM_AGENT_ID/WECOM_SECRET a late answer says so in the passive reply, and the user's retry is answered", async () => {
    const capture = await startCapture();
    const { WECOM_AGENT_ID: _agent, WECOM_SECRET: _secret, ...passiveOnly } = env(capture);
    const deps = await botDeps(passiveOnly);
    try {
      const message = await callback({ from: "zhouba", content: QUESTION, msgId: "710001" });
      const late = await botApp(deps, { answer: slowAnswer(300, answerQuestion), passiveMs: 30 }).request(message.path, message.init);
      expect(await openReply(await late.text())).toContain("查询较慢");
      await deps.settle();
      const retry = await callback({ from: "zhouba", content: QUESTION, msgId: "710001" });
      expect(await openReply(await (await botApp(deps).request(retry.path, retry.init)).text())).toContain("202.3亿元");
      expect(capture.requests).toHaveLength(0);
    } finally {
      await deps.dispose();
      await capture.close();
    }
  });

  it("a stale access_token (errcode 42001) is fetched again and the message sent with the new one", async () => {
    const capture = await startCapture();
    const deps = await botDeps(env(capture, { WECOM_SECRET: "another-secret" }));
    try {
      capture.failNext("/cgi-bin/message/send", { status: 200, body: { errcode: 42001, errmsg: "access_token expired" } });
      const message = await callback({ from: "wujiu", content: QUESTION, msgId: "720001" });
      await botApp(deps, { answer: slowAnswer(100, answerQuestion), passiveMs: 10 }).request(message.path, message.init);
      await deps.settle();
      expect(capture.to("/cgi-bin/gettoken")).toHaveLength(2);
      expect(capture.to("/cgi-bin/message/send")).toHaveLength(2);
      expect((await deps.db.query("SELECT state FROM bot_events WHERE event_id = '720001'")).rows).toEqual([{ state: "answered" }]);
    } finally {
      await deps.dispose();
      await capture.close();
    }
  });
});

describe("/bots/wecom deduplication survives a restart", () => {
  it("a message answered before the restart is not answered again after it (the same database on disk)", async () => {
    const capture = await startCapture();
    const dir = await mkdtemp(path.join(tmpdir(), "bots-restart-"));
    try {
      const open = async () => {
        const db = await openPglite(dir);
        await migrate(db, await loadMigrationsFromDisk());
        return db;
      };
      const firstDb = await open();
      await importStats(firstDb, SAMPLE_STATS_CSV);
      const before = await botDeps(env(capture), { db: firstDb });
      const slow = { answer: slowAnswer(100, answerQuestion), passiveMs: 10 };
      const message = await callback({ from: "sunqi", content: QUESTION, msgId: "990001" });
      expect((await botApp(before, slow).request(message.path, message.init)).status).toBe(200);
      await before.settle();
      await firstDb.close();
      expect(capture.to("/cgi-bin/message/send")).toHaveLength(1);

      const secondDb = await open();
      const after = await botDeps(env(capture), { db: secondDb });
      const retry = await callback({ from: "sunqi", content: QUESTION, msgId: "990001" });
      const response = await botApp(after, slow).request(retry.path, retry.init);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("");
      await after.settle();
      await secondDb.close();
      expect(capture.to("/cgi-bin/message/send")).toHaveLength(1);
    } finally {
      await capture.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
