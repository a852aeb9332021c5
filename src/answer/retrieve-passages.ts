import type { Deps } from "../deps.ts";
import { type RetrievedChunk, searchChunks } from "../retrieve/search-chunks.ts";
import { bigrams, gramWeights, overlap, weightedOverlap } from "./sentences.ts";
import { splitSentences } from "../text/sentences.ts";
import type { AnswerQuery } from "./types.ts";

/** A retrieved chunk with the part of it worth quoting. */
export interface Passage {
  chunk: RetrievedChunk;
  /** The chunk trimmed to its most relevant sentences, in their original order. */
  quote: string;
  relevance: number;
}

const STOP = /(请问|请|园区|开发区|工作|方面|哪些|什么|如何|怎样|怎么|情况|主要|有关|相关|一下|的|了|吗|呢|在|和|与|及|是|有|做|开展)/g;

/** The words of a question that carry its topic (for overlap scoring). */
export function topicGrams(query: AnswerQuery, question: string): Set<string> {
  const words = (query.topic || question).replace(STOP, " ");
  const grams = bigrams(words);
  return grams.size ? grams : bigrams(question);
}

/** Keep the most relevant sentences of a chunk, in order, within `maxChars`. */
export function trimPassage(text: string, grams: Set<string>, maxChars = 260): string {
  const clean = text.trim();
  if (clean.length <= maxChars) return clean;
  const sentences = splitSentences(clean).map((sentence, index) => ({ sentence, index, score: overlap(grams, sentence) }));
  const chosen = new Set<number>();
  let length = 0;
  for (const item of [...sentences].sort((a, b) => b.score - a.score || a.index - b.index)) {
    if (length + item.sentence.length > maxChars && chosen.size > 0) continue;
    chosen.add(item.index);
    length += item.sentence.length;
  }
  const kept = sentences.filter((item) => chosen.has(item.index));
  let quote = "";
  kept.forEach((item, position) => {
    const gap = position > 0 && kept[position - 1].index !== item.index - 1;
    quote += (gap ? "……" : "") + item.sentence.trim();
  });
  return quote.length > maxChars + 60 ? `${quote.slice(0, maxChars)}……` : quote;
}

/**
 * Hybrid retrieval for an open question, filters relaxed step by step (park + year + kind → park → none),
 * re-ranked by how many of the question's topic words a chunk (and its section path) contains.
 */
export async function retrievePassages(deps: Deps, query: AnswerQuery, question: string, count = 4): Promise<Passage[]> {
  const park = query.parks.length === 1 ? query.parks[0] : undefined;
  const year = query.years.length === 1 ? query.years[0] : undefined;
  const search = (query.topic.replace(/\s+/g, "").length >= 2 ? query.topic : question).slice(0, 200);
  const attempts = [
    { park, year, kind: query.kind },
    { park, year },
    { park },
    {},
  ].filter((attempt, index, all) => index === all.findIndex((other) => JSON.stringify(other) === JSON.stringify(attempt)));
  let chunks: RetrievedChunk[] = [];
  for (const attempt of attempts) {
    if (attempt.park === undefined && park !== undefined && chunks.length) break;
    chunks = await searchChunks(deps, { query: search, ...attempt, limit: 12 });
    if (chunks.length) break;
  }
  const grams = topicGrams(query, question);
  const weights = gramWeights(grams, chunks.map((chunk) => chunk.text));
  const scored = chunks.map((chunk, rank) => {
    const inPath = weightedOverlap(weights, chunk.sectionPath);
    const inText = weightedOverlap(weights, chunk.text);
    return { chunk, relevance: inText + 0.8 * inPath + 1 / (rank + 3) };
  });
  const best = scored.sort((a, b) => b.relevance - a.relevance);
  const relevant = best.filter((item, index) => index === 0 || item.relevance >= best[0].relevance * 0.5);
  // Without a park, each park's best passage competes at a lower bar: the question is about all of them.
  const top = park === undefined
    ? diversify(best.filter((item) => item.relevance >= best[0].relevance * 0.35), relevant.length, count)
    : relevant.slice(0, count);
  return top.map(({ chunk, relevance }) => ({ chunk, relevance, quote: trimPassage(chunk.text, grams) }));
}

/** Without a park named, let every park's best passage in before a second one of any park. */
function diversify<T extends { chunk: RetrievedChunk }>(ranked: T[], relevantCount: number, count: number): T[] {
  const firsts = ranked.filter((item, index) => ranked.findIndex((other) => other.chunk.park === item.chunk.park) === index);
  const rest = ranked.slice(0, relevantCount).filter((item) => !firsts.includes(item));
  return [...firsts, ...rest].slice(0, count);
}
