/**
 * Roll-forward: last year's section, this year's figures. Every figure of the old text is read in its
 * sentence (indicator, 口径, role), and replaced by the same indicator's value for the new year from the
 * facts (statistics first); 同比, differences, shares and target ratios are recomputed by code; a figure
 * with no value on record becomes 【待补充：…】, so no stale number survives. Years move forward.
 */
import { analyzeFigures, type FigureMention } from "../facts/analyze-figures.ts";
import { indicatorByKey, resolveIndicator } from "../facts/indicators.ts";
import type { Fact, FactStatus } from "../facts/types.ts";
import { formatDecimal, formatFact, formatPercent, growthPct, missing, roundTo, valueIn, verbFor } from "./format-number.ts";
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
  /**
   * Only a fact of the figure's own 口径 replaces it (problems and outlook sections, where 6个已签约项目
   * is not the year's count of new projects).
   */
  strictScopes?: boolean;
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
const TARGET_RATIO = /(完成|达到)(了)?(年度|全年)?(目标|计划)(任务)?[^，。；]{0,14}的$/;
const TARGET_VALUE_AFTER = /^的?(年度|全年)?(目标|计划)/;
/** 完成年度目标77亿元的89.5%: the figure after 年度目标 is the target itself. */
const TARGET_VALUE_BEFORE = /(年度|全年)(目标|计划)(任务)?$/;
/** The verb before a completion rate, which says whether the target was met (仅完成 / 超额完成). */
const RATIO_VERB = /(仅|超额|未能|未|基本|圆满)?(完成|达到)(了)?(年度|全年)?(目标|计划)(任务)?[^，。；]{0,14}的$/;
/**
 * Clauses that judge last year's situation against the year before (扭转了上年下降局面, 企稳回升): true of
 * the new year only when the indicator fell the year before and grows now.
 */
const TURNAROUND = /^，?(扭转了?[^，。；]{0,8}(下降|下滑|负增长)[^，。；]{0,4}(局面|态势|趋势)|实现(企稳回升|止跌回升|由降转升)|止跌回升|企稳回升|由降转升)/;

/**
 * Roll a section forward from `fromYear` to `toYear`.
 * @example rollForward({ text: "实现工业总产值281.7亿元，同比增长5%。", fromYear: 2020, toYear: 2021, facts, reportsActuals: true })
 * // → { text: "实现工业总产值326.5亿元，同比增长15.9%。", … }
 */
export function rollForward(input: RollForwardInput): RollForwardResult {
  const { fromYear, toYear, facts } = input;
  const text = splitPairs(input.text);
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
    if (/^数/.test(after)) return;
    // 首次突破70亿元, 顺利进入全省前50位: a milestone of last year's figures, not a figure of the new year.
    // The qualifier may be part of the figure (突破70亿元).
    const milestone = MILESTONE.exec(text.slice(Math.max(mention.sentence.start, figure.start - 12), figure.start) + figure.text.replace(/[\d.].*$/, ""));
    if (milestone) {
      const clauseStart = Math.max(mention.sentence.start, text.lastIndexOf("，", figure.start));
      const clauseEnd = figure.end + (/^[^，。；]*/.exec(text.slice(figure.end))?.[0].length ?? 0);
      if (text[clauseStart] === "，") {
        edits.push({ start: clauseStart, end: clauseEnd, text: "" });
        changes.push({ from: text.slice(clauseStart, clauseEnd), to: "", start: clauseStart, role: mention.role, indicatorKey: mention.indicatorKey, label: "里程碑表述", outcome: "updated" });
        return;
      }
    }
    if (mention.role === "threshold") return;

    // 完成年度目标的105.3%: actual over plan, recomputed; 仅完成 / 超额完成 follow the new ratio.
    const ratioBefore = text.slice(Math.max(mention.sentence.start, figure.start - 24), figure.start);
    if (figure.kind === "percent" && TARGET_RATIO.test(ratioBefore) && parentValue) {
      const { fact } = parentValue;
      const plan = fact ? facts.plan(fact.indicatorKey, Number(fact.period.slice(0, 4)), fact.scope) : null;
      const label = `${parentValue.meaning.label}目标完成率`;
      if (fact && plan && plan.valueBase !== 0) {
        const value = roundTo((fact.valueBase / plan.valueBase) * 100, 1);
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
      return;
    }

    // 比年度目标多0.23亿元: actual minus plan.
    const overTarget = TARGET_DIFFERENCE.exec(before);
    if (overTarget && parentValue && figure.kind === "quantity") {
      const { fact } = parentValue;
      const plan = fact ? facts.plan(fact.indicatorKey, Number(fact.period.slice(0, 4)), fact.scope) : null;
      const label = `${parentValue.meaning.label}超目标量`;
      if (fact && plan && plan.baseUnit === fact.baseUnit && plan.valueBase !== 0) {
        // 比年度目标多0.03亿元 becomes 完成年度目标的101.1%: the form the genre (and the verifier) reads
        // as the target's completion, computed from the two stored figures.
        const phraseStart = figure.start - overTarget[0].length;
        const ratio = formatPercent(roundTo((fact.valueBase / plan.valueBase) * 100, 1));
        record(mention, { start: phraseStart, end: figure.end, text: `完成年度目标的${ratio}%` }, "updated", fact.indicatorKey, `${parentValue.meaning.label}目标完成率`, plan.id);
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
        const phrase = delta === 0 ? "持平" : `${delta > 0 ? "前移" : "后退"}${Math.abs(delta)}${figure.unit}`;
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
          const turnaround = TURNAROUND.exec(text.slice(figure.end, mention.sentence.end));
          if (turnaround) {
            const before = counterpart(all, parent.fact, shiftPeriod(parent.fact.period, -1));
            const previousYoy = before ? yoyOf(all, before) : null;
            // Kept only when the new figures bear it out: a fall the year before, growth now.
            if (!(previousYoy && previousYoy.pct < 0 && yoy.pct > 0)) {
              edits.push({ start: figure.end, end: figure.end + turnaround[0].length, text: "" });
            }
          }
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
      const subScope = mention.scope.replace(/^其中[：:，,]?/, "");
      const named = mention.role === "share" && mention.scope.startsWith("其中") && subScope ? subScope : label.replace(new RegExp(`${suffix}$`), "");
      const verb = mention.role === "yoy" ? GROWTH_VERB.exec(text.slice(mention.sentence.start, figure.start)) : null;
      const start = verb ? figure.start - verb[0].length : figure.start;
      record(mention, { start, end: figure.end, text: missing(`${named}${suffix}`, toYear) }, "missing", parent?.meaning.key ?? mention.indicatorKey, `${named}${suffix}`);
      return;
    }

    // A value (or a rank): the same indicator and 口径, one year on.
    const nounAfter = text.slice(figure.end, Math.min(mention.sentence.end, figure.end + 10));
    const refined = pairedIndicator(text, mention) ?? refineIndicator(mention.indicatorKey, mention.label, figure, nounAfter);
    const clause = text.slice(Math.max(mention.sentence.start, figure.start - 40), figure.start);
    const subItem = mention.scope.startsWith("其中") || /其中[^，。；]*$/.test(clause) || mention.namesScope === true;
    const meaning: FigureMeaning = {
      key: refined.key, known: refined.known, label: refined.label, scope: mention.scope,
      increment: mention.increment, subItem,
    };
    let status: FactStatus = mention.status;
    if (input.reportsActuals && status === "plan") status = "actual";
    const targetBefore = TARGET_VALUE_BEFORE.test(text.slice(mention.sentence.start, figure.start));
    if (targetBefore && /^的[\d.]+%/.test(after) && parentValue) {
      // 完成年度目标77亿元的89.5%: the rate says it; the target figure goes (完成年度目标的X%).
      record(mention, { start: figure.start, end: figure.end, text: "" }, "updated", parentValue.meaning.key, `${parentValue.meaning.label}年度目标`);
      chosen.set(index, { fact: null, meaning: { ...parentValue.meaning, label: `${parentValue.meaning.label}年度目标` }, status: "plan" });
      return;
    }
    const targetValue = TARGET_VALUE_AFTER.test(after) || targetBefore;
    if (targetValue && parentValue) {
      meaning.key = parentValue.meaning.key;
      meaning.label = `${parentValue.meaning.label}年度目标`;
      meaning.scope = parentValue.fact?.scope ?? parentValue.meaning.scope;
      status = "plan";
    }
    const period = shiftPeriod(mention.period || String(fromYear), shift);
    let fact = pickFact(all, meaning, { period, status }, input.strictScopes ? 70 : 0);
    if (fact && used.has(fact.id) && !targetValue) fact = null;
    chosen.set(index, { fact, meaning, status });
    const label = meaning.known || targetValue ? labelOf(meaning, status) : markerLabel(text, mention, meaning, figure.baseUnit || figure.unit);
    if (!fact) {
      record(mention, { start: figure.start, end: figure.end, text: missing(label, Number(period.slice(0, 4)) || toYear) }, "missing", meaning.key, label);
      return;
    }
    if (!targetValue) used.add(fact.id);
    let written = formatFact(fact, fact.baseUnit === figure.baseUnit ? { unit: figure.unit, scale: figure.scale } : undefined);
    // 10500万元 reads as 1.05亿元 once the amount reaches 1亿: at most two decimals, as the genre writes.
    if (figure.unit === "万元" && fact.baseUnit === "元" && Math.abs(fact.valueBase) >= 1e8) written = inYi(fact);
    if (figure.kind === "rank" || /^第/.test(figure.text)) written = `第${formatDecimal(fact.value, fact.decimals)}${figure.unit || fact.unit}`;
    record(mention, { start: figure.start, end: figure.end, text: written }, "updated", fact.indicatorKey, label, fact.id);
  });

  edits.push(...yearEdits(text, fromYear, shift, edits));
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

/** Words that make a figure a milestone of its year: 首次突破70亿元, 顺利进入全省前50位, 迈上…台阶. */
const MILESTONE = /(首次|历史性|成功|顺利|首度)?(突破|迈上|跨越|跨上|进入全省前|进入前|跻身)[^，。；\d]{0,6}$/;

/**
 * 「主营业务收入和利润分别为68.5亿元和4.41亿元」: the first figure is the first indicator named, the second
 * the second, whatever a reader of the clause alone would say.
 */
function pairedIndicator(text: string, mention: FigureMention): { key: string; known: boolean; label: string } | null {
  const sentence = text.slice(mention.sentence.start, mention.figure.start);
  const pair = /([\u4e00-\u9fa5]{2,10})和([\u4e00-\u9fa5]{2,10})分别(为|是|达到|达|实现)?/.exec(sentence);
  if (!pair || mention.role !== "value") return null;
  const after = sentence.slice((pair.index ?? 0) + pair[0].length);
  const second = /^[\d.]+[^\d，。；和]{0,4}和$/.test(after);
  if (after !== "" && !second) return null;
  const first = resolveIndicator(pair[1].replace(/^(规上企业|规上|园区|全园)/, ""));
  const other = resolveIndicator(pair[2]);
  if (!first || !other || first.key === other.key) return null;
  const chosen = second ? other : first;
  return { key: chosen.key, known: true, label: chosen.label };
}

/** An amount in 亿元 at the precision it was stored, at most two decimals (10500万元 → 1.05亿元). */
export function inYi(fact: Fact): string {
  const { value, decimals } = valueIn(fact, 1e8);
  return formatFact({ ...fact, value, valueBase: fact.valueBase, decimals: Math.min(2, decimals), unit: "亿元" });
}

/** What a figure's unit counts, for a marker's label: 380亩 → 面积, 200套 → 套数. */
const UNIT_NOUN: Record<string, string> = {
  亩: "面积", 平方米: "面积", 公顷: "面积", 公里: "长度", 米: "长度", 套: "套数", 个: "数量", 项: "数量", 家: "数量",
  户: "数量", 条: "数量", 处: "数量", 人: "人数", 元: "金额", "%": "比例", 千瓦时: "电量", 吨: "数量",
};

/**
 * The label of a 【待补充】 for a figure outside the vocabulary: what the figure measures — the noun
 * before it in its clause and what its unit counts (北区扩区380亩土地报批… → 北区扩区面积), never the
 * rest of the clause after it.
 */
function markerLabel(text: string, mention: FigureMention, meaning: FigureMeaning, unit: string): string {
  const noun = nounBefore(text, mention);
  const what = UNIT_NOUN[unit] ?? UNIT_NOUN[unit.replace(/^(亿|万|千)/, "")] ?? "数值";
  if (noun.length >= 2 && !/\d/.test(noun)) return noun.endsWith(what) || /(率|比例|比重)$/.test(noun) ? noun : `${noun}${what}`;
  return meaning.label ? `${meaning.label}${what}` : `相关${what}`;
}

/** The noun a figure stands after in its clause: 北区扩区380亩… → 北区扩区. */
function nounBefore(text: string, mention: FigureMention): string {
  const start = Math.max(mention.sentence.start, text.lastIndexOf("，", mention.figure.start - 1) + 1,
    text.lastIndexOf("；", mention.figure.start - 1) + 1, text.lastIndexOf("、", mention.figure.start - 1) + 1);
  return text.slice(start, mention.figure.start)
    .replace(/^[一二三四五六七八九十]是/, "")
    .replace(/^(全年|累计|共|新建改造|新建|改造|完成|实现|建成|开工|盘活|引进|帮助|为|达到|达)+/, "")
    .replace(/(达到|达|为|约|近|超过|超)$/, "")
    .trim();
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
