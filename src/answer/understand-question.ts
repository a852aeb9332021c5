import { z } from "zod";
import { listedParks } from "../domain/park-names.ts";
import type { Deps } from "../deps.ts";
import { resolveIndicator } from "../domain/indicators.ts";
import { findIndicators } from "./find-indicators.ts";
import { type ParsedQuestion, parseQuestion } from "./parse-question.ts";
import { ANSWER_UNDERSTAND, fillPrompt } from "./prompts.ts";
import { isFollowUp, resolveFollowUp } from "./resolve-follow-up.ts";
import { type AnswerQuery, INTENTS } from "./types.ts";
import { parkAliases, resolveParkName } from "../domain/park-names.ts";
import type { Vocabulary } from "./vocabulary.ts";
import { toSimplified } from "../text/normalize.ts";

/** What the model returns for a question (structured output); mapped onto the same query as the offline parser. */
export const modelQuerySchema = z.object({
  intent: z.enum(INTENTS),
  parks: z.array(z.string()).describe("问题中提到的园区名称"),
  years: z.array(z.number().int().min(1900).max(2100)).describe("涉及的年份"),
  indicators: z.array(z.string()).describe("指标名称，照原文"),
  status: z.enum(["actual", "plan"]),
  follow_up: z.boolean(),
});
/** The model's structured reading of a question. */
export type ModelQuery = z.infer<typeof modelQuerySchema>;

/** What question understanding needs besides the question. */
export interface UnderstandContext {
  vocabulary: Vocabulary;
  /** Resolved queries of the conversation's earlier turns, oldest first. */
  history: AnswerQuery[];
  /** The caller's park (widget page, bot binding). */
  defaultPark?: string;
  signal?: AbortSignal;
}

/** A question read as documents are stored: simplified characters, half-width digits (江嶼２０２２年 → 江屿2022年). */
export function readableQuestion(question: string): string {
  return toSimplified(question.replace(/[０-９Ａ-Ｚａ-ｚ％．]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}

/** A park name as the user or the model wrote it → the stored park, or null. */
export function matchPark(name: string, vocabulary: Vocabulary): string | null {
  const text = name.trim();
  if (!text) return null;
  const resolved = resolveParkName(text, vocabulary);
  if (resolved) return resolved;
  for (const park of vocabulary.parks) if (parkAliases(park).some((alias) => alias.length >= 2 && (text.includes(alias) || alias.includes(text)))) return park;
  return null;
}

/** Map the model's structured output onto a query, resolving names through the same vocabulary. */
export function fromModelQuery(model: ModelQuery, offline: ParsedQuestion, vocabulary: Vocabulary): ParsedQuestion {
  const parks = model.parks.map((name) => matchPark(name, vocabulary)).filter((park): park is string => park !== null);
  const indicators = model.indicators
    .map((label) => findIndicators(label, vocabulary.indicators, true)[0]?.key ?? resolveIndicator(label)?.key ?? null)
    .filter((key): key is string => key !== null);
  const query: AnswerQuery = {
    ...offline.query,
    intent: model.intent,
    parks: parks.length ? [...new Set(parks)] : offline.query.parks,
    years: model.years.length ? [...new Set(model.years)] : offline.query.years,
    indicators: indicators.length ? [...new Set(indicators)] : offline.query.indicators,
    unknownLabels: indicators.length ? [] : model.indicators.length ? model.indicators : offline.query.unknownLabels,
    status: model.status,
  };
  return { query, signals: { ...offline.signals, followUpCue: offline.signals.followUpCue || model.follow_up, explicitIntent: true } };
}

async function askModel(deps: Deps, question: string, offline: ParsedQuestion, context: UnderstandContext): Promise<ParsedQuestion> {
  if (!deps.chat) return offline;
  try {
    const structured = deps.chat.withStructuredOutput(modelQuerySchema, { name: "park_query" });
    const system = fillPrompt(ANSWER_UNDERSTAND, {
      latestYear: String(context.vocabulary.latestYear ?? new Date().getFullYear()),
      parks: listedParks(context.vocabulary.parks).join("、") || "（无）",
      previous: context.history.length ? JSON.stringify(context.history[context.history.length - 1]) : "（无）",
    });
    const raw = await structured.invoke([{ role: "system", content: system }, { role: "user", content: question }], { signal: context.signal });
    const parsed = modelQuerySchema.safeParse(raw);
    if (!parsed.success) throw new Error(`结构化输出不符合约定：${parsed.error.issues[0]?.message}`);
    return fromModelQuery(parsed.data, offline, context.vocabulary);
  } catch (error) {
    if (context.signal?.aborted) throw error;
    deps.logger.warn("question understanding by model failed; using the offline parser", { error: (error as Error).message });
    return offline;
  }
}

/**
 * Question → query: the offline parser always, the model's structured output when a model is set (falling
 * back to the parser on any failure), then follow-up resolution against the previous turn and defaults
 * (the caller's park, the conversation's park, the only park on record).
 */
export async function understandQuestion(deps: Deps, question: string, context: UnderstandContext): Promise<{ query: AnswerQuery; source: "model" | "offline" }> {
  const offline = parseQuestion(question, context.vocabulary, { park: context.defaultPark });
  const parsed = deps.chat ? await askModel(deps, question, offline, context) : offline;
  const source = parsed === offline ? "offline" : "model";
  const previous = context.history[context.history.length - 1] ?? null;
  let query = isFollowUp(parsed, previous) ? resolveFollowUp(parsed, context.history) : parsed.query;
  if (query.parks.length === 0 && !query.unknownPark) {
    const fallback = context.defaultPark ? matchPark(context.defaultPark, context.vocabulary) : null;
    if (fallback) query = { ...query, parks: [fallback] };
    // The caller's park is not on record (明湖经济开发区): say so rather than answer for another park.
    else if (context.defaultPark && context.vocabulary.parks.length) query = { ...query, unknownPark: context.defaultPark };
    else if (previous?.parks.length) query = { ...query, parks: previous.parks };
    else if (context.vocabulary.parks.length === 1) query = { ...query, parks: [...context.vocabulary.parks] };
  }
  return { query, source };
}
