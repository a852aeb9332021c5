/**
 * Where the earlier turns of a conversation come from, for follow-ups: the stored conversation (/api/ask, bots),
 * or the questions a caller that keeps its own transcript sends again (/v1/chat/completions).
 */
import { recentMessages } from "../db/conversations-repo.ts";
import type { Deps } from "../deps.ts";
import { answerFromFacts, isFigureQuery } from "./answer-figure.ts";
import { type AnswerQuery, answerQuerySchema, MAX_QUESTION_CHARS } from "./types.ts";
import { readableQuestion, understandQuestion } from "./understand-question.ts";
import type { Vocabulary } from "./vocabulary.ts";

/** Follow-up resolution looks at the last few turns only ("这两项" reaches three back). */
const HISTORY_TURNS = 4;
/** Questions replayed to rebuild them: a few more, so the oldest kept turn is itself resolved in context. */
const REPLAYED_QUESTIONS = 6;

/** Resolved queries of the stored conversation's recent user turns, oldest first. */
export async function storedHistory(deps: Deps, conversationId: string): Promise<AnswerQuery[]> {
  const messages = await recentMessages(deps.db, conversationId, HISTORY_TURNS * 2);
  const queries: AnswerQuery[] = [];
  for (const message of messages) {
    if (message.role !== "user" || !message.query) continue;
    const parsed = answerQuerySchema.safeParse(message.query);
    if (parsed.success) queries.push(parsed.data);
  }
  return queries;
}

/**
 * Resolved queries of the questions the caller asked before (oldest first), rebuilt from the questions alone:
 * each is read as a follow-up of the ones before it and settled by the same figure step that answered it (so
 * "那2021年呢？" after an undated question inherits the year that answer used). The offline parser reads them, so a
 * long transcript costs no model calls; the assistant's earlier replies are not read, since a client may have
 * edited them or had them from another model.
 * @example await replayedHistory(deps, ["明湖2022年工业总产值是多少？"], { vocabulary }) // [{ intent: "value", years: [2022], … }]
 */
export async function replayedHistory(
  deps: Deps,
  questions: string[],
  context: { vocabulary: Vocabulary; defaultPark?: string; signal?: AbortSignal },
): Promise<AnswerQuery[]> {
  const offline = { ...deps, chat: null };
  const history: AnswerQuery[] = [];
  const asked = questions.map((question) => question.trim()).filter((question) => question && question.length <= MAX_QUESTION_CHARS);
  for (const question of asked.slice(-REPLAYED_QUESTIONS)) {
    context.signal?.throwIfAborted();
    const readable = readableQuestion(question);
    const { query } = await understandQuestion(offline, readable, { ...context, history: history.slice(-HISTORY_TURNS) });
    history.push(isFigureQuery(query) ? (await answerFromFacts(deps, query, readable, context.vocabulary)).query : query);
  }
  return history.slice(-HISTORY_TURNS);
}
