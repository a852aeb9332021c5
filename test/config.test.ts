import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config.ts";

describe("parseConfig", () => {
  it("has working defaults with nothing set", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ port: 8787, dataDir: "./data", logLevel: "info" });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.openai).toBeUndefined();
    expect(config.apiTokens).toBeUndefined();
  });

  it.each([
    [{ PORT: "abc" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ OPENAI_BASE_URL: "not a url" }, "OPENAI_BASE_URL"],
    [{ API_TOKENS: "root:abc" }, "API_TOKENS"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
  ])("rejects %o naming %s", (env, variable) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    try {
      parseConfig(env);
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as Error).message.startsWith(`${variable}:`)).toBe(true);
    }
  });

  it("parses tokens, model endpoint and database URL", () => {
    const config = parseConfig({
      API_TOKENS: "admin:a1, reader:r1", OPENAI_BASE_URL: "http://127.0.0.1:9/v1", CHAT_MODEL: "qwen2.5",
      DATABASE_URL: "postgres://u@h/db", PORT: "9000",
    });
    expect(config.apiTokens).toEqual([{ role: "admin", token: "a1" }, { role: "reader", token: "r1" }]);
    expect(config.openai).toMatchObject({ baseUrl: "http://127.0.0.1:9/v1", chatModel: "qwen2.5", apiKey: "not-needed" });
    expect(config.databaseUrl).toBe("postgres://u@h/db");
    expect(config.port).toBe(9000);
  });
});
