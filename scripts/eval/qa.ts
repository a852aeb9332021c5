/**
 * npm run eval:qa — question answering over corpus/eval/qa.jsonl, offline, on a fresh in-memory PGlite
 * loaded with the sample corpus. Each question runs through `answerQuestion` (after its `history` turns, in
 * one conversation) and is scored by the same rules for every question:
 * - figure-type answers: every expected value appears among the figures of the answer (any formatting:
 *   352.9亿元 = 3529000万元; a negative rate may be written 下降5.6%; a rank 12位 as 第12位), and every
 *   expected keyword appears;
 * - refusals: mode is "refusal";
 * - open answers: every expected keyword appears.
 * Prints accuracy overall and by type, share with a source quoted, correct refusals, latency p50/p95.
 * Options: verbose (print every failure), only (question ids). The command line is `scripts/eval-qa.ts`.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { answerQuestion } from "../../src/answer/answer-question.ts";
import type { AnswerResult } from "../../src/answer/types.ts";
import { parseConfig } from "../../src/config.ts";
import { buildNodeDeps } from "../../src/node/build-deps.ts";
import { corpusRoot, loadCorpus } from "../../src/node/load-corpus.ts";
import { answerStates } from "./answer-states.ts";

const expectedValue = z.object({ value: z.number(), unit: z.string() });
const rowSchema = z.object({
  id: z.string(),
  question: z.string(),
  park: z.string().nullable().optional(),
  history: z.array(z.union([z.string(), z.object({ question: z.string() })])).default([]),
  type: z.string(),
  expect: z.object({
    values: z.array(expectedValue).default([]),
    contains: z.array(z.string()).default([]),
    refusal: z.boolean().default(false),
  }),
  note: z.string().optional(),
});
type Row = z.infer<typeof rowSchema>;

function isCorrect(row: Row, result: AnswerResult): boolean {
  const { expect } = row;
  if (expect.refusal) return result.mode === "refusal";
  if (result.mode === "refusal") return false;
  const values = expect.values.every((value) => answerStates(result.answer, value));
  const words = expect.contains.every((word) => result.answer.includes(word));
  return values && words;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const pct = (part: number, whole: number) => (whole ? `${((part / whole) * 100).toFixed(1)}%` : "—");

export async function run(options: { verbose: boolean; only?: string }): Promise<void> {
  const lines = (await readFile(path.join(corpusRoot, "eval/qa.jsonl"), "utf8")).split("\n").filter((line) => line.trim());
  let rows = lines.map((line, index) => {
    const parsed = rowSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`qa.jsonl 第${index + 1}行格式错误：${parsed.error.issues[0].message}`);
    return parsed.data;
  });
  if (options.only) rows = rows.filter((row) => options.only!.split(",").includes(row.id));
  const deps = await buildNodeDeps(parseConfig({ ...process.env, LOG_LEVEL: "silent", DATABASE_URL: "", OPENAI_API_KEY: "", OPENAI_BASE_URL: "" }), { inMemory: true });
  await loadCorpus(deps);

  const byType = new Map<string, { total: number; correct: number }>();
  const latencies: number[] = [];
  const figureLatencies: number[] = [];
  let correct = 0;
  let quoted = 0;
  let answered = 0;
  let refusalsExpected = 0;
  let refusalsCorrect = 0;
  let falseRefusals = 0;
  const claimTotals = { verified: 0, derived: 0, mismatch: 0, unsupported: 0 };
  const withMismatch: string[] = [];
  const failures: string[] = [];
  for (const row of rows) {
    let conversationId: string | undefined;
    for (const turn of row.history) {
      const prior = await answerQuestion(deps, { question: typeof turn === "string" ? turn : turn.question, park: row.park ?? undefined, conversationId, channel: "eval" });
      conversationId = prior.conversationId;
    }
    const started = performance.now();
    const result = await answerQuestion(deps, { question: row.question, park: row.park ?? undefined, conversationId, channel: "eval" });
    const ms = performance.now() - started;
    latencies.push(ms);
    if (result.mode === "figure") figureLatencies.push(ms);
    for (const key of Object.keys(claimTotals) as Array<keyof typeof claimTotals>) claimTotals[key] += result.verification.summary[key];
    if (result.verification.summary.mismatch > 0) {
      const claims = result.verification.claims.filter((claim) => claim.status === "mismatch").map((claim) => `${claim.text}（${claim.reason ?? ""}）`);
      withMismatch.push(`${row.id} ${result.answer.replace(/\n/g, " ").slice(0, 160)}\n      不符：${claims.join("；")}`);
    }
    // DUMP_ANSWERS=1 writes every answer with its verification summary to stderr, for diffing two runs.
    if (process.env.DUMP_ANSWERS) console.error(`${row.id}\t${JSON.stringify(result.verification.summary)}\t${result.answer.replace(/\n/g, " ")}`);
    const ok = isCorrect(row, result);
    if (ok) correct++;
    else failures.push(`✗ ${row.id} [${row.type}] ${row.question}\n    期望：${JSON.stringify(row.expect)}\n    回答（${result.mode}）：${result.answer.replace(/\n/g, " ").slice(0, 400)}`);
    const stats = byType.get(row.type) ?? { total: 0, correct: 0 };
    stats.total++;
    if (ok) stats.correct++;
    byType.set(row.type, stats);
    if (row.expect.refusal) {
      refusalsExpected++;
      if (result.mode === "refusal") refusalsCorrect++;
    } else if (result.mode === "refusal") falseRefusals++;
    if (result.mode !== "refusal") {
      answered++;
      if (result.citations.some((citation) => citation.quote.trim().length > 0)) quoted++;
    }
  }
  await deps.db.close();

  console.log(`问答评测（离线，${rows.length} 题）`);
  console.log(`  总体正确率：${pct(correct, rows.length)}（${correct}/${rows.length}）`);
  for (const [type, stats] of [...byType.entries()].sort()) console.log(`    ${type.padEnd(10)} ${pct(stats.correct, stats.total).padStart(6)}（${stats.correct}/${stats.total}）`);
  console.log(`  引用来源的回答占比：${pct(quoted, answered)}（${quoted}/${answered}，不含拒答）`);
  console.log(`  正确拒答：${refusalsCorrect}/${refusalsExpected}；误拒答：${falseRefusals}`);
  console.log(`  回答中数字的核验：一致 ${claimTotals.verified}，推算 ${claimTotals.derived}，无依据 ${claimTotals.unsupported}，不符 ${claimTotals.mismatch}（${withMismatch.length} 个回答含不符）`);
  console.log(`  耗时（服务端，answerQuestion）：p50 ${percentile(latencies, 50).toFixed(1)} ms，p95 ${percentile(latencies, 95).toFixed(1)} ms`);
  console.log(`  数字类回答耗时：p50 ${percentile(figureLatencies, 50).toFixed(1)} ms，p95 ${percentile(figureLatencies, 95).toFixed(1)} ms`);
  if (options.verbose && withMismatch.length) {
    console.log(`\n核验为“不符”的回答（${withMismatch.length}）：`);
    for (const line of withMismatch) console.log(`  ${line}`);
  }
  if (failures.length) {
    console.log(`\n未通过（${failures.length}）：`);
    for (const failure of options.verbose ? failures : failures.slice(0, 15)) console.log(failure);
    if (!options.verbose && failures.length > 15) console.log(`  ……另有 ${failures.length - 15} 题，用 --verbose 查看全部`);
  }
}
