/**
 * What a /v1 completion may send of its content under the client's `max_tokens` and `stop`: the same rule for a
 * whole answer and for a stream, where only the part no later text can take back is sent.
 */
import { sentenceSpans } from "../text/sentences.ts";

export type FinishReason = "stop" | "length";

/** The client's limits on the content: a token budget, and stop sequences. */
export interface ContentLimits {
  maxTokens?: number;
  stop?: string[];
}

/** Rough token count: one per CJK character, one per four other characters. */
export function estimateTokens(text: string): number {
  const cjk = text.match(/[\u3000-\u9fff\uff00-\uffef]/gu)?.length ?? 0;
  return cjk + Math.ceil((text.length - cjk) / 4);
}

/**
 * The longest prefix of `text` that ends at a clause end (。！？；， or a line break, never inside a number such as
 * 1,568 or 2。87) and holds at most `maxTokens`. Only ends that later text cannot move count, so the prefix of a
 * text still growing is a prefix of the final one; `complete` says the text ends there.
 */
function clausePrefix(text: string, maxTokens: number, complete: boolean): string {
  let best = 0;
  for (const span of sentenceSpans(text, { commas: true })) {
    if (span.end === text.length && !complete) break;
    if (estimateTokens(text.slice(0, span.end)) > maxTokens) break;
    best = span.end;
  }
  return text.slice(0, best).trimEnd();
}

/**
 * What of `content` may be sent, and why it ends when that is known. `final` says the content is complete;
 * before that the result holds back what a later stop sequence or clause end could still change, and the text of
 * successive calls only grows. `finish` is "length" once the budget cuts the content, "stop" when a stop sequence
 * or the end was reached, null while the stream goes on.
 * @example sendableContent("产值202.3亿元，同比增长12.5%。", { maxTokens: 10 }, true) // { text: "产值202.3亿元，", finish: "length" }
 */
export function sendableContent(content: string, limits: ContentLimits, final: boolean): { text: string; finish: FinishReason | null } {
  const stops = (limits.stop ?? []).filter((stop) => stop.length > 0);
  const at = Math.min(...stops.map((stop) => content.indexOf(stop)).filter((index) => index >= 0));
  const stopped = Number.isFinite(at);
  const text = stopped ? content.slice(0, at) : content;
  const complete = final || stopped;
  if (limits.maxTokens !== undefined && estimateTokens(text) > limits.maxTokens) {
    return { text: clausePrefix(text, limits.maxTokens, complete), finish: "length" };
  }
  if (complete) return { text, finish: "stop" };
  // A stop sequence may begin in the last characters received.
  const holdBack = Math.max(0, ...stops.map((stop) => stop.length - 1));
  const safe = text.slice(0, Math.max(0, text.length - holdBack));
  return { text: limits.maxTokens === undefined ? safe : clausePrefix(safe, limits.maxTokens, false), finish: null };
}
