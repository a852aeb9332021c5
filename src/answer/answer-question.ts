import { appendMessage, ensureConversation } from "../db/conversations-repo.ts";
import type { Deps } from "../deps.ts";
import { BadRequestError } from "../errors.ts";
import { toApiFact } from "../facts/fact-json.ts";
import { knownParkNames } from "../domain/park-names.ts";
import { answerFromFacts, isFigureQuery } from "./answer-figure.ts";
import { answerOpen } from "./answer-open.ts";
import { toApiVerification } from "./api-verification.ts";
import { checkAnswer } from "./check-answer.ts";
import { factCitations } from "./citations.ts";
import { emitBySentence } from "./sentences.ts";
import { replayedHistory, storedHistory } from "./turn-history.ts";
import { type AnswerInput, type AnswerOptions, type AnswerQuery, type AnswerResult, MAX_QUESTION_CHARS } from "./types.ts";
import { readableQuestion, understandQuestion } from "./understand-question.ts";
import { loadVocabulary } from "./vocabulary.ts";

/**
 * The answer verb every channel calls (REST, SSE, /v1/chat/completions, bots). Figure questions are
 * answered by code from the facts table (never by a model); open questions from retrieved passages,
 * extractively offline or composed by the chat model. Every answer text is checked by the verifier. Follow-ups
 * ("那2019年呢？") resolve against the stored conversation, whose turn is stored with its resolved query, or, when
 * the caller sends `priorQuestions`, against those alone: then no conversation is read or written.
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
  const prior = input.priorQuestions;
  const conversationId = prior ? input.conversationId ?? crypto.randomUUID() : await ensureConversation(deps.db, input.conversationId, input.channel ?? "api", input.park);
  const [vocabulary, stored] = await Promise.all([loadVocabulary(deps.db), prior ? null : storedHistory(deps, conversationId)]);
  const history = stored ?? (await replayedHistory(deps, prior ?? [], { vocabulary, defaultPark: input.park, signal: options.signal }));
  const readable = readableQuestion(question);
  const { query } = await understandQuestion(deps, readable, { vocabulary, history, defaultPark: input.park, signal: options.signal });
  options.signal?.throwIfAborted();

  let result: Omit<AnswerResult, "conversationId">;
  let answered: AnswerQuery = query;
  if (!isFigureQuery(query)) {
    const open = await answerOpen(deps, query, readable, options);
    result = { answer: open.text, citations: open.citations, facts: [], verification: toApiVerification(open.verification), mode: open.mode };
  } else {
    const figure = await answerFromFacts(deps, query, readable, vocabulary);
    answered = figure.query;
    const context = {
      park: answered.parks.length === 1 ? answered.parks[0] : undefined,
      year: answered.years.length === 1 ? answered.years[0] : undefined,
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
  if (!prior) {
    await appendMessage(deps.db, conversationId, "user", question, answered);
    await appendMessage(deps.db, conversationId, "assistant", result.answer);
  }
  return { ...result, conversationId };
}
