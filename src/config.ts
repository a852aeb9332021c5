import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const tokenList = z
  .string()
  .optional()
  .transform((value, context) => {
    if (!value || value.trim() === "") return undefined;
    const tokens: Array<{ role: Role; token: string }> = [];
    for (const pair of value.split(",")) {
      const [role, token] = pair.trim().split(":");
      if (!token || !["admin", "drafter", "reader"].includes(role)) {
        context.addIssue({ code: "custom", message: `expected role:token pairs with roles admin, drafter or reader, got "${pair.trim()}"` });
        return z.NEVER;
      }
      tokens.push({ role: role as Role, token });
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

const configSchema = z.object({
  PORT: z.coerce.number({ message: "must be a port number" }).int().min(1).max(65535).default(8787),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: optionalString.pipe(z.string().regex(/^postgres(ql)?:\/\//, "must start with postgres://").optional()),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url({ message: "must be a URL" }).optional()),
  CHAT_MODEL: z.string().trim().min(1).default("gpt-4o-mini"),
  EMBEDDING_MODEL: optionalString,
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  API_TOKENS: tokenList,
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  LOAD_CORPUS: z.enum(["auto", "never"]).default("auto"),
  WIDGET_ORIGINS: originList,
});

export type Role = "admin" | "drafter" | "reader";

/** Typed configuration; the only thing in the app that knows about environment variables. */
export interface Config {
  port: number;
  dataDir: string;
  databaseUrl?: string;
  openai?: { apiKey: string; baseUrl?: string; chatModel: string; embeddingModel?: string; timeoutMs: number };
  apiTokens?: Array<{ role: Role; token: string }>;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
  loadCorpus: "auto" | "never";
  /** Origins whose pages may embed the widget and call /api/* from the browser (CORS, frame-ancestors). */
  widgetOrigins: string[];
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
    throw new ConfigError(variable, `${issue.message}${value !== undefined ? ` (got "${value}")` : ""}`);
  }
  const env = result.data;
  // A base URL alone is enough for keyless local endpoints (Ollama, vLLM); they still need a non-empty key string.
  const openaiConfigured = env.OPENAI_API_KEY !== undefined || env.OPENAI_BASE_URL !== undefined;
  return {
    port: env.PORT,
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
    widgetOrigins: env.WIDGET_ORIGINS,
  };
}
