/**
 * The words a figure is stated with, as a question-matcher needs them: the clause before the figure
 * (全年实现营业收入86.33亿元 → 全年实现营业收入), then after ｜ the words that follow it up to the next ；。
 * (计划投入2000万元，完成污水处理厂提标升级工程), and for 分别 lists the item that belongs to this figure
 * (全口径财政收入、一般预算财政收入分别实现550.7亿元和95.8亿元 → 一般预算财政收入 for 95.8亿元).
 */
import type { ParsedFigure } from "../domain/fact-types.ts";

const CLAUSE_BREAK = /[，,；;。：:！？!?\n]/;
const LIST_SPLIT = /[、和及与]/;
const MAX_CONTEXT = 40;

/** Start of the clause holding `at`, after the last ，；。： before it, not before `floor`. */
function wideClauseStart(text: string, at: number, floor: number): number {
  let closed = 0;
  for (let i = at - 1; i >= floor; i--) {
    if (CLAUSE_BREAK.test(text[i])) return i + 1;
    // 规模以上企业50家(当年新增4家): inside an open bracket the bracket starts the clause.
    if (text[i] === ")" || text[i] === "）") closed++;
    else if (text[i] === "(" || text[i] === "（") {
      if (closed === 0) return i + 1;
      closed--;
    }
  }
  return floor;
}

/**
 * The context of `figure` within its sentence; `quantities` are the figures of the same sentence (in order),
 * used to tell which item of a 分别 list a figure takes.
 * @example factContext("全年实现营业收入86.33亿元，同比增长22%", 0, figure) // "全年实现营业收入"
 */
export function factContext(text: string, sentenceStart: number, figure: ParsedFigure, quantities: ParsedFigure[]): string {
  const start = wideClauseStart(text, figure.start, sentenceStart);
  let clause = text.slice(start, figure.start);
  const respectively = clause.lastIndexOf("分别");
  if (respectively >= 0) {
    const items = clause.slice(0, respectively).split(LIST_SPLIT).map((item) => item.trim()).filter(Boolean);
    const listStart = start + respectively;
    const order = quantities.filter((other) => other.start >= listStart && other.start <= figure.start && other.kind === figure.kind).length - 1;
    // 分别实现550.7亿元和95.8亿元: the n-th figure after 分别 belongs to the n-th item before it.
    if (items.length >= 2 && order >= 0 && order < items.length) clause = `${items[order]}${/^分别[^\d.]*/.exec(clause.slice(respectively))?.[0] ?? ""}`;
  } else if (clause.length === 0 || /^[和及与、]$/.test(clause.trim())) {
    // 实现利润11.6亿元和税金3亿元 reads fine; a bare 和 before a figure takes the clause before it.
    const previous = wideClauseStart(text, Math.max(start - 1, sentenceStart), sentenceStart);
    clause = text.slice(previous, figure.start);
  }
  const trimmed = clause.replace(/\s+/g, "");
  const before = trimmed.length > MAX_CONTEXT ? trimmed.slice(-MAX_CONTEXT) : trimmed;
  return `${before}${AFTER_MARK}${wordsAfter(text, figure)}`;
}

/** Separates the words before a figure from the words after it in a stored context. */
export const AFTER_MARK = "｜";

/** 计划投入2000万元，完成污水处理厂提标升级工程: what the figure is for may follow it, up to the next ；。 */
function wordsAfter(text: string, figure: ParsedFigure): string {
  const clauseEnd = (from: number, breaks: RegExp) => {
    let end = from;
    while (end < text.length && end - figure.end < 30 && !breaks.test(text[end])) end++;
    return end;
  };
  const own = clauseEnd(figure.end, /[，,；;。！？!?\n]/);
  // The next clause tells what the figure is for only when it states no figure of its own.
  const next = /[，,]/.test(text[own] ?? "") ? clauseEnd(own + 1, /[，,；;。！？!?\n]/) : own;
  const after = /\d/.test(text.slice(own, next)) ? text.slice(figure.end, own) : text.slice(figure.end, next);
  const digit = after.search(/\d/);
  return (digit >= 0 ? after.slice(0, digit) : after).replace(/\s+/g, "").replace(/^[，,、]/, "");
}

/** The words before the figure in a stored context. */
export function contextBefore(context: string | undefined): string {
  return (context ?? "").split(AFTER_MARK)[0];
}
