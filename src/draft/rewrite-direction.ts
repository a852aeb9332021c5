/**
 * Direction-word rewriting for roll-forward: the figures that state a change against something else —
 * 同比, 增量, 占比, 目标完成率, 比目标多, 排名前移 — recomputed from this year's facts, with the words that
 * give their direction (增长 / 下降, 前移 / 后退, 仅完成 / 超额完成) made to fit the new figures.
 */
import type { FigureMention } from "../facts/analyze-figures.ts";
import type { Fact } from "../domain/fact-types.ts";
import { formatDecimal, growthPercent, roundedPercent, sharePercent } from "../domain/figure-math.ts";
import { formatPercent, missing, verbFor } from "./format-number.ts";
import { counterpart, shiftPeriod } from "./match-fact.ts";
import type { ChosenFigure, RollContext } from "./roll-context.ts";

const GROWTH_VERB = /(增长|增加|提高|上升|上涨|下降|减少|降低|回落|下滑|下跌|缩减)(了|为|达到?)?$/;
const DELTA_VERB = /(净增|净减|增加|减少|增长|下降|多|少)(了)?$/;
const RANK_MOVE = /(较上年|比上年|较去年|比去年)?(前移|上升|提升|前进|后移|下降|后退|下滑)(了)?$/;
const TARGET_DIFFERENCE = /比(年度|全年)?(目标|计划)(任务)?(多|高出|超出|超|少|低)(了)?$/;
const TARGET_RATIO = /(完成|达到)(了)?(年度|全年)?(目标|计划)(任务)?[^，。；]{0,14}的$/;
/** The verb before a completion rate, which says whether the target was met (仅完成 / 超额完成). */
const RATIO_VERB = /(仅|超额|未能|未|基本|圆满)?(完成|达到)(了)?(年度|全年)?(目标|计划)(任务)?[^，。；]{0,14}的$/;
/**
 * Clauses that judge last year's situation against the year before (扭转了上年下降局面, 企稳回升): true of
 * the new year only when the indicator fell the year before and grows now.
 */
const TURNAROUND = /^，?(扭转了?[^，。；]{0,8}(下降|下滑|负增长)[^，。；]{0,4}(局面|态势|趋势)|实现(企稳回升|止跌回升|由降转升)|止跌回升|企稳回升|由降转升)/;

/**
 * A figure against the year's target, recomputed from the new actual and plan: 完成年度目标的105.3%
 * (仅完成 / 超额完成 follow the new ratio), and 比年度目标多0.23亿元, which becomes the completion rate.
 * `before` is the text just before the figure in its sentence. False for any other figure.
 */
export function rewriteTargetFigure(context: RollContext, mention: FigureMention, before: string, parentValue: ChosenFigure | undefined): boolean {
  const { text, facts, toYear, edits, record } = context;
  const { figure } = mention;
  if (!parentValue) return false;
  // 完成年度目标的105.3%: actual over plan.
  const ratioBefore = text.slice(Math.max(mention.sentence.start, figure.start - 24), figure.start);
  if (figure.kind === "percent" && TARGET_RATIO.test(ratioBefore)) {
    const { fact } = parentValue;
    const plan = fact ? facts.plan(fact.indicatorKey, Number(fact.period.slice(0, 4)), fact.scope) : null;
    const label = `${parentValue.meaning.label}目标完成率`;
    if (fact && plan && plan.valueBase !== 0) {
      const value = roundedPercent(sharePercent(fact.valueBase, plan.valueBase)) ?? 0;
      const verb = RATIO_VERB.exec(ratioBefore);
      if (verb?.[1]) {
        const verbStart = figure.start - verb[0].length;
        const fitting = value >= 100 ? (/^(超额|圆满)$/.test(verb[1]) ? verb[1] : "") : (/^(仅|未|未能|基本)$/.test(verb[1]) ? verb[1] : "");
        if (fitting !== verb[1]) edits.push({ start: verbStart, end: verbStart + verb[1].length, text: fitting });
      }
      record(mention, { start: figure.start, end: figure.end, text: `${formatPercent(value)}%` }, "updated", fact.indicatorKey, label, plan.id);
    } else {
      // The ratio is unknown: so is whether the target was met (仅完成 / 超额完成 go).
      const verb = RATIO_VERB.exec(ratioBefore);
      if (verb?.[1]) edits.push({ start: figure.start - verb[0].length, end: figure.start - verb[0].length + verb[1].length, text: "" });
      record(mention, { start: figure.start, end: figure.end, text: missing(label, toYear) }, "missing", parentValue.meaning.key, label);
    }
    return true;
  }
  // 比年度目标多0.23亿元: actual minus plan.
  const overTarget = TARGET_DIFFERENCE.exec(before);
  if (!(overTarget && figure.kind === "quantity")) return false;
  const { fact } = parentValue;
  const plan = fact ? facts.plan(fact.indicatorKey, Number(fact.period.slice(0, 4)), fact.scope) : null;
  const label = `${parentValue.meaning.label}超目标量`;
  if (fact && plan && plan.baseUnit === fact.baseUnit && plan.valueBase !== 0) {
    // 比年度目标多0.03亿元 becomes 完成年度目标的101.1%: the form the genre (and the verifier) reads
    // as the target's completion, computed from the two stored figures.
    const phraseStart = figure.start - overTarget[0].length;
    const ratio = formatPercent(roundedPercent(sharePercent(fact.valueBase, plan.valueBase)) ?? 0);
    record(mention, { start: phraseStart, end: figure.end, text: `完成年度目标的${ratio}%` }, "updated", fact.indicatorKey, `${parentValue.meaning.label}目标完成率`, plan.id);
  } else {
    record(mention, { start: figure.start, end: figure.end, text: missing(label, toYear) }, "missing", parentValue.meaning.key, label);
  }
  return true;
}

/**
 * 较上年前移3位: the rank's move, recomputed from the two years' ranks (`before` as for
 * `rewriteTargetFigure`). False when the figure is no rank move.
 */
export function rewriteRankMove(context: RollContext, mention: FigureMention, before: string, parentValue: ChosenFigure | undefined): boolean {
  const { all, toYear, record } = context;
  const { figure } = mention;
  const move = RANK_MOVE.exec(before);
  if (!(move && /^(位|名)$/.test(figure.unit) && parentValue?.meaning.key === "rank")) return false;
  const current = parentValue.fact;
  const previous = current ? counterpart(all, current, shiftPeriod(current.period, -1)) : null;
  const verbStart = figure.start - move[0].length + (move[1]?.length ?? 0);
  if (current && previous) {
    const delta = previous.value - current.value;
    const phrase = delta === 0 ? "持平" : `${delta > 0 ? "前移" : "后退"}${Math.abs(delta)}${figure.unit}`;
    record(mention, { start: verbStart, end: figure.end, text: phrase }, "updated", "rank", "排名变化", current.id);
  } else {
    record(mention, { start: verbStart, end: figure.end, text: missing("排名变化", toYear) }, "missing", "rank", "排名变化");
  }
  return true;
}

/**
 * A 同比, 增量, 占比 or percentage-point change of the value it refers to, recomputed for the new value
 * (its direction word following the new sign), else a 【待补充】. False for a figure of another role.
 */
export function rewriteDerived(context: RollContext, mention: FigureMention): boolean {
  const { text, all, toYear, edits, chosen, record } = context;
  const { figure } = mention;
  if (!(mention.role === "yoy" || mention.role === "delta" || mention.role === "share" || mention.role === "pp_change")) return false;
  const parent = mention.parent !== undefined ? chosen.get(mention.parent) : undefined;
  const label = parent?.meaning.label ?? mention.label;
  if (mention.role === "yoy" && parent?.fact) {
    const yoy = yoyOf(all, parent.fact);
    if (yoy) {
      const verb = GROWTH_VERB.exec(text.slice(mention.sentence.start, figure.start));
      const start = verb ? figure.start - verb[0].length : figure.start;
      const verbText = verb ? verbFor(verb[1], yoy.pct) + (verb[2] ?? "") : yoy.pct < 0 ? "下降" : "";
      record(mention, { start, end: figure.end, text: `${verbText}${formatPercent(yoy.pct, yoy.decimals)}%` }, "updated", parent.fact.indicatorKey, `${label}同比`, parent.fact.id);
      const turnaround = TURNAROUND.exec(text.slice(figure.end, mention.sentence.end));
      if (turnaround) {
        const before = counterpart(all, parent.fact, shiftPeriod(parent.fact.period, -1));
        const previousYoy = before ? yoyOf(all, before) : null;
        // Kept only when the new figures bear it out: a fall the year before, growth now.
        if (!(previousYoy && previousYoy.pct < 0 && yoy.pct > 0)) {
          edits.push({ start: figure.end, end: figure.end + turnaround[0].length, text: "" });
        }
      }
      return true;
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
      return true;
    }
  }
  if (mention.role === "share" && parent?.fact && parent.meaning.subItem) {
    const total = headlineOf(all, parent.fact);
    if (total && total.valueBase !== 0) {
      const share = formatPercent(roundedPercent(sharePercent(parent.fact.valueBase, total.valueBase)) ?? 0);
      record(mention, { start: figure.start, end: figure.end, text: `${share}%` }, "updated", parent.fact.indicatorKey, `${label}占比`, parent.fact.id);
      return true;
    }
  }
  const suffix = { yoy: "同比增速", delta: "增量", share: "占比", pp_change: "变化", value: "", rank: "", threshold: "" }[mention.role];
  const subScope = mention.scope.replace(/^其中[：:，,]?/, "");
  const named = mention.role === "share" && mention.scope.startsWith("其中") && subScope ? subScope : label.replace(new RegExp(`${suffix}$`), "");
  const verb = mention.role === "yoy" ? GROWTH_VERB.exec(text.slice(mention.sentence.start, figure.start)) : null;
  const start = verb ? figure.start - verb[0].length : figure.start;
  record(mention, { start, end: figure.end, text: missing(`${named}${suffix}`, toYear) }, "missing", parent?.meaning.key ?? mention.indicatorKey, `${named}${suffix}`);
  return true;
}

/** 同比 of a fact: its stored yoy, else computed from the year before (same 口径). */
export function yoyOf(all: readonly Fact[], fact: Fact): { pct: number; decimals: number } | null {
  if (fact.yoyPct !== null) {
    const decimals = String(fact.yoyPct).split(".")[1]?.length ?? 0;
    return { pct: fact.yoyPct, decimals };
  }
  const previous = counterpart(all, fact, shiftPeriod(fact.period, -1));
  if (!previous) return null;
  const pct = roundedPercent(growthPercent(fact.valueBase, previous.valueBase));
  return pct === null ? null : { pct, decimals: 1 };
}

/** The headline total a sub-group's share is taken of. */
function headlineOf(all: readonly Fact[], fact: Fact): Fact | null {
  return all.find((other) => other.indicatorKey === fact.indicatorKey && other.period === fact.period && other.status === fact.status
    && other.id !== fact.id && /^(园区|规上企业|全园区)$/.test(other.scope)) ?? null;
}
