/**
 * npm run eval:facts — on corpus/eval/facts.jsonl (hand-labeled figures):
 *  1. extraction precision and recall, and accuracy by field;
 *  2. the checker's catch rate on sentences with one thing changed (value, scale 亿↔万, yoy, year, scope),
 *     generated automatically, and its false-alarm rate on the unchanged sentences;
 *  3. POST /api/verify latency for 2,000 characters on the embedded database.
 * `split` (a path fragment such as jiangyu) restricts the labels to matching documents. The command line is
 * `scripts/eval-facts.ts`.
 */
import { z } from "zod";
import { createApp } from "../../src/app.ts";
import { findFactsOfDocument } from "../../src/db/facts-repo.ts";
import type { Claim, Fact } from "../../src/domain/fact-types.ts";
import { INCREMENT_SCOPES } from "../../src/domain/lexicon.ts";
import { isIncrementFact, normalizeScope } from "../../src/verify/match-figure.ts";
import { verifyText } from "../../src/verify/verify-text.ts";
import { documentOf, loadEvalCorpus, locate, percentile, readJsonl, type CorpusDocument } from "./labels.ts";

const labelSchema = z.object({
  doc: z.string(), quote: z.string(), figure: z.string(), indicator: z.string(), label: z.string(), scope: z.string(),
  period: z.string(), status: z.enum(["actual", "plan", "forecast"]), value: z.number(), unit: z.string(),
  yoy_pct: z.number().nullable(), qualifier: z.string(), note: z.string().optional(),
});
type Label = z.infer<typeof labelSchema>;

interface Located {
  label: Label;
  document: CorpusDocument;
  quote: { start: number; end: number };
  figure: { start: number; end: number };
}

const ratio = (part: number, whole: number) => (whole === 0 ? "n/a" : (part / whole).toFixed(3));

function locateLabel(label: Label, document: CorpusDocument): Located | null {
  const quote = locate(document.text, label.quote);
  if (!quote) return null;
  const region = document.text.slice(quote.start, quote.end);
  const figureText = [label.figure, label.figure.replace(/,/g, "")].find((candidate) => region.includes(candidate));
  if (!figureText) return null;
  const start = quote.start + region.indexOf(figureText);
  return { label, document, quote, figure: { start, end: start + figureText.length } };
}

/**
 * The 口径 as the verifier compares it: a scope that only restates the indicator (a statistics table's
 * 融资平台 for a loan figure, 年末总数 for a count) is the park's own; a flow label (新增认定) must be read as
 * a flow, whatever words carry it.
 */
const scopeKey = (scope: string, indicatorKey: string) => normalizeScope(scope.replace(/^其中[：:]/, "其中"), indicatorKey);
const sameScope = (fact: Fact, label: Label) =>
  scopeKey(fact.scope, label.indicator) === scopeKey(label.scope, label.indicator) && (!INCREMENT_SCOPES.has(label.scope) || isIncrementFact(fact));

function fieldChecks(fact: Fact, label: Label): Record<string, boolean> {
  const key = fact.indicatorKey;
  const indicator =
    key === label.indicator ||
    (key.startsWith("label:") && label.indicator.startsWith("label:")) ||
    (label.unit === "%" && (key === `yoy:${label.indicator}` || key === `share:${label.indicator}`));
  return {
    value: Math.abs(fact.value - label.value) < 1e-9 && fact.unit === label.unit,
    indicator,
    period: fact.period === label.period,
    status: fact.status === label.status,
    scope: sameScope(fact, label),
    yoy: (fact.yoyPct ?? null) === (label.yoy_pct ?? null),
    qualifier: fact.qualifier === label.qualifier,
  };
}

export async function run({ split, verbose }: { split?: string; verbose: boolean }): Promise<void> {
  const { deps, documents } = await loadEvalCorpus();
  const labels = (await readJsonl("facts.jsonl", labelSchema)).filter((label) => !split || label.doc.includes(split));
  const located: Located[] = [];
  let unlocatable = 0;
  for (const label of labels) {
    const document = documentOf(documents, label.doc);
    const at = document ? locateLabel(label, document) : null;
    if (at) located.push(at);
    else {
      unlocatable++;
      if (verbose) console.warn(`! cannot locate ${label.doc}: ${label.quote}`);
    }
  }

  // 1. Extraction.
  const factsByDocument = new Map<string, Fact[]>();
  for (const document of new Set(located.map((entry) => entry.document))) factsByDocument.set(document.id, await findFactsOfDocument(deps.db, document.id));
  const overlaps = (fact: Fact, span: { start: number; end: number }) => fact.spanStart !== null && fact.spanEnd !== null && fact.spanStart < span.end && fact.spanEnd > span.start;
  const fieldTotals: Record<string, number> = {};
  let recalled = 0;
  for (const entry of located) {
    const candidates = (factsByDocument.get(entry.document.id) ?? []).filter((fact) => overlaps(fact, entry.figure));
    const fact = candidates.find((candidate) => fieldChecks(candidate, entry.label).value);
    if (!fact) {
      if (verbose) console.log(`  missed ${entry.label.figure} in 「${entry.label.quote}」 → ${candidates.map((c) => `${c.value}${c.unit}`).join(",") || "nothing"}`);
      continue;
    }
    recalled++;
    for (const [field, ok] of Object.entries(fieldChecks(fact, entry.label))) {
      fieldTotals[field] = (fieldTotals[field] ?? 0) + (ok ? 1 : 0);
      if (!ok && verbose && field !== "value") console.log(`  ${field}: ${entry.label.figure} 「${entry.label.quote}」 got ${JSON.stringify({ indicator: fact.indicatorKey, period: fact.period, status: fact.status, scope: fact.scope, yoy: fact.yoyPct, qualifier: fact.qualifier })} want ${JSON.stringify({ indicator: entry.label.indicator, period: entry.label.period, status: entry.label.status, scope: entry.label.scope, yoy: entry.label.yoy_pct, qualifier: entry.label.qualifier })}`);
    }
  }
  // Precision: every fact extracted inside a labeled quote should be one of its labeled figures.
  let inRegions = 0;
  let correct = 0;
  for (const [documentId, facts] of factsByDocument) {
    const entries = located.filter((entry) => entry.document.id === documentId);
    for (const fact of facts) {
      if (!entries.some((entry) => overlaps(fact, entry.quote))) continue;
      inRegions++;
      const match = entries.find((entry) => overlaps(fact, entry.figure) && fieldChecks(fact, entry.label).value);
      if (match) correct++;
      else if (verbose) console.log(`  spurious ${fact.value}${fact.unit} (${fact.indicatorKey}) in 「${fact.quote.slice(0, 50)}」`);
    }
  }
  console.log(`\n== extraction over ${located.length} labeled figures (${unlocatable} labels not locatable)${split ? ` [split: ${split}]` : ""}`);
  console.log(`figure precision ${ratio(correct, inRegions)} (${correct}/${inRegions})   figure recall ${ratio(recalled, located.length)} (${recalled}/${located.length})`);
  console.table(Object.fromEntries(Object.entries(fieldTotals).map(([field, ok]) => [field, { "accuracy on recalled": ratio(ok, recalled), correct: ok, of: recalled }])));

  // 2. Checker on one-change mutations of the labeled sentences.
  const checker = await evaluateChecker(deps, located.filter((entry) => entry.label.status === "actual"), verbose);
  console.log(`\n== checker on ${checker.sentences} unchanged sentences`);
  console.log(`false alarms ${ratio(checker.falseAlarms, checker.sentences)} (${checker.falseAlarms}/${checker.sentences})`);
  console.table(checker.byKind);
  const caught = Object.values(checker.byKind).reduce((sum, row) => sum + row.caught, 0);
  const total = Object.values(checker.byKind).reduce((sum, row) => sum + row.changed, 0);
  console.log(`catch rate overall ${ratio(caught, total)} (${caught}/${total})`);

  // 3. Latency of POST /api/verify, 2,000 characters.
  const app = createApp(deps);
  // 2,000 characters of one park's summaries, checked in the context of its latest year.
  const summaries = [...documents.values()].filter((document) => document.source.startsWith("jiangyu/") && document.source.endsWith("-summary.md")).sort((a, b) => (a.year ?? 0) - (b.year ?? 0));
  const jiangyu = summaries[summaries.length - 1];
  const text = summaries.map((document) => document.text.replace(/\s+/g, "")).join("").slice(0, 2000);
  const timings: number[] = [];
  for (let i = 0; i < 220; i++) {
    const started = performance.now();
    const response = await app.request("/api/verify", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text, park: jiangyu.park, year: jiangyu.year }) });
    await response.json();
    if (i >= 20) timings.push(performance.now() - started);
  }
  console.log(`\n== POST /api/verify, ${text.length} characters, 200 requests: p50 ${percentile(timings, 50).toFixed(1)} ms, p95 ${percentile(timings, 95).toFixed(1)} ms`);
  await deps.db.close();
}

type Mutation = { kind: string; text: string; at: { start: number; end: number } };

function sentenceAround(text: string, span: { start: number; end: number }): { start: number; end: number } {
  let start = span.start;
  while (start > 0 && !"。！？\n".includes(text[start - 1])) start--;
  let end = span.end;
  while (end < text.length && !"。！？\n".includes(text[end])) end++;
  return { start, end: Math.min(text.length, end + 1) };
}

function replaceAt(text: string, start: number, end: number, replacement: string): string {
  return text.slice(0, start) + replacement + text.slice(end);
}

/** One-change variants of a sentence whose labeled figure stands at `figure` (offsets within the sentence). */
function mutations(sentence: string, figure: { start: number; end: number }, label: Label): Mutation[] {
  const out: Mutation[] = [];
  const figureText = sentence.slice(figure.start, figure.end);
  const number = figureText.match(/\d+(?:\.\d+)?/);
  if (number && number.index !== undefined) {
    const decimals = (number[0].split(".")[1] ?? "").length;
    let changed = (Number(number[0]) * 1.13).toFixed(decimals);
    if (changed === number[0]) changed = (Number(number[0]) + 10 ** -decimals * 3).toFixed(decimals);
    const replaced = figureText.replace(number[0], changed);
    out.push({ kind: "value", text: replaceAt(sentence, figure.start, figure.end, replaced), at: { start: figure.start, end: figure.start + replaced.length } });
  }
  const scaleSwap = figureText.includes("亿") ? figureText.replace("亿", "万") : figureText.includes("万") ? figureText.replace("万", "亿") : null;
  if (scaleSwap) out.push({ kind: "scale 亿↔万", text: replaceAt(sentence, figure.start, figure.end, scaleSwap), at: { start: figure.start, end: figure.end } });
  if (label.yoy_pct !== null) {
    const after = sentence.slice(figure.end);
    const yoy = after.match(/(\d+(?:\.\d+)?)%/);
    if (yoy && yoy.index !== undefined && Math.abs(Number(yoy[1]) - Math.abs(label.yoy_pct)) < 1e-9) {
      const start = figure.end + yoy.index;
      const replaced = `${(Number(yoy[1]) + 1.3).toFixed((yoy[1].split(".")[1] ?? "").length || 1)}%`;
      out.push({ kind: "yoy", text: replaceAt(sentence, start, start + yoy[0].length, replaced), at: { start, end: start + replaced.length } });
    }
  }
  const year = Number(label.period.slice(0, 4));
  const yearMention = sentence.slice(0, figure.start).lastIndexOf(`${year}年`);
  if (yearMention >= 0) {
    out.push({ kind: "year", text: replaceAt(sentence, yearMention, yearMention + 5, `${year - 1}年`), at: figure });
  } else {
    const prefix = `${year - 1}年，`;
    out.push({ kind: "year", text: prefix + sentence, at: { start: figure.start + prefix.length, end: figure.end + prefix.length } });
  }
  if (label.scope.startsWith("其中")) {
    const core = label.scope.replace(/^其中[：:]?/, "");
    const where = sentence.slice(0, figure.start).lastIndexOf("其中");
    const coreAt = sentence.indexOf(core, where);
    if (where >= 0 && coreAt >= 0 && coreAt < figure.start) {
      const cut = coreAt + core.length - where;
      out.push({ kind: "scope", text: sentence.slice(0, where) + sentence.slice(where + cut), at: { start: figure.start - cut, end: figure.end - cut } });
    }
  }
  return out;
}

function claimAt(claims: Claim[], at: { start: number; end: number }): Claim | undefined {
  return claims.find((claim) => claim.start < at.end && claim.end > at.start);
}

async function evaluateChecker(deps: Awaited<ReturnType<typeof loadEvalCorpus>>["deps"], entries: Located[], verbose: boolean) {
  const lookup = { facts: { findFacts: (filter: Parameters<typeof import("../../src/db/facts-repo.ts").findFacts>[1]) => import("../../src/db/facts-repo.ts").then((m) => m.findFacts(deps.db, filter)) } };
  const byKind: Record<string, { changed: number; caught: number; rate: string }> = {};
  let sentences = 0;
  let falseAlarms = 0;
  for (const entry of entries) {
    const bounds = sentenceAround(entry.document.text, entry.figure);
    const sentence = entry.document.text.slice(bounds.start, bounds.end);
    const figure = { start: entry.figure.start - bounds.start, end: entry.figure.end - bounds.start };
    const context = { park: entry.document.park, year: Number(entry.label.period.slice(0, 4)) };
    const original = await verifyText(lookup, { text: sentence, ...context });
    sentences++;
    const claim = claimAt(original.claims, figure);
    if (!claim || claim.status === "mismatch" || claim.status === "unsupported") {
      falseAlarms++;
      if (verbose) console.log(`  alarm [${claim?.status ?? "no claim"}] ${entry.label.figure} 「${sentence.slice(0, 70)}」 ${claim?.reason ?? ""}`);
    }
    for (const mutation of mutations(sentence, figure, entry.label)) {
      const result = await verifyText(lookup, { text: mutation.text, ...context });
      const mutated = claimAt(result.claims, mutation.at);
      const wasCaught = mutated !== undefined && (mutated.status === "mismatch" || mutated.status === "unsupported");
      const row = (byKind[mutation.kind] ??= { changed: 0, caught: 0, rate: "" });
      row.changed++;
      if (wasCaught) row.caught++;
      else if (verbose) console.log(`  not caught [${mutation.kind}] ${mutated?.status ?? "no claim"} 「${mutation.text.slice(0, 80)}」`);
      row.rate = ratio(row.caught, row.changed);
    }
  }
  return { sentences, falseAlarms, byKind };
}

