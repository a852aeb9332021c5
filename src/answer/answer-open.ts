import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Deps } from "../deps.ts";
import type { Verification } from "../domain/fact-types.ts";
import { checkAnswer, type CheckContext, correctModelText } from "./check-answer.ts";
import { chunkCitation, displayTitle } from "./citations.ts";
import { ANSWER_OPEN_SYSTEM, ANSWER_OPEN_USER, fillPrompt } from "./prompts.ts";
import { type Passage, retrievePassages } from "./retrieve-passages.ts";
import { chapterOutline } from "./section-outline.ts";
import { bigrams, emitBySentence, takeCompleteSentences } from "./sentences.ts";
import type { AnswerOptions, AnswerQuery, ApiCitation } from "./types.ts";

/** An answer from retrieved passages. */
export interface OpenAnswer {
  text: string;
  citations: ApiCitation[];
  verification: Verification;
  mode: "retrieval" | "refusal";
}

function where(passage: Passage): string {
  return passage.chunk.sectionPath ? `“${passage.chunk.sectionPath}”部分` : "";
}

/** The offline answer: the best passages, trimmed, each with its document and section path. */
function extractive(passages: Passage[], chapter: string | null): string {
  if (chapter) {
    const title = displayTitle(passages[0].chunk.title);
    return `根据《${title}》“${chapter}”部分，主要内容如下：\n${passages.map((passage) => passage.quote).join("\n")}`;
  }
  if (passages.length === 1) {
    const [passage] = passages;
    return `根据《${displayTitle(passage.chunk.title)}》${where(passage)}：${passage.quote}`;
  }
  const lines = passages.map((passage, index) => `${index + 1}. 《${displayTitle(passage.chunk.title)}》${where(passage)}：${passage.quote}`);
  return `根据现有资料，相关内容如下：\n${lines.join("\n")}`;
}

/** Passages as quoted data for the model; markers that could close the data block are defused. */
export function passagesBlock(passages: Passage[]): string {
  return passages
    .map((passage, index) => {
      const text = passage.chunk.text.replace(/<\/?资料>/g, "〈资料〉");
      return `[${index + 1}] 《${displayTitle(passage.chunk.title)}》${passage.chunk.sectionPath ? ` ${passage.chunk.sectionPath}` : ""}\n${text}`;
    })
    .join("\n\n");
}

/** Renumber [n] markers to the order of first citation; markers outside the passages are dropped. */
function renumber(sentence: string, passages: Passage[], cited: number[]): string {
  return sentence.replace(/[[【](\d{1,2})[\]】]/g, (_, digits: string) => {
    const index = Number(digits) - 1;
    if (index < 0 || index >= passages.length) return "";
    if (!cited.includes(index)) cited.push(index);
    return `[${cited.indexOf(index) + 1}]`;
  });
}

async function composed(deps: Deps, chat: BaseChatModel, passages: Passage[], question: string, context: CheckContext, options: AnswerOptions): Promise<{ text: string; cited: number[] }> {
  const messages = [
    new SystemMessage(ANSWER_OPEN_SYSTEM),
    new HumanMessage(fillPrompt(ANSWER_OPEN_USER, { question, passages: passagesBlock(passages) })),
  ];
  const cited: number[] = [];
  let buffer = "";
  let text = "";
  // Each sentence is checked against the database before it is streamed: a wrong number never reaches the reader.
  const flush = async (sentences: string[]) => {
    for (const sentence of sentences) {
      const { text: checked } = await correctModelText(deps, renumber(sentence, passages, cited), context);
      text += checked;
      options.onToken?.(checked);
    }
  };
  const stream = await chat.stream(messages, { signal: options.signal });
  for await (const chunk of stream) {
    buffer += typeof chunk.content === "string" ? chunk.content : chunk.content.map((part) => ("text" in part ? part.text : "")).join("");
    const { sentences, rest } = takeCompleteSentences(buffer);
    buffer = rest;
    await flush(sentences);
  }
  if (buffer.trim()) await flush([buffer]);
  return { text, cited };
}

/**
 * Answer an open question ("2020年园区在安全生产方面做了哪些工作？") from hybrid retrieval: offline an
 * extractive answer; with a chat model, an answer composed from the passages with [n] citations. Passages
 * reach the model as quoted data; every number of its answer is checked and corrected or marked.
 */
export async function answerOpen(deps: Deps, query: AnswerQuery, question: string, options: AnswerOptions = {}): Promise<OpenAnswer> {
  const retrieved = await retrievePassages(deps, query, question);
  // A question about a whole chapter (重点工作有哪些) is answered with the chapter's sub-sections.
  const outline = retrieved.length ? await chapterOutline(deps.db, retrieved[0].chunk, bigrams(question)) : null;
  const passages: Passage[] = outline
    ? outline.slice(0, 10).map((item) => ({ chunk: item.chunk, quote: item.summary, relevance: retrieved[0].relevance }))
    : retrieved;
  const chapter = outline ? retrieved[0].chunk.sectionPath.split(" › ")[0] : null;
  const context: CheckContext = {
    park: query.parks.length === 1 ? query.parks[0] : undefined,
    year: query.years.length === 1 ? query.years[0] : undefined,
  };
  if (passages.length === 0) {
    const text = "现有资料中没有找到与该问题相关的内容。可以换个问法，或先上传相关年度的工作总结、工作计划。";
    emitBySentence(text, options.onToken);
    return { text, citations: [], verification: await checkAnswer(deps, text, context), mode: "refusal" };
  }
  let modelFailed = false;
  if (deps.chat) {
    try {
      const { text, cited } = await composed(deps, deps.chat, passages, question, context, options);
      if (text.trim()) {
        const used = cited.length ? cited.map((index) => passages[index]) : passages;
        return {
          text,
          citations: used.map((passage) => chunkCitation(passage.chunk, passage.quote)),
          verification: await checkAnswer(deps, text, context),
          mode: "retrieval",
        };
      }
    } catch (error) {
      if (options.signal?.aborted) throw error;
      deps.logger.warn("chat model failed; answering extractively", { error: (error as Error).message });
      modelFailed = true;
    }
  }
  const text = extractive(passages, chapter) + (modelFailed ? "\n（语言模型暂不可用，以上为资料原文摘录。）" : "");
  emitBySentence(text, options.onToken);
  return {
    text,
    citations: passages.map((passage) => chunkCitation(passage.chunk, passage.quote)),
    verification: await checkAnswer(deps, text, context),
    mode: "retrieval",
  };
}
