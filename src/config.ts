import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

/** Shortest token accepted: a token is a password, and one a person could guess is no protection. */
export const MIN_TOKEN_LENGTH = 16;

/**
 * `name:role:token` entries, comma-separated (the name is what the audit log records); the older `role:token`
 * is read as a token named after its role. Set but blank is an error (unset it to run without tokens). Messages
 * never quote a token.
 */
const tokenList = z
  .string()
  .optional()
  .transform((value, context) => {
    if (value === undefined) return undefined;
    if (value.trim() === "") {
      context.addIssue({ code: "custom", message: "is set but empty: unset it to run without tokens, or give name:role:token entries" });
      return z.NEVER;
    }
    const tokens: ApiToken[] = [];
    const entries = value.split(",").map((entry) => entry.trim()).filter(Boolean);
    for (const [index, entry] of entries.entries()) {
      const parts = entry.split(":");
      const [name, role, token] = parts.length === 2 ? [parts[0], parts[0], parts[1]] : parts;
      const problem = parts.length < 2 || parts.length > 3 ? "expected name:role:token"
        : !["admin", "drafter", "reader"].includes(role) ? "the role must be admin, drafter or reader"
        : !/^[\w.-]{1,64}$/.test(name) ? "the name must be 1-64 letters, digits, _ . or -"
        : token.length < MIN_TOKEN_LENGTH ? `the token must be at least ${MIN_TOKEN_LENGTH} characters`
        : tokens.some((other) => other.token === token) ? "the same token is given twice"
        : tokens.some((other) => other.name === name) ? "the same name is given twice"
        : null;
      if (problem) {
        context.addIssue({ code: "custom", message: `entry ${index + 1}: ${problem}` });
        return z.NEVER;
      }
      tokens.push({ name, role: role as Role, token });
    }
    return tokens;
  });

/** Comma-separated browser origins (scheme://host[:port]); each must be an origin, nothing more. */
const originList = z
  .string()
  .optional()
  .transform((value, context) => {
    if (!value || value.trim() === "") return [] as string[];
    const origins: string[] = [];
    for (const item of value.split(",").map((part) => part.trim()).filter(Boolean)) {
      let origin: string | undefined;
      try {
        const url = new URL(item);
        if ((url.protocol === "http:" || url.protocol === "https:") && url.origin === item.replace(/\/$/, "")) origin = url.origin;
      } catch {
        origin = undefined;
      }
      if (!origin) {
        context.addIssue({ code: "custom", message: `expected origins such as https://intranet.example.gov.cn, got "${item}"` });
        return z.NEVER;
      }
      origins.push(origin);
    }
    return origins;
  });

/** An outbound API origin (tests point it at a local capture server); no path, no trailing slash. */
const apiBase = (fallback: string) =>
  optionalString.pipe(z.url({ message: "must be a URL" }).optional()).transform((value) => (value ?? fallback).replace(/\/+$/, ""));

const configSchema = z.object({
  PORT: z.coerce.number({ message: "must be a port number" }).int().min(1).max(65535).default(8787),
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: optionalString.pipe(z.string().regex(/^postgres(ql)?:\/\//, "must start with postgres://").optional()),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url({ message: "must be a URL" }).optional()),
  CHAT_MODEL: z.string().trim().min(1).default("gpt-4o-mini"),
  EMBEDDING_MODEL: optionalString,
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  API_TOKENS: tokenList,
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  LOAD_CORPUS: z.enum(["auto", "always", "never"]).default("auto"),
  RATE_LIMIT_PER_MINUTE: z.coerce.number({ message: "must be a number of requests (0 turns the limit off)" }).int().min(0).default(300),
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE: z.coerce.number({ message: "must be a number of requests (0 turns the limit off)" }).int().min(0).default(600),
  WIDGET_ORIGINS: originList,
  PUBLIC_BASE_URL: optionalString.pipe(z.url({ message: "must be a URL" }).optional()),
  WECOM_CORP_ID: optionalString,
  WECOM_TOKEN: optionalString,
  WECOM_ENCODING_AES_KEY: optionalString.pipe(z.string().regex(/^[A-Za-z0-9]{43}$/, "must be the 43-character EncodingAESKey").optional()),
  WECOM_AGENT_ID: optionalString.pipe(z.string().regex(/^\d+$/, "must be the app's numeric AgentId").optional()),
  WECOM_SECRET: optionalString,
  WECOM_AIBOT_TOKEN: optionalString,
  WECOM_AIBOT_ENCODING_AES_KEY: optionalString.pipe(z.string().regex(/^[A-Za-z0-9]{43}$/, "must be the 43-character EncodingAESKey").optional()),
  DINGTALK_APP_KEY: optionalString,
  DINGTALK_APP_SECRET: optionalString,
  FEISHU_APP_ID: optionalString,
  FEISHU_APP_SECRET: optionalString,
  FEISHU_VERIFICATION_TOKEN: optionalString,
  FEISHU_ENCRYPT_KEY: optionalString,
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_SECRET_TOKEN: optionalString.pipe(z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "must be 1-256 characters of A-Z, a-z, 0-9, _ and -").optional()),
  BOT_PARK: optionalString,
  WECOM_API_BASE: apiBase("https://qyapi.weixin.qq.com"),
  DINGTALK_API_BASE: apiBase("https://oapi.dingtalk.com"),
  FEISHU_API_BASE: apiBase("https://open.feishu.cn"),
  TELEGRAM_API_BASE: apiBase("https://api.telegram.org"),
  BOT_REPLAY_WINDOW_S: z.coerce.number({ message: "must be a number of seconds" }).int().min(0).default(300),
});

/** Every environment variable the service reads, in the schema's order (`.env.example` lists exactly these). */
export const CONFIG_VARIABLES = Object.keys(configSchema.shape) as ReadonlyArray<keyof z.input<typeof configSchema>>;

export type Role = "admin" | "drafter" | "reader";

export interface ApiToken {
  name: string;
  role: Role;
  token: string;
}

/** Variables whose values are secrets (tokens, keys, passwords in a URL). */
export const SECRET_VARIABLE = /TOKEN|SECRET|KEY|DATABASE_URL/;

/** Typed configuration; the only thing in the app that knows about environment variables. */
export interface Config {
  port: number;
  dataDir: string;
  databaseUrl?: string;
  openai?: { apiKey: string; baseUrl?: string; chatModel: string; embeddingModel?: string; timeoutMs: number };
  apiTokens?: ApiToken[];
  /** The interface to listen on: 127.0.0.1 unless HOST says otherwise (0.0.0.0 in a container). */
  host: string;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
  /**
   * The fictional sample corpus: `auto` loads it into the embedded database (no DATABASE_URL) when that is empty,
   * `always` into any empty database (a Postgres one too), `never` not at all.
   */
  loadCorpus: "auto" | "always" | "never";
  /** Requests a minute per API token, and per client address (0: no limit); /api/* and /v1/* only. */
  rateLimits: { perToken: number; perAddress: number };
  /** Origins whose pages may embed the widget and call /api/* from the browser (CORS, frame-ancestors). */
  widgetOrigins: string[];
  /** The address people open the service at (links in bot replies); the request's own origin when unset. */
  publicBaseUrl?: string;
  bots: BotsConfig;
}

/** The messaging platforms; each is present (on) only when its secrets are set. */
export interface BotsConfig {
  /** The park questions are answered for unless they name another (one bot per park, or a default). */
  park?: string;
  /** Signed timestamps older or newer than this many seconds are refused; 0 turns the check off. */
  replayWindowS: number;
  wecom?: { corpId: string; token: string; encodingAesKey: string; agentId?: string; secret?: string; apiBase: string };
  wecomAibot?: { token: string; encodingAesKey: string };
  dingtalk?: { appKey?: string; appSecret: string; apiBase: string };
  feishu?: { appId: string; appSecret: string; verificationToken?: string; encryptKey?: string; apiBase: string };
  telegram?: { botToken: string; secretToken: string; apiBase: string };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = "ConfigError";
  }
}

/**
 * Parse an environment record (process.env on Node, the `env` binding on Workers) into a Config.
 * Throws ConfigError naming the first bad variable.
 * @example parseConfig({ PORT: "8080" }).port === 8080
 */
export function parseConfig(record: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(record);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = String(issue.path[0] ?? "environment");
    const value = record[variable];
    // Secrets are never echoed (the message reaches the console and the logs); other values are, to show the typo.
    const shown = value === undefined ? "" : SECRET_VARIABLE.test(variable) ? ` (${value.length} characters, value not shown)` : ` (got "${value}")`;
    throw new ConfigError(variable, `${issue.message}${shown}`);
  }
  const env = result.data;
  // A base URL alone is enough for keyless local endpoints (Ollama, vLLM); they still need a non-empty key string.
  const openaiConfigured = env.OPENAI_API_KEY !== undefined || env.OPENAI_BASE_URL !== undefined;
  return {
    port: env.PORT,
    host: env.HOST,
    dataDir: env.DATA_DIR,
    databaseUrl: env.DATABASE_URL,
    openai: openaiConfigured
      ? {
          apiKey: env.OPENAI_API_KEY ?? "not-needed",
          baseUrl: env.OPENAI_BASE_URL,
          chatModel: env.CHAT_MODEL,
          embeddingModel: env.EMBEDDING_MODEL,
          timeoutMs: env.LLM_TIMEOUT_MS,
        }
      : undefined,
    apiTokens: env.API_TOKENS,
    logLevel: env.LOG_LEVEL,
    loadCorpus: env.LOAD_CORPUS,
    rateLimits: { perToken: env.RATE_LIMIT_PER_MINUTE, perAddress: env.RATE_LIMIT_PER_ADDRESS_PER_MINUTE },
    widgetOrigins: env.WIDGET_ORIGINS,
    publicBaseUrl: env.PUBLIC_BASE_URL?.replace(/\/+$/, ""),
    bots: botsConfig(env),
  };
}

type Env = z.infer<typeof configSchema>;

/** A platform is on when any of its variables is set; then the ones it cannot work without must be set too. */
function platform<T>(env: Env, names: Array<keyof Env>, required: Array<keyof Env>, build: () => T): T | undefined {
  if (!names.some((name) => env[name] !== undefined)) return undefined;
  const missing = required.find((name) => env[name] === undefined);
  if (missing) throw new ConfigError(String(missing), `is required when ${names.filter((name) => env[name] !== undefined).join(", ")} is set`);
  return build();
}

function botsConfig(env: Env): BotsConfig {
  const wecom = platform(env, ["WECOM_CORP_ID", "WECOM_TOKEN", "WECOM_ENCODING_AES_KEY", "WECOM_AGENT_ID", "WECOM_SECRET"],
    ["WECOM_CORP_ID", "WECOM_TOKEN", "WECOM_ENCODING_AES_KEY"], () => ({
      corpId: env.WECOM_CORP_ID!, token: env.WECOM_TOKEN!, encodingAesKey: env.WECOM_ENCODING_AES_KEY!,
      agentId: env.WECOM_AGENT_ID, secret: env.WECOM_SECRET, apiBase: env.WECOM_API_BASE,
    }));
  if (wecom && (wecom.agentId === undefined) !== (wecom.secret === undefined)) {
    throw new ConfigError(wecom.agentId ? "WECOM_SECRET" : "WECOM_AGENT_ID", "WECOM_AGENT_ID and WECOM_SECRET go together (active replies through message/send)");
  }
  const feishu = platform(env, ["FEISHU_APP_ID", "FEISHU_APP_SECRET", "FEISHU_VERIFICATION_TOKEN", "FEISHU_ENCRYPT_KEY"],
    ["FEISHU_APP_ID", "FEISHU_APP_SECRET"], () => ({
      appId: env.FEISHU_APP_ID!, appSecret: env.FEISHU_APP_SECRET!, verificationToken: env.FEISHU_VERIFICATION_TOKEN,
      encryptKey: env.FEISHU_ENCRYPT_KEY, apiBase: env.FEISHU_API_BASE,
    }));
  if (feishu && !feishu.verificationToken && !feishu.encryptKey) {
    throw new ConfigError("FEISHU_ENCRYPT_KEY", "set FEISHU_ENCRYPT_KEY (signed, encrypted events) or at least FEISHU_VERIFICATION_TOKEN");
  }
  return {
    park: env.BOT_PARK,
    replayWindowS: env.BOT_REPLAY_WINDOW_S,
    wecom,
    wecomAibot: platform(env, ["WECOM_AIBOT_TOKEN", "WECOM_AIBOT_ENCODING_AES_KEY"], ["WECOM_AIBOT_TOKEN", "WECOM_AIBOT_ENCODING_AES_KEY"], () => ({
      token: env.WECOM_AIBOT_TOKEN!, encodingAesKey: env.WECOM_AIBOT_ENCODING_AES_KEY!,
    })),
    dingtalk: platform(env, ["DINGTALK_APP_KEY", "DINGTALK_APP_SECRET"], ["DINGTALK_APP_SECRET"], () => ({
      appKey: env.DINGTALK_APP_KEY, appSecret: env.DINGTALK_APP_SECRET!, apiBase: env.DINGTALK_API_BASE,
    })),
    feishu,
    telegram: platform(env, ["TELEGRAM_BOT_TOKEN", "TELEGRAM_SECRET_TOKEN"], ["TELEGRAM_BOT_TOKEN", "TELEGRAM_SECRET_TOKEN"], () => ({
      botToken: env.TELEGRAM_BOT_TOKEN!, secretToken: env.TELEGRAM_SECRET_TOKEN!, apiBase: env.TELEGRAM_API_BASE,
    })),
  };
}
