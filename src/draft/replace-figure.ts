/**
 * Figure replacement for roll-forward: a value (or a rank) of last year's text becomes the same
 * indicator's value of the new year, in the same 口径 and unit, or a 【待补充：…】 naming what it measures;
 * a milestone of last year's figures (首次突破70亿元) goes with its clause.
 */
import type { FigureMention } from "../facts/analyze-figures.ts";
import { indicatorByKey, resolveIndicator } from "../domain/indicators.ts";
import type { Fact, FactStatus } from "../domain/fact-types.ts";
import { formatDecimal } from "../domain/figure-math.ts";
import { formatFact, missing, valueIn } from "./format-number.ts";
import { pickFact, refineIndicator, shiftPeriod, type FigureMeaning } from "./match-fact.ts";
import type { ChosenFigure, RollContext } from "./roll-context.ts";

/** Words that make a figure a milestone of its year: 首次突破70亿元, 顺利进入全省前50位, 迈上…台阶. */
const MILESTONE = /(首次|历史性|成功|顺利|首度)?(突破|迈上|跨越|跨上|进入全省前|进入前|跻身)[^，。；\d]{0,6}$/;
const TARGET_VALUE_AFTER = /^的?(年度|全年)?(目标|计划)/;
/** 完成年度目标77亿元的89.5%: the figure after 年度目标 is the target itself. */
const TARGET_VALUE_BEFORE = /(年度|全年)(目标|计划)(任务)?$/;

/**
 * 首次突破70亿元, 顺利进入全省前50位: a milestone of last year's figures, not a figure of the new year — its
 * clause goes. The qualifier may be part of the figure (突破70亿元). False when the figure is no milestone
 * or its clause opens the sentence.
 */
export function dropMilestone(context: RollContext, mention: FigureMention): boolean {
  const { text, edits, changes } = context;
  const { figure } = mention;
  const milestone = MILESTONE.exec(text.slice(Math.max(mention.sentence.start, figure.start - 12), figure.start) + figure.text.replace(/[\d.].*$/, ""));
  if (!milestone) return false;
  const clauseStart = Math.max(mention.sentence.start, text.lastIndexOf("，", figure.start));
  const clauseEnd = figure.end + (/^[^，。；]*/.exec(text.slice(figure.end))?.[0].length ?? 0);
  if (text[clauseStart] !== "，") return false;
  edits.push({ start: clauseStart, end: clauseEnd, text: "" });
  changes.push({ from: text.slice(clauseStart, clauseEnd), to: "", start: clauseStart, role: mention.role, indicatorKey: mention.indicatorKey, label: "里程碑表述", outcome: "updated" });
  return true;
}

/**
 * A value (or a rank): the same indicator and 口径, one year on, written in the figure's unit; a target
 * figure (年度目标…) becomes the new year's target. Records the fact chosen under `index`.
 */
export function replaceValue(context: RollContext, mention: FigureMention, index: number, parentValue: ChosenFigure | undefined): void {
  const { text, all, fromYear, toYear, chosen, used, record } = context;
  const { figure } = mention;
  const after = text.slice(figure.end, Math.min(text.length, figure.end + 8));
  const nounAfter = text.slice(figure.end, Math.min(mention.sentence.end, figure.end + 10));
  const refined = pairedIndicator(text, mention) ?? refineIndicator(mention.indicatorKey, mention.label, figure, nounAfter);
  const clause = text.slice(Math.max(mention.sentence.start, figure.start - 40), figure.start);
  const subItem = mention.scope.startsWith("其中") || /其中[^，。；]*$/.test(clause) || mention.namesScope === true;
  const meaning: FigureMeaning = {
    key: refined.key, known: refined.known, label: refined.label, scope: mention.scope,
    increment: mention.increment, subItem,
  };
  let status: FactStatus = mention.status;
  if (context.reportsActuals && status === "plan") status = "actual";
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
  const period = shiftPeriod(mention.period || String(fromYear), toYear - fromYear);
  let fact = pickFact(all, meaning, { period, status }, context.strictScopes ? 70 : 0);
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
}

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
