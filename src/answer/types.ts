/**
 * Shapes of the answer verb: the resolved query a question becomes, and the result every channel
 * (REST, SSE, /v1/chat/completions, bots) receives.
 */
import { z } from "zod";
import type { Verification } from "../domain/fact-types.ts";
import type { toApiFact } from "../facts/fact-json.ts";

/** What a question asks for. `open` goes to retrieval; every other intent is answered from facts by code. */
export const INTENTS = ["value", "trend", "compare", "growth", "share", "rank", "plan_vs_actual", "open"] as const;
/** One of INTENTS. */
export type Intent = (typeof INTENTS)[number];

/**
 * The resolved query of one turn, stored with the user's message (messages.query) so that
 * follow-ups ("那2019年呢？", "利润呢？") can be resolved against it.
 */
export const answerQuerySchema = z.object({
  intent: z.enum(INTENTS),
  /** Canonical park names as stored in the facts table. Empty = not stated. */
  parks: z.array(z.string()),
  /** The parks are "all parks" (各园区, 哪个园区), not named one by one: gaps are not reported per park. */
  allParks: z.boolean().default(false),
  /** A park the question names that is not on record (明湖经济开发区): the answer is a refusal. */
  unknownPark: z.string().optional(),
  /** Years asked about, in the order a reader expects (ascending for trends). Empty = not stated. */
  years: z.array(z.number().int()),
  /** 近三年 → 3: the last N years on record for the indicator asked (years holds the calendar guess). */
  recent: z.number().int().optional(),
  /** Sub-year period suffix: "H1", "Q1", "M01-11"; absent = the whole year. */
  periodSuffix: z.string().optional(),
  /** Indicator keys (vocabulary key or "label:<label>"), in the order asked. */
  indicators: z.array(z.string()),
  /** Words the user wrote for indicators the vocabulary and the facts table do not know. */
  unknownLabels: z.array(z.string()).default([]),
  /** A sub-scope the user asked for (其中…企业, 新能源汽车零部件产业), matched against stored scopes. */
  scope: z.string().optional(),
  /** "plan" when the user asks for targets (目标, 计划). */
  status: z.enum(["actual", "plan"]),
  /** Compare or rank by the stated growth rate (增幅, 降幅, 增速) instead of the value. */
  measure: z.enum(["value", "yoy"]).default("value"),
  /** 年均增长率: the compound annual rate over the span. */
  average: z.boolean().default(false),
  /** Rank direction for "哪个园区最高/最低". */
  order: z.enum(["desc", "asc"]).optional(),
  /** The question text stripped of park/year words, for retrieval. */
  topic: z.string(),
  /** Document kind to prefer for open questions. */
  kind: z.enum(["summary", "plan"]).optional(),
  /** True when this turn was completed from the previous turn's query. */
  followUp: z.boolean().default(false),
});
/** The resolved query of one turn. */
export type AnswerQuery = z.infer<typeof answerQuerySchema>;

/** The longest question the verb answers, in characters. */
export const MAX_QUESTION_CHARS = 2000;

/** Input of the verb. `park` is the caller's default park (the widget's page, a bot's binding). */
export interface AnswerInput {
  question: string;
  park?: string;
  /** The stored conversation to continue (created when absent or unknown); only echoed with `priorQuestions`. */
  conversationId?: string;
  /** "api", "sse", "openai", "wecom" … recorded on new conversations. */
  channel?: string;
  /**
   * The questions asked before this one, oldest first, from a caller that keeps its own transcript (an OpenAI
   * client's `messages`). When given (even empty), follow-ups resolve from these alone and no stored conversation
   * is read or written, so two chats never share state.
   */
  priorQuestions?: string[];
}

/** Streaming and cancellation of one answer. */
export interface AnswerOptions {
  /** Receives the answer text in pieces, in order; their concatenation is `answer`. */
  onToken?: (text: string) => void;
  signal?: AbortSignal;
}

/** A passage or fact the answer rests on, API.md shape. */
export interface ApiCitation {
  document_id: string | null;
  title: string;
  section: string;
  quote: string;
}

/** The API.md claim shape (snake_case fact_ids). */
export type ApiClaim = Omit<Verification["claims"][number], "factIds"> & { fact_ids: string[] };

/** The API.md verification shape (see `toApiVerification`). */
export interface ApiVerification {
  claims: ApiClaim[];
  summary: Verification["summary"];
}

/** figure: computed from facts; retrieval: from passages; refusal: not on record. */
export type AnswerMode = "figure" | "retrieval" | "refusal";

/** What every channel receives: the API.md /api/ask response. */
export interface AnswerResult {
  answer: string;
  conversationId: string;
  citations: ApiCitation[];
  facts: ReturnType<typeof toApiFact>[];
  verification: ApiVerification;
  mode: AnswerMode;
}
