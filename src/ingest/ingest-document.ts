import { findDocumentBySha, getDocument, insertDocument, type DocumentSummary } from "../db/documents-repo.ts";
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { properParkNames } from "../domain/park-names.ts";
import { partialPeriodOf } from "../domain/periods.ts";
import { findDocumentConflicts, type DocumentConflict } from "./document-conflicts.ts";
import { uncoveredFigures } from "../facts/figure-coverage.ts";
import { extractFacts } from "../facts/extract-facts.ts";
import { hasForbiddenChars, stripForbiddenChars } from "../text/clean.ts";
import { normalizeTextPausing } from "../text/normalize.ts";
import { UNNAMED_PARK } from "../domain/park-names.ts";
import { searchTokens } from "../text/tokens.ts";
import { chunkDocument } from "./chunk.ts";
import { inferMeta } from "./infer-meta.ts";
import { loadFile, UnpackedTooLargeError, UnsupportedMediaError } from "./load-file.ts";
import { buildOutline } from "./outline.ts";
import type { DocumentKind } from "../domain/document-types.ts";

export interface IngestInput {
  text?: string;
  bytes?: Uint8Array;
  fileName?: string;
  title?: string;
  park?: string;
  year?: number;
  kind?: DocumentKind;
  source?: string;
}

export interface IngestResult {
  id: string;
  park: string;
  year: number | null;
  kind: DocumentKind;
  title: string;
  chunks: number;
  facts: number;
  warnings: string[];
  duplicate: boolean;
  /** Figures of this upload that contradict imported statistics (empty for a duplicate). */
  conflicts: DocumentConflict[];
}

/** sha256 hex via Web Crypto (Node 20 and Workers alike). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * The ingest verb: load → normalize → outline → chunks → tokens + embeddings → facts → one transaction.
 * Re-ingesting the same normalized text is a no-op that returns the existing id with `duplicate: true`.
 * Figures that contradict imported statistics are reported in `conflicts` and `warnings`; the document is stored anyway.
 * @example await ingestDocument(deps, { text: "明湖经济开发区2022年工作总结……", title: "2022年工作总结" })
 */
export async function ingestDocument(deps: Deps, input: IngestInput): Promise<IngestResult> {
  for (const [field, value] of Object.entries({ title: input.title, park: input.park, source: input.source, fileName: input.fileName })) {
    if (value !== undefined && hasForbiddenChars(value)) throw new AppError("bad_request", `字段 ${field} 含有控制字符或无效的 Unicode 字符`);
  }
  let raw = input.text;
  const warnings: string[] = [];
  if (raw === undefined) {
    if (!input.bytes) throw new AppError("bad_request", "需要 text 或 file");
    try {
      const loaded = await loadFile(input.fileName ?? "upload.txt", input.bytes);
      raw = loaded.text;
    } catch (error) {
      if (error instanceof UnsupportedMediaError) throw new AppError("unsupported_media", error.message);
      if (error instanceof UnpackedTooLargeError) throw new AppError("payload_too_large", error.message);
      throw new AppError("bad_request", `无法读取文件：${(error as Error).message}`, { cause: error });
    }
  }
  // NUL, other control characters and lone surrogates (a binary file's bytes, a broken export) cannot be stored.
  const cleaned = stripForbiddenChars(raw);
  raw = cleaned.text;
  if (cleaned.removed) warnings.push(`已去除控制字符或无效字符 ${cleaned.removed} 个`);
  const normalized = await normalizeTextPausing(raw, yieldToEventLoop);
  warnings.push(...normalized.warnings);
  const text = normalized.text;
  if (text.trim().length === 0) throw new AppError("bad_request", "文档清理后没有正文内容");

  const sha256 = await sha256Hex(text);
  const existing = await findDocumentBySha(deps.db, sha256);
  if (existing) return duplicateResult(existing);

  const meta = inferMeta({ title: input.title, text });
  const year = input.year ?? meta.year ?? null;
  const kind: DocumentKind = input.kind ?? meta.kind ?? "other";
  const title = input.title ?? meta.title;
  // A document that names no park still keeps its figures, under a name that says so.
  const park = input.park ?? meta.park ?? unnamedPark(title);
  if (!input.park && !meta.park) warnings.push(`未能识别园区名称，已记为“${park}”；请在上传时提供 park 字段`);
  if (year === null) warnings.push("未能识别年份：文中未注明年份的数字按“年份未注明”保存；请在上传时提供 year 字段");

  await yieldToEventLoop();
  const sections = buildOutline(text);
  await yieldToEventLoop();
  const chunks = chunkDocument(text, sections);
  await yieldToEventLoop();
  // Large documents are read in slices with a yield between them, so other requests are served meanwhile.
  const embeddings: number[][] = [];
  for (let start = 0; start < chunks.length; start += EMBED_BATCH) {
    const batch = chunks.slice(start, start + EMBED_BATCH);
    embeddings.push(...(await deps.embedder.embed(batch.map((chunk) => (chunk.sectionPath ? `${chunk.sectionPath}\n${chunk.text}` : chunk.text)))));
    await yieldToEventLoop();
  }

  const facts: Array<ReturnType<typeof extractFacts>[number] & { chunkOrd: number }> = [];
  for (const [index, chunk] of chunks.entries()) {
    if (index % EXTRACT_BATCH === EXTRACT_BATCH - 1) await yieldToEventLoop();
    facts.push(...extractFacts({
      text: chunk.text,
      offset: chunk.start,
      park,
      year: chunk.year ?? year ?? undefined,
      status: chunk.kind === "plan" ? "plan" : "actual",
      // 2023年上半年工作总结: its report sections speak of the half year, its plans of the whole.
      periodSuffix: chunk.kind !== "plan" && (chunk.year ?? year) === year ? partialPeriodOf(title) : undefined,
      sectionPath: chunk.sectionPath,
      exclude: normalized.mojibake,
    }).map((fact) => ({ ...fact, chunkOrd: chunk.ord })));
  }
  // A 400-digit "value" is a typo or a table scraped into one line, never a statistic: kept out, and said so.
  const absurd = facts.filter((fact) => !Number.isFinite(fact.valueBase) || Math.abs(fact.value) > MAX_ABS_VALUE);
  if (absurd.length) {
    warnings.push(`有 ${absurd.length} 个数字超出合理范围，未作为事实保存：${absurd.slice(0, 3).map((fact) => `${fact.label}${String(fact.value).slice(0, 20)}${fact.unit}`).join("、")}`);
    for (const fact of absurd) facts.splice(facts.indexOf(fact), 1);
  }
  // No figure is dropped silently: those no fact holds (outside mojibake) are named in the warnings.
  const missed = uncoveredFigures(text, facts).filter((figure) => !normalized.mojibake.some((range) => figure.start < range.end && figure.end > range.start));
  if (missed.length) warnings.push(`有 ${missed.length} 个数字未能抽取为事实：${missed.slice(0, 5).map((figure) => figure.text).join("、")}${missed.length > 5 ? "等" : ""}`);
  // The names the document uses for parks (its own, its sub-parks, an anonymised XX工业园区) lead questions to it.
  const aliases = properParkNames(`${title}\n${text}`, { placeholders: true }).filter((name) => name.name !== park);

  const stored = await insertDocument(deps.db, {
    park, year, kind, title, source: input.source ?? input.fileName ?? null,
    sha256, text, original: raw, offsetMap: normalized.map, warnings,
    chunks: chunks.map((chunk, index) => ({
      ...chunk,
      tokens: searchTokens(chunk.sectionPath ? `${chunk.sectionPath} ${chunk.text}` : chunk.text),
      embedding: embeddings[index],
    })),
    facts,
    aliases,
  });
  if (stored.duplicate) {
    // Lost a race with a concurrent upload of the same content: report the winner.
    const winner = await getDocument(deps.db, stored.id);
    if (winner) return duplicateResult(winner);
  }
  // Checked against the statistics as they are now, so these lines go to the response, not the stored warnings.
  const { conflicts, warnings: conflictWarnings } = await findDocumentConflicts(deps.db, facts);
  deps.logger.info("document ingested", { id: stored.id, duplicate: stored.duplicate, chunks: chunks.length, facts: facts.length, conflicts: conflicts.length });
  return {
    id: stored.id, park, year, kind, title, chunks: chunks.length, facts: facts.length, warnings: [...warnings, ...conflictWarnings],
    duplicate: stored.duplicate, conflicts,
  };
}

const EMBED_BATCH = 64;
/** The same bound the statistics import applies (the largest park figures are ~1e4 亿元). */
const MAX_ABS_VALUE = 1e15;
const EXTRACT_BATCH = 20;

/** Let the event loop run (other requests, timers) between slices of a long computation. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The park of a document that names none: 未命名园区（its title）. */
export function unnamedPark(title: string): string {
  const short = title.replace(/\s+/g, "").slice(0, 30);
  return short ? `${UNNAMED_PARK}（${short}）` : UNNAMED_PARK;
}

function duplicateResult(document: DocumentSummary): IngestResult {
  const { id, park, year, kind, title, chunks, facts, warnings } = document;
  return { id, park, year, kind, title, chunks, facts, warnings, duplicate: true, conflicts: [] };
}
