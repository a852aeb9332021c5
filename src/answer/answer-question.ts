import { appendMessage, ensureConversation, recentMessages } from "../db/conversations-repo.ts";
import type { Deps } from "../deps.ts";
import { BadRequestError } from "../errors.ts";
import { toApiFact } from "../facts/fact-json.ts";
import { knownParkNames } from "../domain/park-names.ts";
import { toSimplified } from "../text/normalize.ts";
import { answerFigure } from "./answer-figure.ts";
import { answerRanked } from "./answer-ranked.ts";
import { answerOpen } from "./answer-open.ts";
import { toApiVerification } from "./api-verification.ts";
import { checkAnswer } from "./check-answer.ts";
import { factCitations } from "./citations.ts";
import { emitBySentence } from "./sentences.ts";
import { type AnswerInput, type AnswerOptions, type AnswerQuery, answerQuerySchema, type AnswerResult } from "./types.ts";
import { understandQuestion } from "./understand-question.ts";
import { loadVocabulary } from "./vocabulary.ts";

const MAX_QUESTION_CHARS = 2000;

/** Resolved queries of the conversation's recent user turns, oldest first. */
async function queryHistory(deps: Deps, conversationId: string): Promise<AnswerQuery[]> {
  const messages = await recentMessages(deps.db, conversationId, 8);
  const queries: AnswerQuery[] = [];
  for (const message of messages) {
    if (message.role !== "user" || !message.query) continue;
    const parsed = answerQuerySchema.safeParse(message.query);
    if (parsed.success) queries.push(parsed.data);
  }
  return queries;
}

/**
 * The answer verb every channel calls (REST, SSE, /v1/chat/completions, bots). Figure questions are
 * answered by code from the facts table (never by a model); open questions from retrieved passages,
 * extractively offline or composed by the chat model. Every answer text is checked by the verifier, and
 * the turn is stored with its resolved query so that follow-ups ("那2019年呢？") resolve.
 * @example
 * const result = await answerQuestion(deps, { question: "江屿2022年工业总产值是多少？" });
 * result.answer // "江屿经济开发区2022年工业总产值为352.9亿元，同比增长8.1%。"
 * result.mode   // "figure"
 */
export async function answerQuestion(deps: Deps, input: AnswerInput, options: AnswerOptions = {}): Promise<AnswerResult> {
  const question = input.question.trim();
  if (!question) throw new BadRequestError("问题不能为空");
  if (question.length > MAX_QUESTION_CHARS) throw new BadRequestError(`问题过长（不超过${MAX_QUESTION_CHARS}字）`);
  options.signal?.throwIfAborted();
  const conversationId = await ensureConversation(deps.db, input.conversationId, input.channel ?? "api", input.park);
  const [history, vocabulary] = await Promise.all([queryHistory(deps, conversationId), loadVocabulary(deps.db)]);
  // Questions are read as documents are stored: simplified characters, half-width digits (江嶼２０２２年 → 江屿2022年).
  const readable = toSimplified(question.replace(/[０-９Ａ-Ｚａ-ｚ％．]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
  const { query } = await understandQuestion(deps, readable, { vocabulary, history, defaultPark: input.park, signal: options.signal });
  options.signal?.throwIfAborted();

  let result: Omit<AnswerResult, "conversationId">;
  let stored: AnswerQuery = query;
  if (query.intent === "open" && !query.unknownPark) {
    const open = await answerOpen(deps, query, readable, options);
    result = { answer: open.text, citations: open.citations, facts: [], verification: toApiVerification(open.verification), mode: open.mode };
  } else {
    const figure = (await answerRanked(deps, query, readable)) ?? (await answerFigure(deps, query, vocabulary));
    stored = figure.query;
    const context = {
      park: stored.parks.length === 1 ? stored.parks[0] : undefined,
      year: stored.years.length === 1 ? stored.years[0] : undefined,
      parks: knownParkNames(vocabulary),
    };
    const [verification, citations] = await Promise.all([checkAnswer(deps, figure.text, context), factCitations(deps.db, figure.facts)]);
    emitBySentence(figure.text, options.onToken);
    result = {
      answer: figure.text,
      citations,
      facts: figure.facts.map(toApiFact),
      verification: toApiVerification(verification),
      mode: figure.mode,
    };
  }
  await appendMessage(deps.db, conversationId, "user", question, stored);
  await appendMessage(deps.db, conversationId, "assistant", result.answer);
  return { ...result, conversationId };
}
