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
      API_TOKENS: "admin:a1-0123456789abcdef, reader:r1-0123456789abcdef", OPENAI_BASE_URL: "http://127.0.0.1:9/v1", CHAT_MODEL: "qwen2.5",
      DATABASE_URL: "postgres://u@h/db", PORT: "9000",
    });
    expect(config.apiTokens).toEqual([
      { name: "admin", role: "admin", token: "a1-0123456789abcdef" }, { name: "reader", role: "reader", token: "r1-0123456789abcdef" },
    ]);
    expect(config.openai).toMatchObject({ baseUrl: "http://127.0.0.1:9/v1", chatModel: "qwen2.5", apiKey: "not-needed" });
    expect(config.databaseUrl).toBe("postgres://u@h/db");
    expect(config.port).toBe(9000);
  });

  it("API_TOKENS: name:role:token entries, strict, never quoting a token; HOST defaults to loopback", () => {
    expect(parseConfig({ API_TOKENS: "office-a:admin:0123456789abcdefXYZ, widget:reader:reader-token-for-widget" }).apiTokens).toEqual([
      { name: "office-a", role: "admin", token: "0123456789abcdefXYZ" }, { name: "widget", role: "reader", token: "reader-token-for-widget" },
    ]);
    const refused = (value: string) => {
      try {
        parseConfig({ API_TOKENS: value });
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(refused("admin:abc:def")).toMatch(/role/);
    expect(refused("x:admin:short")).toMatch(/at least 16/);
    expect(refused("   ")).toMatch(/set but empty/);
    expect(refused("a:admin:0123456789abcdef0,b:reader:0123456789abcdef0")).toMatch(/twice/);
    for (const value of ["admin:abc:def", "x:admin:short", "a:admin:0123456789abcdef0,b:reader:0123456789abcdef0"]) {
      for (const secret of value.split(/[:,]/).filter((part) => part.length >= 3 && !["admin", "reader"].includes(part))) expect(refused(value)).not.toContain(secret);
    }
    expect(parseConfig({}).host).toBe("127.0.0.1");
    expect(parseConfig({ HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
  });
});
