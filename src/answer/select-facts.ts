import { INDICATORS } from "../domain/indicators.ts";
import type { Fact } from "../domain/fact-types.ts";
import { isSubScope, isWholeParkScope } from "./format-figure.ts";
import { bigrams, overlap } from "./sentences.ts";

/** What one figure slot of an answer needs: a park, a year (and sub-year period), an indicator. */
export interface FactSlot {
  park: string;
  year: number;
  key: string;
  periodSuffix?: string;
  status: "actual" | "plan";
  /** The question's own words, matched against stored sub-scopes (其中新能源汽车零部件产业). */
  topic: string;
  /** Prefer a sub-scope fact (shares) or insist on the whole park. */
  scope?: "sub" | "whole";
}

/** Core words of a stored scope: 其中10家有色金属加工企业 → 有色金属加工. */
export function scopeCore(scope: string): string {
  return scope
    .replace(/^其中[：:，,]?/, "")
    .replace(/^(?:\d+|[一二三四五六七八九十百]+)(?:家|个|户)/, "")
    .replace(/(?:企业|产业|行业|板块|领域)$/, "");
}

/** Whether the question's words name this sub-scope. */
export function topicNamesScope(topic: string, scope: string): boolean {
  if (isWholeParkScope(scope)) return false;
  const core = scopeCore(scope);
  if (core.length < 2) return false;
  if (topic.includes(core)) return true;
  // Shortened or reworded in the question (新能源汽车零部件产业 ↔ 新能源汽车, 年末总数 ↔ 年末高企总数).
  for (let start = 0; start + 4 <= core.length; start++) if (topic.includes(core.slice(start, start + 4))) return true;
  return core.length >= 3 && shareOfGrams(core, topic) >= 0.6;
}

function shareOfGrams(core: string, topic: string): number {
  const grams = bigrams(core);
  return grams.size ? overlap(grams, topic) : 0;
}



function scopeRank(fact: Fact, slot: FactSlot): number {
  const named = topicNamesScope(slot.topic, fact.scope);
  if (slot.scope === "sub") return named && isSubScope(fact.scope) ? 0 : named ? 1 : isSubScope(fact.scope) ? 2 : 3;
  if (named && slot.scope !== "whole") return 0;
  // 园区, 规上企业 and descriptive 口径 (年末总数, 新落户项目) all speak of the whole park; 其中… does not.
  return isSubScope(fact.scope) ? 3 : 1;
}

/** How well a fact's label and scope echo the question's words (tie-break between facts of one slot). */
function labelEcho(fact: Fact, topic: string): number {
  const grams = bigrams(topic);
  return overlap(grams, `${fact.scope}${fact.label}`) + 0.5 * overlap(grams, fact.quote);
}

/**
 * The authoritative fact for a slot, or null: the exact period only (a 上半年 figure never answers a
 * whole-year question), then the asked sub-scope or else the whole park, then imported statistics
 * over text, then confidence, then the first mention in its document.
 */
export function chooseFact(facts: Fact[], slot: FactSlot): Fact | null {
  const period = `${slot.year}${slot.periodSuffix ?? ""}`;
  const candidates = facts.filter(
    (fact) => fact.park === slot.park && fact.indicatorKey === slot.key && fact.period === period && statusMatches(fact, slot.status),
  );
  if (candidates.length === 0) return null;
  const ranked = [...candidates].sort(
    (a, b) =>
      scopeRank(a, slot) - scopeRank(b, slot) ||
      Number(b.origin === "stats") - Number(a.origin === "stats") ||
      (slot.status === "plan" ? targetScore(b) - targetScore(a) : 0) ||
      labelEcho(b, slot.topic) - labelEcho(a, slot.topic) ||
      b.confidence - a.confidence ||
      (a.spanStart ?? -1) - (b.spanStart ?? -1),
  );
  const best = ranked[0];
  if (slot.scope === "sub" && !(topicNamesScope(slot.topic, best.scope) && !isWholeParkScope(best.scope))) return null;
  if (slot.scope === "whole" && isSubScope(best.scope)) return null;
  return best;
}

/**
 * How much a plan figure looks like the year's formal target: stated in that year's 工作计划, with a clean
 * indicator label (not 推动…/巩固…), with a planned growth rate, stated exactly (突破/向…迈进 are aspirations).
 */
function targetScore(fact: Fact): number {
  let score = 0;
  const title = fact.documentTitle ?? "";
  if (title.includes(`${fact.year}年`) && /计划|要点|安排/.test(title)) score += 4;
  if (INDICATOR_LABELS.has(fact.label)) score += 2;
  if (fact.yoyPct !== null) score += 2;
  if (fact.qualifier === "exact") score += 1;
  return score;
}

const INDICATOR_LABELS = new Set(INDICATORS.flatMap((item) => [item.label, ...item.aliases]));

function statusMatches(fact: Fact, status: "actual" | "plan"): boolean {
  return status === "plan" ? fact.status === "plan" || fact.status === "forecast" : fact.status === "actual";
}

/**
 * A stated year-on-year rate for the chosen fact: its own, or that of another fact of the same slot and
 * scope class (a stats row without yoy and the summary's sentence with 同比增长8.1%).
 */
export function statedYoy(facts: Fact[], chosen: Fact): number | null {
  if (chosen.yoyPct !== null) return chosen.yoyPct;
  const same = facts.find(
    (fact) =>
      fact.park === chosen.park && fact.indicatorKey === chosen.indicatorKey && fact.period === chosen.period &&
      fact.status === chosen.status && fact.yoyPct !== null && fact.scope === chosen.scope &&
      Math.abs(fact.valueBase - chosen.valueBase) <= Math.abs(chosen.valueBase) * 0.005,
  );
  return same?.yoyPct ?? null;
}

/** Years that have a fact for this park and indicator (for trends without stated years and for refusals). */
export function yearsWith(facts: Fact[], park: string, key: string, status: "actual" | "plan", periodSuffix?: string): number[] {
  const years = facts
    .filter((fact) => fact.park === park && fact.indicatorKey === key && statusMatches(fact, status) && fact.period === `${fact.year}${periodSuffix ?? ""}`)
    .map((fact) => fact.year);
  return [...new Set(years)].sort((a, b) => a - b);
}
