import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer-question.ts";
import { botApp, botDeps, type BotDeps, type Capture, slowAnswer, startCapture } from "./bot-helpers.ts";

const ENCRYPT_KEY = "feishu-encrypt-key-for-tests";
const VERIFICATION_TOKEN = "feishu-verification-token";

/** Feishu's encryption, written with node:crypto as the platform documents it (sha256 key, IV prefix, PKCS#7). */
function encrypt(plain: string): string {
  const key = createHash("sha256").update(ENCRYPT_KEY).digest();
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-256-cbc", key, iv);
  return Buffer.concat([iv, cipher.update(plain, "utf8"), cipher.final()]).toString("base64");
}

function signedHeaders(body: string, timestamp = String(Math.floor(Date.now() / 1000)), nonce = "nonce-1") {
  return {
    "content-type": "application/json", "X-Lark-Request-Timestamp": timestamp, "X-Lark-Request-Nonce": nonce,
    "X-Lark-Signature": createHash("sha256").update(`${timestamp}${nonce}${ENCRYPT_KEY}${body}`).digest("hex"),
  };
}

/** An im.message.receive_v1 event, schema 2.0. */
function receive(eventId: string, messageId: string, text: string, group = false) {
  return {
    schema: "2.0",
    header: { event_id: eventId, event_type: "im.message.receive_v1", create_time: String(Date.now()), token: VERIFICATION_TOKEN, app_id: "cli_test", tenant_key: "tenant" },
    event: {
      sender: { sender_id: { open_id: "ou_sender", user_id: "zhangsan", union_id: "on_x" }, sender_type: "user", tenant_key: "tenant" },
      message: {
        message_id: messageId, root_id: "", parent_id: "", create_time: String(Date.now()), chat_id: "oc_chat", chat_type: group ? "group" : "p2p",
        message_type: "text", content: JSON.stringify({ text }),
        ...(group ? { mentions: [{ key: "@_user_1", id: { open_id: "ou_bot" }, name: "园区助手", tenant_key: "tenant" }] } : {}),
      },
    },
  };
}

describe("/bots/feishu (event subscription, encrypted and signed)", () => {
  let capture: Capture;
  let deps: BotDeps;
  beforeAll(async () => {
    capture = await startCapture();
    deps = await botDeps({
      FEISHU_APP_ID: "cli_test", FEISHU_APP_SECRET: "feishu-secret", FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
      FEISHU_ENCRYPT_KEY: ENCRYPT_KEY, FEISHU_API_BASE: capture.url,
    });
  });
  afterAll(async () => {
    await deps.dispose();
    await capture.close();
  });
  const post = (body: string, headers: Record<string, string>, options?: Parameters<typeof botApp>[1]) =>
    botApp(deps, options).request("/bots/feishu", { method: "POST", headers, body });

  it("url_verification, plain and encrypted (unsigned, as Feishu sends it): the challenge back; a wrong token is refused", async () => {
    const plain = JSON.stringify({ challenge: "ajls384kdjx98XX", token: VERIFICATION_TOKEN, type: "url_verification" });
    expect(await (await post(plain, { "content-type": "application/json" })).json()).toEqual({ challenge: "ajls384kdjx98XX" });
    const encrypted = JSON.stringify({ encrypt: encrypt(plain) });
    expect(await (await post(encrypted, { "content-type": "application/json" })).json()).toEqual({ challenge: "ajls384kdjx98XX" });
    const wrong = JSON.stringify({ challenge: "c", token: "nope", type: "url_verification" });
    expect((await post(wrong, { "content-type": "application/json" })).status).toBe(401);
  });

  it("a signed, encrypted group message @bot: acknowledged at once, answered through the reply API with one cached token", async () => {
    const body = JSON.stringify({ encrypt: encrypt(JSON.stringify(receive("ev-1", "om_1", "@_user_1 2023年工业总产值是多少？", true))) });
    const response = await post(body, signedHeaders(body), { answer: slowAnswer(200, answerQuestion) });
    expect(response.status).toBe(200);
    expect(capture.to("/open-apis/im/v1/messages/")).toHaveLength(0);
    const second = JSON.stringify({ encrypt: encrypt(JSON.stringify(receive("ev-2", "om_2", "2023年税金是多少？"))) });
    await post(second, signedHeaders(second));
    await deps.settle();
    const replies = capture.to("/open-apis/im/v1/messages/");
    expect(replies.map((reply) => reply.path).sort()).toEqual(["/open-apis/im/v1/messages/om_1/reply", "/open-apis/im/v1/messages/om_2/reply"]);
    for (const reply of replies) {
      expect(reply.headers.authorization).toBe("Bearer t-feishu-token");
      expect(reply.body.msg_type).toBe("text");
    }
    const texts = replies.map((reply) => JSON.parse(reply.body.content).text as string);
    expect(texts.some((text) => text.includes("202.3亿元") && text.includes("数据来源"))).toBe(true);
    expect(texts.some((text) => text.includes("8.6亿元"))).toBe(true);
    const tokens = capture.to("/open-apis/auth/v3/tenant_access_token/internal");
    expect(tokens).toHaveLength(1);
    expect(tokens[0].body).toEqual({ app_id: "cli_test", app_secret: "feishu-secret" });
  });

  it("Feishu's retry of a message (same message_id, new event_id) is answered once", async () => {
    for (const eventId of ["ev-3", "ev-3-retry"]) {
      const body = JSON.stringify({ encrypt: encrypt(JSON.stringify(receive(eventId, "om_3", "滨江园区2023年工业总产值"))) });
      expect((await post(body, signedHeaders(body))).status).toBe(200);
    }
    await deps.settle();
    expect(capture.to("/open-apis/im/v1/messages/om_3/reply")).toHaveLength(1);
  });

  it("a forged signature, an unsigned event or a stale timestamp is refused with 401 and nothing is answered", async () => {
    const before = capture.requests.length;
    const body = JSON.stringify({ encrypt: encrypt(JSON.stringify(receive("ev-4", "om_4", "2023年工业总产值是多少？"))) });
    expect((await post(body, { ...signedHeaders(body), "X-Lark-Signature": "0".repeat(64) })).status).toBe(401);
    expect((await post(body, { "content-type": "application/json" })).status).toBe(401);
    expect((await post(body, signedHeaders(body, String(Math.floor(Date.now() / 1000) - 3600)))).status).toBe(401);
    // The signature is over the raw bytes: the same JSON re-serialized with other spacing fails.
    expect((await post(body.replace(":", ": "), signedHeaders(body))).status).toBe(401);
    await deps.settle();
    expect(capture.requests.length).toBe(before);
  });

  it("a rich-text (post) message is read as its text", async () => {
    const event = receive("ev-post", "om_post", "");
    event.event.message.message_type = "post";
    event.event.message.content = JSON.stringify({ title: "", content: [[{ tag: "text", text: "滨江园区2023年" }, { tag: "text", text: "工业总产值" }]] });
    const body = JSON.stringify({ encrypt: encrypt(JSON.stringify(event)) });
    await post(body, signedHeaders(body));
    await deps.settle();
    const [reply] = capture.to("/open-apis/im/v1/messages/om_post/reply");
    expect(JSON.parse(reply.body.content).text).toContain("95.4亿元");
  });

  it("a group message that mentions someone else, not the bot, is not answered", async () => {
    const event = receive("ev-6", "om_6", "@_user_1 2023年工业总产值是多少？", true);
    event.event.message.mentions = [{ key: "@_user_1", id: { open_id: "ou_colleague" }, name: "李四", tenant_key: "tenant" }];
    const body = JSON.stringify({ encrypt: encrypt(JSON.stringify(event)) });
    expect((await post(body, signedHeaders(body))).status).toBe(200);
    await deps.settle();
    expect(capture.to("/open-apis/im/v1/messages/om_6/reply")).toHaveLength(0);
    expect(capture.to("/open-apis/bot/v3/info")).toHaveLength(1);
  });

  it("a group message that mentions no one is not answered", async () => {
    const event = receive("ev-5", "om_5", "大家好", true);
    delete (event.event.message as { mentions?: unknown }).mentions;
    const body = JSON.stringify({ encrypt: encrypt(JSON.stringify(event)) });
    expect((await post(body, signedHeaders(body))).status).toBe(200);
    await deps.settle();
    expect(capture.to("/open-apis/im/v1/messages/om_5/reply")).toHaveLength(0);
  });
});

describe("/bots/feishu without an Encrypt Key (Verification Token only)", () => {
  it("accepts plain events with the right token and refuses any other", async () => {
    const capture = await startCapture();
    const deps = await botDeps({ FEISHU_APP_ID: "cli_plain", FEISHU_APP_SECRET: "s", FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN, FEISHU_API_BASE: capture.url });
    try {
      const app = botApp(deps);
      const ok = await app.request("/bots/feishu", { method: "POST", body: JSON.stringify(receive("p-1", "om_p1", "2023年工业总产值是多少？")) });
      expect(ok.status).toBe(200);
      const wrong = receive("p-2", "om_p2", "2023年工业总产值是多少？");
      wrong.header.token = "forged";
      expect((await app.request("/bots/feishu", { method: "POST", body: JSON.stringify(wrong) })).status).toBe(401);
      await deps.settle();
      expect(capture.to("/open-apis/im/v1/messages/om_p1/reply")).toHaveLength(1);
      expect(capture.to("/open-apis/im/v1/messages/om_p2/reply")).toHaveLength(0);
    } finally {
      await deps.dispose();
      await capture.close();
    }
  });
});

describe("/bots/feishu when the platform refuses", () => {
  it("a stale tenant_access_token (HTTP 400, code 99991663) is replaced and the reply sent with the new one", async () => {
    const capture = await startCapture();
    const deps = await botDeps({ FEISHU_APP_ID: "cli_stale", FEISHU_APP_SECRET: "s", FEISHU_ENCRYPT_KEY: ENCRYPT_KEY, FEISHU_API_BASE: capture.url });
    try {
      const app = botApp(deps);
      const send = async (eventId: string, messageId: string) => {
        const body = JSON.stringify({ encrypt: encrypt(JSON.stringify(receive(eventId, messageId, "2023年工业总产值是多少？"))) });
        expect((await app.request("/bots/feishu", { method: "POST", headers: signedHeaders(body), body })).status).toBe(200);
        await deps.settle();
      };
      await send("st-1", "om_st1");
      capture.failNext("/open-apis/im/v1/messages/", { status: 400, body: { code: 99991663, msg: "Invalid access token for authorization." } });
      await send("st-2", "om_st2");
      expect(capture.to("/open-apis/auth/v3/tenant_access_token/internal")).toHaveLength(2);
      expect(capture.to("/open-apis/im/v1/messages/om_st2/reply")).toHaveLength(2);
      const { rows } = await deps.db.query("SELECT state FROM bot_events WHERE event_id = 'om_st2'");
      expect(rows).toEqual([{ state: "answered" }]);
    } finally {
      await deps.dispose();
      await capture.close();
    }
  });
});
