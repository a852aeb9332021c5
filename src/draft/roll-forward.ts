/**
 * Roll-forward: last year's section, this year's figures. Every figure of the old text is read in its
 * sentence (indicator, 口径, role), and replaced by the same indicator's value for the new year from the
 * facts (statistics first); 同比, differences, shares and target ratios are recomputed by code; a figure
 * with no value on record becomes 【待补充：…】, so no stale number survives. Years move forward.
 */
import { analyzeFigures, type FigureMention } from "../facts/analyze-figures.ts";
import { indicatorByKey } from "../facts/indicators.ts";
import type { Fact, FactStatus } from "../facts/types.ts";
import { factScale as factScaleOf, formatDecimal, formatFact, formatPercent, growthPct, missing, roundTo, verbFor } from "./format-number.ts";
import { counterpart, pickFact, refineIndicator, shiftPeriod, type FigureMeaning } from "./match-fact.ts";
import type { YearFacts } from "./year-facts.ts";

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
}

export type ChangeOutcome = "updated" | "missing" | "kept";

export interface FigureChange {
  from: string;
  to: string;
  start: number;
  role: string;
  indicatorKey: string;
  label: string;
  outcome: ChangeOutcome;
  factId?: string;
}

export interface RollForwardResult {
  text: string;
  changes: FigureChange[];
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

const GROWTH_VERB = /(增长|增加|提高|上升|上涨|下降|减少|降低|回落|下滑|下跌|缩减)(了|为|达到?)?$/;
const DELTA_VERB = /(净增|净减|增加|减少|增长|下降|多|少)(了)?$/;
const RANK_MOVE = /(较上年|比上年|较去年|比去年)?(前移|上升|提升|前进|后移|下降|后退|下滑)(了)?$/;
const TARGET_DIFFERENCE = /比(年度|全年)?(目标|计划)(任务)?(多|高出|超出|超|少|低)(了)?$/;
const TARGET_RATIO = /(完成|达到)(了)?(年度|全年)?(目标|计划)(任务)?的$/;
const TARGET_VALUE_AFTER = /^的?(年度|全年)?(目标|计划)/;

/**
 * Roll a section forward from `fromYear` to `toYear`.
 * @example rollForward({ text: "实现工业总产值281.7亿元，同比增长5%。", fromYear: 2020, toYear: 2021, facts, reportsActuals: true })
 * // → { text: "实现工业总产值326.5亿元，同比增长15.9%。", … }
 */
export function rollForward(input: RollForwardInput): RollForwardResult {
  const { text, fromYear, toYear, facts } = input;
  const shift = toYear - fromYear;
  const all = facts.all();
  const mentions = analyzeFigures(text, { year: fromYear, status: "actual", sectionPath: input.sectionPath });
  const edits: Edit[] = [];
  const changes: FigureChange[] = [];
  /** The new-year fact chosen for each value mention (by index), for the yoy/delta/share that refer to it. */
  const chosen = new Map<number, { fact: Fact | null; meaning: FigureMeaning; status: FactStatus }>();
  const used = new Set<string>();

  const record = (mention: FigureMention, edit: Edit, outcome: ChangeOutcome, key: string, label: string, factId?: string) => {
    edits.push(edit);
    changes.push({ from: text.slice(edit.start, edit.end), to: edit.text, start: edit.start, role: mention.role, indicatorKey: key, label, outcome, factId });
  };

  mentions.forEach((mention, index) => {
    const { figure } = mention;
    const before = text.slice(Math.max(mention.sentence.start, figure.start - 16), figure.start);
    const after = text.slice(figure.end, Math.min(text.length, figure.end + 8));
    const parentValue = lastValueBefore(mentions, index, chosen);
    if (mention.role === "threshold" || /^数/.test(after)) return;

    // 完成年度目标的105.3%: actual over plan, recomputed.
    if (figure.kind === "percent" && TARGET_RATIO.test(before) && parentValue) {
      const { fact } = parentValue;
      const plan = fact ? facts.plan(fact.indicatorKey, Number(fact.period.slice(0, 4)), fact.scope) : null;
      const label = `${parentValue.meaning.label}目标完成率`;
      if (fact && plan && plan.valueBase !== 0) {
        const ratio = formatPercent(roundTo((fact.valueBase / plan.valueBase) * 100, 1));
        record(mention, { start: figure.start, end: figure.end, text: `${ratio}%` }, "updated", fact.indicatorKey, label, plan.id);
      } else {
        record(mention, { start: figure.start, end: figure.end, text: missing(label, toYear) }, "missing", parentValue.meaning.key, label);
      }
      return;
    }

    // 比年度目标多0.23亿元: actual minus plan.
    const overTarget = TARGET_DIFFERENCE.exec(before);
    if (overTarget && parentValue && figure.kind === "quantity") {
      const { fact } = parentValue;
      const plan = fact ? facts.plan(fact.indicatorKey, Number(fact.period.slice(0, 4)), fact.scope) : null;
      const label = `${parentValue.meaning.label}超目标量`;
      const verbStart = figure.start - (overTarget[4].length + (overTarget[5]?.length ?? 0));
      if (fact && plan && plan.baseUnit === fact.baseUnit) {
        const difference = (fact.valueBase - plan.valueBase) / figure.scale;
        const digits = formatDecimal(Math.abs(difference), Math.max(fact.decimals, plan.decimals) + Math.max(0, Math.round(Math.log10(figure.scale / factScaleOf(fact)))));
        record(mention, { start: verbStart, end: figure.end, text: `${difference >= 0 ? "多" : "少"}${digits}${figure.unit}` }, "updated", fact.indicatorKey, label, plan.id);
      } else {
        record(mention, { start: figure.start, end: figure.end, text: missing(label, toYear) }, "missing", parentValue.meaning.key, label);
      }
      return;
    }

    // 较上年前移3位: the rank's move, recomputed from the two years' ranks.
    const move = RANK_MOVE.exec(before);
    if (move && /^(位|名)$/.test(figure.unit) && parentValue?.meaning.key === "rank") {
      const current = parentValue.fact;
      const previous = current ? counterpart(all, current, shiftPeriod(current.period, -1)) : null;
      const verbStart = figure.start - move[0].length + (move[1]?.length ?? 0);
      if (current && previous) {
        const delta = previous.value - current.value;
        const phrase = delta === 0 ? "持平" : `${delta > 0 ? "前移" : "后移"}${Math.abs(delta)}${figure.unit}`;
        record(mention, { start: verbStart, end: figure.end, text: phrase }, "updated", "rank", "排名变化", current.id);
      } else {
        record(mention, { start: verbStart, end: figure.end, text: missing("排名变化", toYear) }, "missing", "rank", "排名变化");
      }
      return;
    }

    if (mention.role === "yoy" || mention.role === "delta" || mention.role === "share" || mention.role === "pp_change") {
      const parent = mention.parent !== undefined ? chosen.get(mention.parent) : undefined;
      const label = parent?.meaning.label ?? mention.label;
      if (mention.role === "yoy" && parent?.fact) {
        const yoy = yoyOf(all, parent.fact);
        if (yoy) {
          const verb = GROWTH_VERB.exec(text.slice(mention.sentence.start, figure.start));
          const start = verb ? figure.start - verb[0].length : figure.start;
          const verbText = verb ? verbFor(verb[1], yoy.pct) + (verb[2] ?? "") : yoy.pct < 0 ? "下降" : "";
          record(mention, { start, end: figure.end, text: `${verbText}${formatPercent(yoy.pct, yoy.decimals)}%` }, "updated", parent.fact.indicatorKey, `${label}同比`, parent.fact.id);
          return;
        }
      }
      if (mention.role === "delta" && parent?.fact) {
        const previous = counterpart(all, parent.fact, shiftPeriod(parent.fact.period, -1));
        if (previous) {
          const verb = DELTA_VERB.exec(text.slice(mention.sentence.start, figure.start));
          const start = verb ? figure.start - verb[0].length : figure.start;
          const difference = (parent.fact.valueBase - previous.valueBase) / figure.scale;
          const digits = formatDecimal(Math.abs(difference), Math.max(parent.fact.decimals, previous.decimals));
          const verbText = verb ? verbFor(verb[1], difference) : "";
          record(mention, { start, end: figure.end, text: `${verbText}${digits}${figure.unit}` }, "updated", parent.fact.indicatorKey, `${label}增量`, parent.fact.id);
          return;
        }
      }
      if (mention.role === "share" && parent?.fact && parent.meaning.subItem) {
        const total = headlineOf(all, parent.fact);
        if (total && total.valueBase !== 0) {
          const share = formatPercent(roundTo((parent.fact.valueBase / total.valueBase) * 100, 1));
          record(mention, { start: figure.start, end: figure.end, text: `${share}%` }, "updated", parent.fact.indicatorKey, `${label}占比`, parent.fact.id);
          return;
        }
      }
      const suffix = { yoy: "同比增速", delta: "增量", share: "占比", pp_change: "变化", value: "", rank: "", threshold: "" }[mention.role];
      const verb = mention.role === "yoy" ? GROWTH_VERB.exec(text.slice(mention.sentence.start, figure.start)) : null;
      const start = verb ? figure.start - verb[0].length : figure.start;
      record(mention, { start, end: figure.end, text: missing(`${label}${suffix}`, toYear) }, "missing", parent?.meaning.key ?? mention.indicatorKey, `${label}${suffix}`);
      return;
    }

    // A value (or a rank): the same indicator and 口径, one year on.
    const nounAfter = text.slice(figure.end, Math.min(mention.sentence.end, figure.end + 10));
    const refined = refineIndicator(mention.indicatorKey, mention.label, figure, nounAfter);
    const clause = text.slice(Math.max(mention.sentence.start, figure.start - 40), figure.start);
    const subItem = mention.scope.startsWith("其中") || /其中[^，。；]*$/.test(clause) || mention.namesScope === true;
    const meaning: FigureMeaning = {
      key: refined.key, known: refined.known, label: refined.label, scope: mention.scope,
      increment: mention.increment, subItem,
    };
    let status: FactStatus = mention.status;
    if (input.reportsActuals && status === "plan") status = "actual";
    const targetValue = TARGET_VALUE_AFTER.test(after);
    if (targetValue && parentValue) {
      meaning.key = parentValue.meaning.key;
      meaning.label = `${parentValue.meaning.label}年度目标`;
      meaning.scope = parentValue.fact?.scope ?? parentValue.meaning.scope;
      status = "plan";
    }
    const period = shiftPeriod(mention.period || String(fromYear), shift);
    let fact = pickFact(all, meaning, { period, status });
    if (fact && used.has(fact.id) && !targetValue) fact = null;
    chosen.set(index, { fact, meaning, status });
    const label = labelOf(meaning, status);
    if (!fact) {
      record(mention, { start: figure.start, end: figure.end, text: missing(label, Number(period.slice(0, 4)) || toYear) }, "missing", meaning.key, label);
      return;
    }
    if (!targetValue) used.add(fact.id);
    let written = formatFact(fact, fact.baseUnit === figure.baseUnit ? { unit: figure.unit, scale: figure.scale } : undefined);
    if (figure.kind === "rank" || /^第/.test(figure.text)) written = `第${formatDecimal(fact.value, fact.decimals)}${figure.unit || fact.unit}`;
    record(mention, { start: figure.start, end: figure.end, text: written }, "updated", fact.indicatorKey, label, fact.id);
  });

  edits.push(...yearEdits(text, fromYear, shift, edits));
  return { text: applyEdits(text, edits), changes };
}

/** The label a 【待补充】 names: the vocabulary's label when known, else the text's. */
function labelOf(meaning: FigureMeaning, status: FactStatus): string {
  const base = meaning.known ? meaning.label || indicatorByKey(meaning.key)?.label || meaning.key : meaning.label || "相关数据";
  return status === "plan" && !base.endsWith("目标") ? `${base}目标` : base;
}

/** The nearest value mention before `index` in the same sentence, with the fact chosen for it. */
function lastValueBefore(
  mentions: FigureMention[],
  index: number,
  chosen: Map<number, { fact: Fact | null; meaning: FigureMeaning; status: FactStatus }>,
) {
  for (let i = index - 1; i >= 0; i--) {
    if (mentions[i].sentence.start !== mentions[index].sentence.start) return undefined;
    const entry = chosen.get(i);
    if (entry && entry.meaning.known && entry.status !== "plan") return entry;
  }
  return undefined;
}

/** 同比 of a fact: its stored yoy, else computed from the year before (same 口径). */
export function yoyOf(all: readonly Fact[], fact: Fact): { pct: number; decimals: number } | null {
  if (fact.yoyPct !== null) {
    const decimals = String(fact.yoyPct).split(".")[1]?.length ?? 0;
    return { pct: fact.yoyPct, decimals };
  }
  const previous = counterpart(all, fact, shiftPeriod(fact.period, -1));
  if (!previous) return null;
  const pct = growthPct(fact.valueBase, previous.valueBase);
  return pct === null ? null : { pct, decimals: 1 };
}

/** The headline total a sub-group's share is taken of. */
function headlineOf(all: readonly Fact[], fact: Fact): Fact | null {
  return all.find((other) => other.indicatorKey === fact.indicatorKey && other.period === fact.period && other.status === fact.status
    && other.id !== fact.id && /^(园区|规上企业|全园区)$/.test(other.scope)) ?? null;
}

/** Years the text speaks of relative to its report year (上年, 本年, 下一年) move forward with it. */
function yearEdits(text: string, fromYear: number, shift: number, taken: Edit[]): Edit[] {
  const edits: Edit[] = [];
  for (const match of text.matchAll(/(?<!\d)((?:19|20)\d{2})(?=\s*(年|—|-|～|~|至))/g)) {
    const year = Number(match[1]);
    const start = match.index ?? 0;
    if (year < fromYear - 1 || year > fromYear + 1) continue;
    if (taken.some((edit) => start < edit.end && start + 4 > edit.start)) continue;
    edits.push({ start, end: start + 4, text: String(year + shift) });
  }
  return edits;
}

function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) continue;
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}
