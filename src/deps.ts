import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Config } from "./config.ts";
import type { SqlClient } from "./db/sql-client.ts";
import type { Embedder } from "./embed/embedder.ts";
import type { Logger } from "./logger.ts";

/**
 * Everything a verb needs, injected. Node, Workers and tests each build their own.
 * `chat` null means the offline answerer and drafter.
 */
export interface Deps {
  config: Config;
  db: SqlClient;
  embedder: Embedder;
  chat: BaseChatModel | null;
  /** Name reported by /healthz: "offline" or the model name. */
  llmName: string;
  logger: Logger;
  /** The built browser scripts (widget.js, chat.js, draft.js, admin.js) by file name; null when not built. */
  assets?: (name: string) => Promise<string | null>;
  /**
   * Keep work going after the response has gone (bots answer after acknowledging): Workers pass it to
   * `waitUntil`; on Node the promise simply runs. Tests use it to wait for the delivery.
   */
  background?: (task: Promise<unknown>) => void;
}
