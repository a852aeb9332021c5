/**
 * npm run eval:real — scores real park documents through the HTTP API, as `../shared/realdocs/README.md` says:
 * a fresh embedded database (the sample corpus loaded, as `npm start` does; `--empty` to skip it), each document
 * uploaded with `POST /api/documents`, then every question asked with `POST /api/ask` and every perturbed sentence
 * sent to `POST /api/verify`. Two modes: named (the uploader names the park HO01…) and inferred (no park at upload;
 * questions use the park the upload returned).
 * Prints: right and grounded, right in text, quoting the evidence, verify catch rate and false alarms, and the
 * figures with a unit that no stored fact covers.
 * Options: dir, mode named|inferred|both, verbose, empty. The command line is `scripts/eval-real.ts`.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { createApp } from "../../src/app.ts";
import { parseConfig } from "../../src/config.ts";
import { buildNodeDeps } from "../../src/node/build-deps.ts";
import { loadCorpus } from "../../src/node/load-corpus.ts";
import { normalizeText } from "../../src/text/normalize.ts";
import { uncoveredFigures } from "../../src/facts/figure-coverage.ts";
import { findFigures } from "../../src/text/parse-number.ts";
import { answerStates } from "./answer-states.ts";

const questionSchema = z.object({
  doc: z.string(),
  question: z.string(),
  answer_value: z.number(),
  unit: z.string(),
  yoy_pct: z.number().nullable(),
  period: z.string(),
  evidence: z.string(),
});
const perturbedSchema = z.object({
  doc: z.string(),
  sentence: z.string(),
  original: z.string().nullable(),
  changed: z.string().nullable(),
});
type Question = z.infer<typeof questionSchema>;

interface ApiFact { id: string; value: number; unit: string; quote?: string; source?: { quote?: string } }
interface AskResponse {
  answer: string;
  mode: string;
  facts: ApiFact[];
  citations: Array<{ quote: string }>;
}

async function readJsonl<T>(file: string, schema: z.ZodType<T>): Promise<T[]> {
  const lines = (await readFile(file, "utf8")).split("\n").filter((line) => line.trim());
  return lines.map((line, index) => {
    const parsed = schema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${path.basename(file)}:${index + 1}: ${parsed.error.issues[0].message}`);
    return parsed.data;
  });
}

/** A fact grounds the answer when it holds the expected value in the expected unit (or the same base amount). */
function grounds(fact: ApiFact, question: Question): boolean {
  if (fact.unit === question.unit) return Math.abs(fact.value - question.answer_value) < 1e-9;
  const [stored] = findFigures(`${fact.value}${fact.unit}`);
  const [expected] = findFigures(`${question.answer_value}${question.unit}`);
  return Boolean(stored && expected && stored.baseUnit === expected.baseUnit && Math.abs(stored.valueBase - expected.valueBase) < 1e-6 * Math.max(1, Math.abs(expected.valueBase)));
}

const squash = (text: string) => normalizeText(text).text.replace(/[\s,，。.;；、：:“”"'（）()]/g, "");

/** The year of a document's dated questions (the most frequent four-digit year), or undefined. */
function documentYear(questions: Question[]): number | undefined {
  const counts = new Map<number, number>();
  for (const question of questions) {
    const match = /^(\d{4})/.exec(question.period);
    if (match) counts.set(Number(match[1]), (counts.get(Number(match[1])) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

const pct = (part: number, whole: number) => (whole ? `${((part / whole) * 100).toFixed(1)}%` : "—");

async function runMode(mode: "named" | "inferred", dir: string, options: { verbose: boolean; empty: boolean }): Promise<void> {
  const deps = await buildNodeDeps(parseConfig({ ...process.env, LOG_LEVEL: "silent", DATABASE_URL: "", OPENAI_API_KEY: "", OPENAI_BASE_URL: "", API_TOKENS: undefined, RATE_LIMIT_PER_MINUTE: "0", RATE_LIMIT_PER_ADDRESS_PER_MINUTE: "0" }), { inMemory: true });
  if (!options.empty) await loadCorpus(deps);
  const app = createApp(deps);
  const post = async (route: string, body: unknown) => {
    const response = await app.request(route, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return { status: response.status, body: await response.json() as Record<string, unknown> };
  };

  const questions = await readJsonl(path.join(dir, "questions.jsonl"), questionSchema);
  const perturbed = await readJsonl(path.join(dir, "perturbed.jsonl"), perturbedSchema);
  const files = (await readdir(path.join(dir, "docs"))).filter((name) => name.endsWith(".txt")).sort();
  const parkOf = new Map<string, string | undefined>();
  const yearOf = new Map<string, number | undefined>();
  let missedFigures = 0;
  let totalFigures = 0;
  const missedLines: string[] = [];
  const uploadLines: string[] = [];
  for (const [index, file] of files.entries()) {
    const raw = await readFile(path.join(dir, "docs", file), "utf8");
    const newline = raw.indexOf("\n");
    const header = raw.slice(0, newline);
    const text = raw.slice(newline + 1);
    const title = header.split("|").slice(1).join("|").trim();
    const year = documentYear(questions.filter((question) => question.doc === file));
    const label = `HO${String(index + 1).padStart(2, "0")}`;
    const upload = await post("/api/documents", { text, title, year, ...(mode === "named" ? { park: label } : {}) });
    if (upload.status !== 201) throw new Error(`${file}: upload ${upload.status} ${JSON.stringify(upload.body)}`);
    const park = (upload.body.park as string | null) ?? undefined;
    parkOf.set(file, park);
    yearOf.set(file, year);
    uploadLines.push(`  ${file}: park=${park ?? "—"} year=${upload.body.year ?? "—"} facts=${upload.body.facts} warnings=${(upload.body.warnings as string[]).length}`);
    // Figures with a unit in the stored text that no fact's span covers.
    const stored = await (await app.request(`/api/documents/${upload.body.id}`)).json() as { text: string; facts: Array<{ span: { start: number; end: number } | null; yoy_pct: number | null; scope: string }> };
    totalFigures += findFigures(stored.text).length;
    const facts = stored.facts.map((fact) => ({ spanStart: fact.span?.start ?? null, spanEnd: fact.span?.end ?? null, yoyPct: fact.yoy_pct, scope: fact.scope }));
    for (const figure of uncoveredFigures(stored.text, facts)) {
      missedFigures++;
      missedLines.push(`  ${file} @${figure.start}: ${stored.text.slice(Math.max(0, figure.start - 12), figure.end + 4).replace(/\s+/g, " ")}`);
    }
  }

  let right = 0;
  let rightInText = 0;
  let quoting = 0;
  const failures: string[] = [];
  for (const question of questions) {
    const response = await post("/api/ask", { question: question.question, ...(parkOf.get(question.doc) ? { park: parkOf.get(question.doc) } : {}) });
    const answer = response.body as unknown as AskResponse;
    if (response.status !== 200) {
      failures.push(`✗ ${question.doc.slice(0, 2)} ${question.question}\n    HTTP ${response.status} ${JSON.stringify(response.body)}`);
      continue;
    }
    const statesValue = answerStates(answer.answer, { value: question.answer_value, unit: question.unit });
    const statesYoy = question.yoy_pct === null || answerStates(answer.answer, { value: Math.abs(question.yoy_pct), unit: "%" });
    const inText = statesValue && statesYoy;
    const grounded = answer.facts.some((fact) => grounds(fact, question));
    const evidence = squash(question.evidence);
    const quoted = answer.citations.some((citation) => squash(citation.quote).includes(evidence) || (evidence.length > 12 && evidence.includes(squash(citation.quote)) && squash(citation.quote).length > 12));
    if (inText) rightInText++;
    if (inText && grounded) right++;
    if (quoted) quoting++;
    if (!(inText && grounded)) {
      failures.push(`✗ ${question.doc.slice(0, 2)} ${question.question} → 期望 ${question.answer_value}${question.unit}${question.yoy_pct === null ? "" : ` / ${question.yoy_pct}%`}（${inText ? "文字对" : "文字错"}，${grounded ? "有依据" : "无依据"}）\n    回答（${answer.mode}）：${answer.answer.replace(/\n/g, " ").slice(0, 300)}`);
    }
  }

  let caught = 0;
  let changedTotal = 0;
  let falseAlarms = 0;
  let trueTotal = 0;
  const verifyLines: string[] = [];
  for (const row of perturbed) {
    const response = await post("/api/verify", { text: row.sentence, ...(parkOf.get(row.doc) ? { park: parkOf.get(row.doc) } : {}), ...(yearOf.get(row.doc) ? { year: yearOf.get(row.doc) } : {}) });
    const claims = (response.body.claims ?? []) as Array<{ text: string; status: string }>;
    const flagged = claims.some((claim) => claim.status === "mismatch" || claim.status === "unsupported");
    const describe = claims.map((claim) => `${claim.text}:${claim.status}`).join(" ");
    if (row.changed) {
      changedTotal++;
      if (flagged) caught++;
      else verifyLines.push(`  漏报 ${row.doc.slice(0, 2)} ${row.changed}｜${describe}`);
    } else {
      trueTotal++;
      if (flagged) {
        falseAlarms++;
        verifyLines.push(`  误报 ${row.doc.slice(0, 2)} ${row.sentence.slice(0, 60)}｜${describe}`);
      }
    }
  }
  await deps.db.close();

  console.log(`\n真实文档评测（${mode === "named" ? "上传时指定园区" : "园区由服务推断"}，${files.length} 篇，${questions.length} 题）`);
  console.log(`  正确且有依据：${pct(right, questions.length)}（${right}/${questions.length}）`);
  console.log(`  文字正确：${pct(rightInText, questions.length)}（${rightInText}/${questions.length}）`);
  console.log(`  引用了证据句：${pct(quoting, questions.length)}（${quoting}/${questions.length}）`);
  console.log(`  核验：改动的数字查出 ${caught}/${changedTotal}（${pct(caught, changedTotal)}），真句误报 ${falseAlarms}/${trueTotal}（${pct(falseAlarms, trueTotal)}）`);
  console.log(`  抽取：带单位的数字 ${totalFigures} 个，未成为事实 ${missedFigures} 个`);
  if (options.verbose) {
    console.log("  上传：");
    for (const line of uploadLines) console.log(line);
    if (missedLines.length) console.log("  未抽取的数字：\n" + missedLines.join("\n"));
    if (verifyLines.length) console.log("  核验问题：\n" + verifyLines.join("\n"));
    if (failures.length) console.log(`  未通过（${failures.length}）：\n` + failures.join("\n"));
  }
}

/** Scores the documents of `dir` in the modes asked for. */
export async function run(options: { dir: string; mode: "named" | "inferred" | "both"; verbose: boolean; empty: boolean }): Promise<void> {
  const modes = options.mode === "both" ? (["named", "inferred"] as const) : [options.mode];
  for (const mode of modes) await runMode(mode, options.dir, { verbose: options.verbose, empty: options.empty });
}
