/**
 * The 数据来源 line under an answer for readers who see only its text (bots, plain OpenAI clients): the documents
 * and the statistics import its citations name, with the years of the figures used when a title names none.
 */
import type { AnswerResult } from "./types.ts";

const MAX_SOURCES = 3;

/** Distinct source names of an answer, in citation order: 《title》 for a document, its title (统计数据导入) otherwise. */
export function sourceNames(result: Pick<AnswerResult, "citations" | "facts">): string[] {
  const names: string[] = [];
  for (const citation of result.citations) {
    const base = citation.document_id ? `《${citation.title}》` : citation.title || "统计数据";
    const years = [...new Set(result.facts
      .filter((fact) => fact.source.document_id === citation.document_id)
      .map((fact) => Number(fact.period.slice(0, 4)))
      .filter((year) => year > 0))].sort((a, b) => a - b);
    const name = years.length && !years.some((year) => base.includes(String(year))) ? `${base}（${years.join("、")}）` : base;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/**
 * `数据来源：《A》；《B》；统计数据导入（2022） 等5项`, or "" when the answer cites nothing.
 * @example sourcesLine(result) // "数据来源：《示范园区2023年工作总结》"
 */
export function sourcesLine(result: Pick<AnswerResult, "citations" | "facts">): string {
  const names = sourceNames(result);
  if (!names.length) return "";
  return `数据来源：${names.slice(0, MAX_SOURCES).join("；")}${names.length > MAX_SOURCES ? ` 等${names.length}项` : ""}`;
}
