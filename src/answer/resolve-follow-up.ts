import type { ParsedQuestion } from "./parse-question.ts";
import type { AnswerQuery } from "./types.ts";

/** Whether a parsed question should be completed from the previous turn's query. */
export function isFollowUp(parsed: ParsedQuestion, previous: AnswerQuery | null): previous is AnswerQuery {
  if (!previous) return false;
  const { query, signals } = parsed;
  if (signals.compareWithPrevious || signals.refersToEarlier) return true;
  const missesSomething = query.indicators.length === 0 || query.years.length === 0 || query.parks.length === 0;
  if (signals.followUpCue && missesSomething) return true;
  // "2019年的" / "石岭的" : no indicator and no topic words of its own.
  return query.indicators.length === 0 && query.unknownLabels.every((label) => label.length === 0) && query.topic.replace(/[那么呢的和与跟比吗]/g, "").trim().length === 0;
}

/**
 * Complete a follow-up ("那2019年呢？", "利润呢？", "和去年比呢？", "石岭呢？", "这两项分别增长了多少？") with the
 * previous turns' queries (oldest first): what the new question states wins, the rest is inherited.
 * @example resolveFollowUp(parse("那2019年呢？"), [{ intent: "value", years: [2020], indicators: ["profit"], … }])
 * // → { intent: "value", years: [2019], indicators: ["profit"], … followUp: true }
 */
export function resolveFollowUp(parsed: ParsedQuestion, history: AnswerQuery[]): AnswerQuery {
  const previous = history[history.length - 1];
  const { query, signals } = parsed;
  let inheritedIndicators = query.indicators.length === 0;
  let indicators = inheritedIndicators ? previous.indicators : query.indicators;
  if (signals.refersToEarlier) {
    // "这两项": the indicators of the last turns together, most recent last.
    const earlier = history.slice(-3).flatMap((turn) => turn.indicators);
    indicators = [...new Set(earlier)];
    inheritedIndicators = true;
  }
  const parks = query.parks.length ? query.parks : previous.parks;
  let years = query.years.length && !signals.compareWithPrevious ? query.years : previous.years;
  let intent = query.intent;
  if (signals.compareWithPrevious && previous.years.length) {
    const base = Math.max(...previous.years);
    years = [base - 1, base];
    intent = "compare";
  } else if (!signals.explicitIntent) {
    intent = previous.intent === "open" && query.indicators.length ? "value" : previous.intent;
    // "那2019年呢？" after a trend or a comparison of years asks for that one year.
    if ((intent === "trend" || intent === "compare" || intent === "growth") && query.years.length === 1 && parks.length <= 1) intent = "value";
    if (intent === "open" && query.indicators.length === 0 && previous.intent !== "open") intent = previous.intent;
  } else if (intent === "trend" && query.years.length === 0 && previous.years.length === 1) {
    // "同比变化多少？" keeps the previous turn's year: a change of one year, not a trend.
    intent = "growth";
  }
  return {
    intent,
    parks,
    allParks: query.parks.length ? query.allParks : previous.allParks,
    unknownPark: query.unknownPark,
    years,
    recent: query.years.length ? query.recent : previous.recent,
    periodSuffix: query.periodSuffix ?? (query.years.length ? undefined : previous.periodSuffix),
    indicators,
    unknownLabels: inheritedIndicators ? previous.unknownLabels : query.unknownLabels,
    scope: inheritedIndicators ? previous.scope : query.scope,
    status: query.status === "plan" ? "plan" : signals.explicitIntent ? query.status : previous.status,
    measure: query.measure,
    average: query.average,
    order: query.order ?? previous.order,
    topic: intent === "open" && inheritedIndicators ? previous.topic : [previous.topic, query.topic].filter(Boolean).join(" "),
    kind: query.kind ?? previous.kind,
    followUp: true,
  };
}
