import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/answer/answer-question.ts";
import { botApp, botDeps, type BotDeps, type Capture, slowAnswer, startCapture } from "./bot-helpers.ts";

const SECRET = "dingtalk-app-secret-for-tests";

/** The headers DingTalk signs a callback with: timestamp (ms) and base64 HMAC-SHA256(secret, ts + "\n" + secret). */
function signed(timestamp = Date.now()) {
  return { timestamp: String(timestamp), sign: createHmac("sha256", SECRET).update(`${timestamp}\n${SECRET}`).digest("base64") };
}

/** The enterprise robot's message body (接收消息的消息协议). */
function message(capture: Capture, fields: { msgId: string; content: string; group?: boolean; webhook?: string; expires?: number }) {
  return {
    conversationId: "cidNvS1m2+/==", atUsers: [{ dingtalkId: "$:LWCP_v1:$abc" }], chatbotCorpId: "dingcorp", chatbotUserId: "$:LWCP_v1:$bot",
    msgId: fields.msgId, senderNick: "张三", isAdmin: false, senderStaffId: "manager4220", sessionWebhookExpiredTime: fields.expires ?? Date.now() + 3_600_000,
    createAt: Date.now(), senderCorpId: "dingcorp", conversationType: fields.group ? "2" : "1", senderId: "$:LWCP_v1:$sender",
    ...(fields.group ? { conversationTitle: "园区管委会工作群", isInAtList: true } : {}),
    sessionWebhook: fields.webhook ?? `${capture.url}/robot/sendBySession?session=abc123`, text: { content: fields.content }, robotCode: "dingrobot", msgtype: "text",
  };
}

describe("/bots/dingtalk with the replay window turned off", () => {
  it("still refuses a timestamp more than an hour old: the sign covers nothing else", async () => {
    const capture = await startCapture();
    const deps = await botDeps({ DINGTALK_APP_SECRET: SECRET, DINGTALK_API_BASE: capture.url, BOT_REPLAY_WINDOW_S: "0" });
    try {
      const post = (headers: Record<string, string>, msgId: string) => botApp(deps).request("/bots/dingtalk", {
        method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(message(capture, { msgId, content: "2023年税金是多少？" })),
      });
      expect((await post(signed(Date.now() - 2 * 3_600_000), "msgW1")).status).toBe(401);
      expect((await post(signed(Date.now() - 1_800_000), "msgW2")).status).toBe(200);
      await deps.settle();
    } finally {
      await deps.dispose();
      await capture.close();
    }
  });
});

describe("/bots/dingtalk (enterprise robot, HTTP mode)", () => {
  let capture: Capture;
  let deps: BotDeps;
  beforeAll(async () => {
    capture = await startCapture();
    deps = await botDeps({ DINGTALK_APP_KEY: "dingrobot", DINGTALK_APP_SECRET: SECRET, DINGTALK_API_BASE: capture.url });
  });
  afterAll(async () => {
    await deps.dispose();
    await capture.close();
  });

  const post = (body: unknown, headers: Record<string, string> = signed(), options?: Parameters<typeof botApp>[1]) =>
    botApp(deps, options).request("/bots/dingtalk", { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

  it("a group @mention is acknowledged at once and answered through sessionWebhook, @ the sender", async () => {
    const response = await post(message(capture, { msgId: "msgA1", content: " 2023年工业总产值是多少？", group: true }), signed(), { answer: slowAnswer(200, answerQuestion) });
    expect(response.status).toBe(200);
    expect(capture.to("/robot/sendBySession")).toHaveLength(0);
    await deps.settle();
    const [sent] = capture.to("/robot/sendBySession");
    expect(sent.path).toBe("/robot/sendBySession?session=abc123");
    expect(sent.body.msgtype).toBe("text");
    expect(sent.body.text.content).toContain("202.3亿元");
    expect(sent.body.text.content).toContain("数据来源");
    expect(sent.body.at).toEqual({ atUserIds: ["manager4220"] });
  });

  it("a retry of the same msgId is not answered again", async () => {
    await post(message(capture, { msgId: "msgB1", content: "2023年税金是多少？" }));
    await post(message(capture, { msgId: "msgB1", content: "2023年税金是多少？" }));
    await deps.settle();
    expect(capture.to("/robot/sendBySession").filter((request) => request.body.text.content.includes("8.6亿元"))).toHaveLength(1);
  });

  it("a wrong sign, a missing header or an hour-old timestamp is refused with 401 and nothing is sent", async () => {
    const before = capture.requests.length;
    const body = message(capture, { msgId: "msgC1", content: "2023年工业总产值是多少？" });
    expect((await post(body, { ...signed(), sign: "AAAA" })).status).toBe(401);
    expect((await post(body, { timestamp: String(Date.now()) })).status).toBe(401);
    expect((await post(body, signed(Date.now() - 3_600_000))).status).toBe(401);
    await deps.settle();
    expect(capture.requests.length).toBe(before);
  });

  it("a sessionWebhook off the DingTalk API host, or expired, is refused: no request to an address the caller chose", async () => {
    const before = capture.requests.length;
    for (const webhook of ["http://169.254.169.254/latest/meta-data", "https://evil.example.com/robot/sendBySession?session=x", `${capture.url.replace("127.0.0.1", "localhost")}/robot/sendBySession`]) {
      const response = await post(message(capture, { msgId: `msgD-${webhook.length}`, content: "2023年工业总产值是多少？", webhook }));
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    }
    const expired = await post(message(capture, { msgId: "msgD-exp", content: "2023年工业总产值是多少？", expires: Date.now() - 1000 }));
    expect(expired.status).toBe(400);
    await deps.settle();
    expect(capture.requests.length).toBe(before);
  });

  it("a group message that does not mention the robot is not answered", async () => {
    const before = capture.requests.length;
    const body = { ...message(capture, { msgId: "msgE1", content: "2023年工业总产值是多少？", group: true }), isInAtList: false };
    expect((await post(body)).status).toBe(200);
    await deps.settle();
    expect(capture.requests.length).toBe(before);
    const { rows } = await deps.db.query("SELECT event_id FROM bot_events WHERE event_id = 'msgE1'");
    expect(rows).toEqual([]);
  });
});
