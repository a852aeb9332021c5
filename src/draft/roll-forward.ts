/**
 * Roll-forward: last year's section, this year's figures. Every figure of the old text is read in its
 * sentence (indicator, 口径, role), and replaced by the same indicator's value for the new year from the
 * facts (statistics first); 同比, differences, shares and target ratios are recomputed by code; a figure
 * with no value on record becomes 【待补充：…】, so no stale number survives. Years move forward.
 */
import { analyzeFigures, type FigureMention } from "../facts/analyze-figures.ts";
import { applyEdits, type ChosenFigure, type FigureChange, type RollContext } from "./roll-context.ts";
import { dropMilestone, replaceValue } from "./replace-figure.ts";
import { rewriteDerived, rewriteRankMove, rewriteTargetFigure } from "./rewrite-direction.ts";
import { yearEdits } from "./shift-years.ts";
import type { YearFacts } from "./year-facts.ts";

export type { ChangeOutcome, FigureChange } from "./roll-context.ts";

export interface RollForwardInput {
  /** Last year's section text (body, heading excluded or included alike). */
  text: string;
  fromYear: number;
  toYear: number;
  facts: YearFacts;
  /** Section path for the reader (plan sections read as targets). */
  sectionPath?: string;
  /** Summary work sections report: a stray 目标 in a sentence does not make its figures targets. */
  reportsActuals: boolean;
  /**
   * Only a fact of the figure's own 口径 replaces it (problems and outlook sections, where 6个已签约项目
   * is not the year's count of new projects).
   */
  strictScopes?: boolean;
}

export interface RollForwardResult {
  text: string;
  changes: FigureChange[];
}

/**
 * Roll a section forward from `fromYear` to `toYear`.
 * @example rollForward({ text: "实现工业总产值281.7亿元，同比增长5%。", fromYear: 2020, toYear: 2021, facts, reportsActuals: true })
 * // → { text: "实现工业总产值326.5亿元，同比增长15.9%。", … }
 */
export function rollForward(input: RollForwardInput): RollForwardResult {
  const { fromYear, toYear, facts } = input;
  const text = splitPairs(input.text);
  const mentions = analyzeFigures(text, { year: fromYear, status: "actual", sectionPath: input.sectionPath });
  const context: RollContext = {
    text, fromYear, toYear, facts, all: facts.all(),
    reportsActuals: input.reportsActuals, strictScopes: input.strictScopes ?? false,
    edits: [], changes: [], chosen: new Map(), used: new Set(),
    record: (mention, edit, outcome, key, label, factId) => {
      context.edits.push(edit);
      context.changes.push({ from: text.slice(edit.start, edit.end), to: edit.text, start: edit.start, role: mention.role, indicatorKey: key, label, outcome, factId });
    },
  };

  mentions.forEach((mention, index) => {
    const { figure } = mention;
    const before = text.slice(Math.max(mention.sentence.start, figure.start - 16), figure.start);
    const after = text.slice(figure.end, Math.min(text.length, figure.end + 8));
    const parentValue = lastValueBefore(mentions, index, context.chosen);
    if (/^数/.test(after)) return;
    if (dropMilestone(context, mention)) return;
    if (mention.role === "threshold") return;
    if (rewriteTargetFigure(context, mention, before, parentValue)) return;
    if (rewriteRankMove(context, mention, before, parentValue)) return;
    if (rewriteDerived(context, mention)) return;
    replaceValue(context, mention, index, parentValue);
  });

  const { edits, changes } = context;
  edits.push(...yearEdits(text, fromYear, toYear - fromYear, edits));
  return { text: applyEdits(text, edits), changes };
}

/**
 * 「主营业务收入和利润分别为68.5亿元和4.41亿元，分别增长9.8%和8.6%」 → one clause an indicator
 * (「主营业务收入为68.5亿元，增长9.8%；利润为4.41亿元，增长8.6%」), so that each value keeps its own
 * 同比 and its own direction word when the new figures differ in sign.
 */
export function splitPairs(text: string): string {
  return text.replace(
    /([\u4e00-\u9fa5]{2,12})和([\u4e00-\u9fa5]{2,8})分别(为|是|达到|达|实现)([\d.]+[^\d，。；和、]{0,4})和([\d.]+[^\d，。；和、]{0,4})，(同比)?分别(增长|下降|增加|减少)([\d.]+%)和([\d.]+%)/g,
    (_match, first: string, second: string, verb: string, a: string, b: string, same: string | undefined, direction: string, yoyA: string, yoyB: string) =>
      `${first}${verb}${a}，${same ?? "同比"}${direction}${yoyA}；${second}${verb}${b}，${same ?? "同比"}${direction}${yoyB}`,
  );
}

/** The nearest value mention before `index` in the same sentence, with the fact chosen for it. */
function lastValueBefore(mentions: FigureMention[], index: number, chosen: Map<number, ChosenFigure>): ChosenFigure | undefined {
  for (let i = index - 1; i >= 0; i--) {
    if (mentions[i].sentence.start !== mentions[index].sentence.start) return undefined;
    const entry = chosen.get(i);
    if (entry && entry.meaning.known && entry.status !== "plan") return entry;
  }
  return undefined;
}
