import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, SECRET_VARIABLE, parseConfig } from "../src/config.ts";

/**
 * `.env.example` lists exactly the variables src/config.ts reads (its schema's keys), each under a Chinese and
 * English comment, with the defaults as live lines and every optional value, secrets included, commented out
 * with a placeholder that the parser accepts.
 */
const lines = readFileSync(path.resolve(import.meta.dirname, "../.env.example"), "utf8").split("\n");

interface Entry {
  name: string;
  value: string;
  live: boolean;
  /** The comment lines right above the variable. */
  comment: string;
}

const VARIABLE_LINE = /^(# )?([A-Z][A-Z0-9_]*)=(.*)$/;

const entries: Entry[] = lines.flatMap((line, index) => {
  const match = VARIABLE_LINE.exec(line);
  if (!match) return [];
  const comment: string[] = [];
  for (let above = index - 1; above >= 0 && lines[above].startsWith("#") && !VARIABLE_LINE.test(lines[above]); above--) comment.unshift(lines[above]);
  return [{ name: match[2], value: match[3], live: !match[1], comment: comment.join("\n") }];
});
const names = entries.map((entry) => entry.name);

describe(".env.example", () => {
  it("lists exactly the variables src/config.ts reads, each once", () => {
    expect(CONFIG_VARIABLES.length).toBeGreaterThan(30);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it("explains every variable in Chinese and in English", () => {
    for (const entry of entries) {
      expect(entry.comment, entry.name).toMatch(/[\u4e00-\u9fff]/);
      // English words, not just the names of other variables (OPENAI_BASE_URL) a Chinese comment mentions.
      expect(entry.comment.replace(/[A-Z0-9_]{3,}/g, ""), entry.name).toMatch(/[a-z]{4,}/);
    }
  });

  it("groups them under server, database, model, auth, widget and bots headings, in that order", () => {
    const headings = lines.filter((line) => line.startsWith("# ── ")).map((line) => line.replace(/^# ── | ─+$/g, ""));
    expect(headings).toEqual(["服务 / Server", "数据库 / Database", "大模型 / Model", "鉴权 / Auth", "问答小窗 / Widget", "机器人 / Bots"]);
  });

  it("has only defaults on its live lines, so copying it changes nothing", () => {
    const live = Object.fromEntries(entries.filter((entry) => entry.live).map((entry) => [entry.name, entry.value]));
    expect(Object.keys(live).length).toBeGreaterThan(5);
    expect(parseConfig(live)).toEqual(parseConfig({}));
  });

  it("keeps every secret commented out, with a placeholder that is not a real value", () => {
    const secrets = entries.filter((entry) => SECRET_VARIABLE.test(entry.name));
    expect(secrets.map((entry) => entry.name)).toContain("API_TOKENS");
    for (const secret of secrets) {
      expect(secret.live, secret.name).toBe(false);
      expect(secret.value, secret.name).toMatch(/replace|your/i);
    }
  });

  it("has placeholders the parser accepts, all at once (every bot platform complete)", () => {
    const all = Object.fromEntries(entries.map((entry) => [entry.name, entry.value]));
    const config = parseConfig(all);
    expect(config.databaseUrl).toMatch(/^postgres:\/\//);
    expect(config.apiTokens?.map((token) => token.role)).toEqual(["admin", "reader"]);
    expect(Object.keys(config.bots).filter((key) => config.bots[key as keyof typeof config.bots] && typeof config.bots[key as keyof typeof config.bots] === "object").sort())
      .toEqual(["dingtalk", "feishu", "telegram", "wecom", "wecomAibot"]);
  });
});
