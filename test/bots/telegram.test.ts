import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { telegramQuestion } from "../../src/routes/bots/telegram.ts";
import { botApp, botDeps, type BotDeps, type Capture, startCapture } from "./bot-helpers.ts";

const BOT_TOKEN = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11";
const SECRET = "park_secret-token_42";

/** An Update as the Bot API delivers it (core.telegram.org/bots/api#update). */
function update(updateId: number, text: string, chat: { id: number; type: string } = { id: 1111111, type: "private" }, entities?: unknown[]) {
  return {
    update_id: updateId,
    message: {
      message_id: updateId + 1000, from: { id: 1111111, is_bot: false, first_name: "San", username: "zhangsan", language_code: "zh-hans" },
      chat: { ...chat, ...(chat.type === "private" ? { first_name: "San" } : { title: "园区工作群" }) }, date: Math.floor(Date.now() / 1000), text,
      ...(entities ? { entities } : {}),
    },
  };
}

describe("/bots/telegram (Bot API webhook)", () => {
  let capture: Capture;
  let deps: BotDeps;
  beforeAll(async () => {
    capture = await startCapture();
    deps = await botDeps({ TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_SECRET_TOKEN: SECRET, TELEGRAM_API_BASE: capture.url });
  });
  afterAll(async () => {
    await deps.dispose();
    await capture.close();
  });
  const post = (body: unknown, secret: string | null = SECRET) => botApp(deps).request("/bots/telegram", {
    method: "POST", headers: { "content-type": "application/json", ...(secret === null ? {} : { "X-Telegram-Bot-Api-Secret-Token": secret }) }, body: JSON.stringify(body),
  });

  it("answers a private message with sendMessage, as a reply to it", async () => {
    expect((await post(update(500001, "2023年工业总产值是多少？"))).status).toBe(200);
    await deps.settle();
    const [sent] = capture.to(`/bot${BOT_TOKEN}/sendMessage`);
    expect(sent.body).toMatchObject({ chat_id: 1111111, reply_parameters: { message_id: 501001 } });
    expect(sent.body.text).toContain("202.3亿元");
    expect(sent.body.text).toContain("完整回答：https://zhushou.example.gov.cn/?q=");
    expect(sent.body.parse_mode).toBeUndefined();
  });

  it("the Bot API's own sample update (core.telegram.org/bots/webhooks, \"Testing your bot with updates\"): /start gets the help", async () => {
    const sample = '{"update_id":10000,"message":{"date":1441645532,"chat":{"last_name":"Test Lastname","id":1111111,"first_name":"Test","username":"Test"},"message_id":1365,"from":{"last_name":"Test Lastname","id":1111111,"first_name":"Test","username":"Test"},"text":"/start"}}';
    const response = await botApp(deps).request("/bots/telegram", { method: "POST", headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET }, body: sample });
    expect(response.status).toBe(200);
    await deps.settle();
    const help = capture.to(`/bot${BOT_TOKEN}/sendMessage`).find((request) => request.body.reply_parameters?.message_id === 1365);
    expect(help?.body.text).toContain("可以这样问");
  });

  it("a redelivered update_id is answered once", async () => {
    await post(update(500002, "2023年税金是多少？"));
    await post(update(500002, "2023年税金是多少？"));
    await deps.settle();
    expect(capture.to(`/bot${BOT_TOKEN}/sendMessage`).filter((request) => request.body.text.includes("8.6亿元"))).toHaveLength(1);
  });

  it("a missing or wrong secret token is refused with 401 and nothing is sent", async () => {
    const before = capture.requests.length;
    expect((await post(update(500003, "2023年工业总产值是多少？"), null)).status).toBe(401);
    expect((await post(update(500004, "2023年工业总产值是多少？"), `${SECRET}x`)).status).toBe(401);
    expect((await post(update(500005, "2023年工业总产值是多少？"), SECRET.replace("4", "5"))).status).toBe(401);
    await deps.settle();
    expect(capture.requests.length).toBe(before);
  });

  it("in a group: the @mention and the command's bot name are stripped; /help lists what can be asked", async () => {
    const text = "@park_helper_bot 滨江园区2023年工业总产值";
    await post(update(500006, text, { id: -1001234567890, type: "supergroup" }, [{ type: "mention", offset: 0, length: 16 }]));
    await post(update(500007, "/help@park_helper_bot", { id: -1001234567890, type: "supergroup" }, [{ type: "bot_command", offset: 0, length: 21 }]));
    await deps.settle();
    const sent = capture.to(`/bot${BOT_TOKEN}/sendMessage`).filter((request) => request.body.chat_id === -1001234567890);
    expect(sent).toHaveLength(2);
    expect(sent.find((request) => request.body.text.includes("95.4亿元"))).toBeTruthy();
    expect(sent.find((request) => request.body.text.includes("可以这样问"))).toBeTruthy();
  });

  it("in a group, a message not addressed to this bot (no mention, another bot's mention) is not answered; a reply to it is", async () => {
    const group = { id: -1009876543210, type: "supergroup" };
    await post(update(500010, "2023年工业总产值是多少？", group));
    await post(update(500011, "@other_bot 2023年工业总产值是多少？", group, [{ type: "mention", offset: 0, length: 10 }]));
    const reply = update(500012, "2023年税金呢？", group);
    (reply.message as Record<string, unknown>).reply_to_message = { message_id: 9, from: { id: 42, is_bot: true, first_name: "园区助手", username: "park_helper_bot" }, chat: group, date: 1, text: "…" };
    await post(reply);
    await deps.settle();
    const sent = capture.to(`/bot${BOT_TOKEN}/sendMessage`).filter((request) => request.body.chat_id === group.id);
    expect(sent.map((request) => request.body.reply_parameters.message_id)).toEqual([501012]);
    expect(capture.to(`/bot${BOT_TOKEN}/getMe`)).toHaveLength(1);
  });

  it("telegramQuestion: mentions and /ask are removed, other commands kept", () => {
    expect(telegramQuestion("/ask@park_bot 2023年税金", [{ type: "bot_command", offset: 0, length: 13 }])).toBe("2023年税金");
    expect(telegramQuestion("/start", [{ type: "bot_command", offset: 0, length: 6 }])).toBe("/start");
    expect(telegramQuestion("税金 @park_bot", [{ type: "mention", offset: 3, length: 9 }])).toBe("税金");
  });
});

describe("/bots/telegram delivery failures and dead claims", () => {
  it("sendMessage failing three times marks the update failed; Telegram's redelivery then answers it", async () => {
    const capture = await startCapture();
    const deps = await botDeps({ TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_SECRET_TOKEN: SECRET, TELEGRAM_API_BASE: capture.url });
    try {
      const post = (body: unknown) => botApp(deps).request("/bots/telegram", {
        method: "POST", headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET }, body: JSON.stringify(body),
      });
      const failure = { status: 502, body: { ok: false, error_code: 502, description: "Bad Gateway" } };
      capture.failNext(`/bot${BOT_TOKEN}/sendMessage`, failure, failure, failure);
      await post(update(600001, "2023年工业总产值是多少？"));
      await deps.settle();
      expect(capture.to(`/bot${BOT_TOKEN}/sendMessage`)).toHaveLength(3);
      expect((await deps.db.query("SELECT state FROM bot_events WHERE event_id = '600001'")).rows).toEqual([{ state: "failed" }]);
      await post(update(600001, "2023年工业总产值是多少？"));
      await deps.settle();
      expect(capture.to(`/bot${BOT_TOKEN}/sendMessage`)).toHaveLength(4);
      expect((await deps.db.query("SELECT state FROM bot_events WHERE event_id = '600001'")).rows).toEqual([{ state: "answered" }]);
    } finally {
      await deps.dispose();
      await capture.close();
    }
  }, 30_000);

  it("a claim left pending past the lease (its process died) is taken over by the redelivery; a fresh pending one is not", async () => {
    const capture = await startCapture();
    const deps = await botDeps({ TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_SECRET_TOKEN: SECRET, TELEGRAM_API_BASE: capture.url });
    try {
      await deps.db.query("INSERT INTO bot_events (platform, event_id, state, received_at) VALUES ('telegram', '600002', 'pending', now() - interval '10 minutes'), ('telegram', '600003', 'pending', now())");
      for (const id of [600002, 600003]) {
        await botApp(deps).request("/bots/telegram", {
          method: "POST", headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET }, body: JSON.stringify(update(id, "2023年税金是多少？")),
        });
      }
      await deps.settle();
      expect(capture.to(`/bot${BOT_TOKEN}/sendMessage`).map((request) => request.body.reply_parameters.message_id)).toEqual([601002]);
    } finally {
      await deps.dispose();
      await capture.close();
    }
  });
});
