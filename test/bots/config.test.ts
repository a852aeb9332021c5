import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.ts";

describe("bot configuration (src/config.ts)", () => {
  it("no bot variables: every platform off, the real API hosts and a 300 s replay window by default", () => {
    const { bots } = parseConfig({});
    expect(bots).toMatchObject({ replayWindowS: 300 });
    expect([bots.wecom, bots.wecomAibot, bots.dingtalk, bots.feishu, bots.telegram]).toEqual([undefined, undefined, undefined, undefined, undefined]);
    const on = parseConfig({ TELEGRAM_BOT_TOKEN: "1:x", TELEGRAM_SECRET_TOKEN: "s", DINGTALK_APP_SECRET: "d" }).bots;
    expect(on.telegram?.apiBase).toBe("https://api.telegram.org");
    expect(on.dingtalk?.apiBase).toBe("https://oapi.dingtalk.com");
  });

  it("a platform partly configured names the variable it still needs", () => {
    const attempt = (env: Record<string, string>) => {
      try {
        parseConfig(env);
        return "accepted";
      } catch (error) {
        return error instanceof ConfigError ? error.variable : String(error);
      }
    };
    expect(attempt({ WECOM_CORP_ID: "ww1" })).toBe("WECOM_TOKEN");
    expect(attempt({ WECOM_CORP_ID: "ww1", WECOM_TOKEN: "t", WECOM_ENCODING_AES_KEY: "a".repeat(43), WECOM_AGENT_ID: "1000002" })).toBe("WECOM_SECRET");
    expect(attempt({ WECOM_ENCODING_AES_KEY: "short" })).toBe("WECOM_ENCODING_AES_KEY");
    expect(attempt({ TELEGRAM_BOT_TOKEN: "1:x" })).toBe("TELEGRAM_SECRET_TOKEN");
    expect(attempt({ TELEGRAM_BOT_TOKEN: "1:x", TELEGRAM_SECRET_TOKEN: "has space" })).toBe("TELEGRAM_SECRET_TOKEN");
    expect(attempt({ FEISHU_APP_ID: "cli", FEISHU_APP_SECRET: "s" })).toBe("FEISHU_ENCRYPT_KEY");
    expect(attempt({ DINGTALK_APP_KEY: "k" })).toBe("DINGTALK_APP_SECRET");
    expect(attempt({ BOT_REPLAY_WINDOW_S: "-1" })).toBe("BOT_REPLAY_WINDOW_S");
    expect(attempt({ WECOM_API_BASE: "not a url" })).toBe("WECOM_API_BASE");
  });

  it("never echoes a secret in a configuration error (it reaches the console); other values are shown", () => {
    const message = (env: Record<string, string>) => {
      try {
        parseConfig(env);
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    };
    const key = "Zx".repeat(20) + "abc!";
    expect(message({ WECOM_ENCODING_AES_KEY: key })).not.toContain(key);
    expect(message({ WECOM_ENCODING_AES_KEY: key })).toContain("value not shown");
    expect(message({ TELEGRAM_BOT_TOKEN: "1:x", TELEGRAM_SECRET_TOKEN: "my secret!" })).not.toContain("my secret!");
    expect(message({ API_TOKENS: "admin:sup3r-secret-admin-token,writer-no-role" })).not.toMatch(/sup3r|writer-no-role/);
    expect(message({ PORT: "eighty" })).toContain('"eighty"');
  });

  it("reads BOT_PARK, BOT_REPLAY_WINDOW_S=0 and a local API base without its trailing slash", () => {
    const config = parseConfig({ BOT_PARK: "示范园区", BOT_REPLAY_WINDOW_S: "0", FEISHU_APP_ID: "cli", FEISHU_APP_SECRET: "s", FEISHU_ENCRYPT_KEY: "k", FEISHU_API_BASE: "http://127.0.0.1:9999/" });
    expect(config.bots.park).toBe("示范园区");
    expect(config.bots.replayWindowS).toBe(0);
    expect(config.bots.feishu).toMatchObject({ appId: "cli", encryptKey: "k", apiBase: "http://127.0.0.1:9999" });
  });

  it("a platform that is off answers 404 problem+json at its path", async () => {
    const { createApp } = await import("../../src/app.ts");
    const { createTestDeps } = await import("../helpers/test-deps.ts");
    const deps = await createTestDeps();
    try {
      const response = await createApp(deps).request("/bots/telegram", { method: "POST", body: "{}" });
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    } finally {
      await deps.dispose();
    }
  });
});
