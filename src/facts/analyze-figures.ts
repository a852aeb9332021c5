/**
 * Reads every figure of a text in its sentence: what it measures (indicator and label), of whom
 * (scope), when (period), whether reported or planned, and its role — a value, the 同比 growth of
 * the value before it, a share (占…比重), a change in 百分点, a difference, a rank, or a threshold
 * (投资10亿元以上的项目) that only qualifies a scope. Fact extraction and claim finding both build on it.
 *
 * The sentence loop lives here; the readers of rates (`read-rate.ts`) and of values (`read-value.ts`)
 * decide what one figure is, and `figure-mention.ts` holds the shapes and patterns they share.
 */
import { findFigures } from "../text/parse-number.ts";
import { findIndicatorAlias } from "../domain/indicators.ts";
import { DEFAULT_SCOPE, clauseStarts, periodAt, periodMarkers, statusAt } from "./sentence-context.ts";
import { sentenceSpans } from "../text/sentences.ts";
import { SET_OF, TARGET_AFTER, fittingAlias, refersTo, type AnalyzeOptions, type FigureMention, type MentionBase } from "./figure-mention.ts";
import { readAnnualAverage, readCompletion, readDelta, readRankChange, readRate, type FigureContext, type RateGroup, type SentenceScan } from "./read-rate.ts";
import { readValue } from "./read-value.ts";
import type { ParsedFigure } from "../domain/fact-types.ts";

export type { AnalyzeOptions, FigureMention, FigureReading, MentionRole } from "./figure-mention.ts";

/**
 * Every figure of `text` with its reading.
 * @example analyzeFigures("2021年，园区规上企业实现工业总产值326.5亿元，同比增长15.9%。")
 * // → [{ role: "value", indicatorKey: "industrial_output", scope: "规上企业", period: "2021" }, { role: "yoy", parent: 0 }]
 */
/** A plan or forecast word holds within its ；-clause: 预计全年178亿元；全年固定资产投资39.4亿元 reports the second. */
function statusClauseStart(text: string, sentenceStart: number, at: number): number {
  // 主要预期目标：A；B；C — a list a colon opens is governed by the words before the colon.
  let semicolon = -1;
  for (let i = at - 1; i >= sentenceStart; i--) {
    const char = text[i];
    if (char === "：" || char === ":") return sentenceStart;
    if (semicolon === -1 && (char === "；" || char === ";")) semicolon = i;
  }
  return semicolon === -1 ? sentenceStart : semicolon + 1;
}

export function analyzeFigures(text: string, options: AnalyzeOptions = {}): FigureMention[] {
  const figures = findFigures(text);
  const mentions: FigureMention[] = [];
  let figureIndex = 0;
  const clauseStart = clauseStarts(text);
  for (const sentence of sentenceSpans(text)) {
    const inSentence: ParsedFigure[] = [];
    while (figureIndex < figures.length && figures[figureIndex].start < sentence.end) inSentence.push(figures[figureIndex++]);
    if (!inSentence.length) continue;
    analyzeSentence(text, sentence, inSentence, options, mentions, clauseStart);
  }
  return mentions;
}

function analyzeSentence(
  text: string,
  sentence: { start: number; end: number },
  figures: ParsedFigure[],
  options: AnalyzeOptions,
  out: FigureMention[],
  clauseStart: (at: number, floor: number) => number,
): void {
  const sentenceText = text.slice(sentence.start, sentence.end);
  const markers = periodMarkers(sentenceText, options.year);
  const scan: SentenceScan = { text, sentence, sentenceText, options, out, values: [], runningScope: DEFAULT_SCOPE };
  let pendingGroup: RateGroup | null = null;
  let valueGroup: { items: string[] } | null = null;
  let previousEnd = sentence.start;
  for (const figure of figures) {
    let clause = clauseStart(figure.start, sentence.start);
    // 项目数（新落户项目）为36个: a bracketed note just before the figure's verb belongs to its clause.
    if (/[）)]/.test(text[clause - 1] ?? "") && figure.start - clause <= 4) {
      const open = Math.max(text.lastIndexOf("（", clause - 1), text.lastIndexOf("(", clause - 1));
      if (open > sentence.start && open >= previousEnd) clause = clauseStart(open, sentence.start);
    }
    let local = text.slice(Math.max(clause, previousEnd), figure.start);
    // 其中，A产业实现…: the 其中 before the comma opens this clause.
    let clauseText = (/其中[，,：:]\s*$/.test(text.slice(sentence.start, clause)) ? "其中" : "") + text.slice(clause, figure.start);
    // 落户的16个项目中非铜产业项目达到9个: after a count that names a set, its 中 opens a part, as 其中 does.
    const previous = out[out.length - 1];
    const setPart = previous?.sentence === sentence && previous.namesScope && previousEnd === previous.figure.end ? SET_OF.exec(local) : null;
    if (setPart) {
      local = local.slice(setPart[0].length);
      clauseText = `其中${local}`;
    }
    // 主营业务收入和利润分别为68.5亿元和4.41亿元: each value of a 分别 list reads its own item of the list.
    if (figure.kind === "quantity") {
      const opened = valueList(local, figure);
      if (opened) valueGroup = opened;
      const item = valueGroup && (opened || /^[和及与、，,\s]*$/.test(local)) ? valueGroup.items.shift() : undefined;
      if (item !== undefined) {
        clauseText = clauseText.slice(0, clauseText.length - local.length) + item;
        local = item;
      } else valueGroup = null;
    }
    const stated = periodAt(markers, figure.start - sentence.start, options.year);
    // A partial-year report's figures are of its part of the year unless the sentence says otherwise.
    const { period, year, explicit } = options.periodSuffix && !stated.explicit && stated.year !== undefined
      ? { ...stated, period: `${stated.year}${options.periodSuffix}` }
      : stated;
    // 未达到15个的目标: a figure that names the target is a plan figure, in a report too.
    const status = TARGET_AFTER.test(text.slice(figure.end, figure.end + 8))
      ? "plan"
      : statusAt(text.slice(statusClauseStart(text, sentence.start, figure.start), figure.start), options.sectionPath, options.status, { year, explicit, defaultYear: options.year });
    const base: MentionBase = { figure, period, year, periodExplicit: explicit, status, sentence };
    const context: FigureContext = { base, figure, local, clauseText };
    const after = text.slice(figure.end, figure.end + 3);
    previousEnd = figure.end;

    // Members of a 分别 group: 分别占园区比重为52.8%和66%.
    if (pendingGroup && /^[和及与、，,\s]*$/.test(local) && pendingGroup.next < pendingGroup.parents.length && figure.kind !== "quantity") {
      const parentIndex = pendingGroup.parents[pendingGroup.next++];
      out.push({ ...refersTo(base, out[parentIndex], parentIndex, pendingGroup.role, pendingGroup.direction, local), ...(pendingGroup.role === "share" ? { label: pendingGroup.label } : {}) });
      continue;
    }
    pendingGroup = null;

    if (figure.kind === "rank") {
      const alias = findIndicatorAlias(sentenceText.slice(0, figure.start - sentence.start));
      out.push({ ...base, role: "rank", indicatorKey: "rank", known: true, label: alias?.alias ?? "排名", scope: scan.runningScope, increment: false, direction: 1, confidence: 0.85 });
      continue;
    }

    const special = readCompletion(scan, context) ?? readAnnualAverage(scan, context);
    if (special) {
      out.push(special);
      continue;
    }
    const rate = readRate(scan, context);
    if (rate) {
      if (rate.group) pendingGroup = rate.group;
      out.push(rate.mention);
      continue;
    }

    // A quantity (or a percent that is a value in its own right: 完成率105%).
    if (figure.kind === "quantity" && /^(以上|以下)/.test(figure.text.slice(-2)) && !/^[，。；,;]/.test(after) && after.length > 0) {
      out.push({ ...base, role: "threshold", indicatorKey: "threshold", known: false, label: "", scope: scan.runningScope, increment: false, direction: 1, confidence: 0 });
      continue;
    }
    const delta = readRankChange(scan, context) ?? readDelta(scan, context);
    if (delta) {
      out.push(delta);
      continue;
    }
    const lastOfSentence = out.length && out[out.length - 1].sentence === sentence ? out[out.length - 1] : undefined;
    const mention = readValue(text, base, local, clauseText, sentence, scan.runningScope, scan.values.map((index) => out[index]), lastOfSentence);
    if (mention.scope !== scan.runningScope && !mention.scopeIsLocal) scan.runningScope = mention.scope;
    const { scopeIsLocal: _ignored, ...stored } = mention;
    if (!stored.milestone) scan.values.push(out.length);
    out.push(stored);
  }
}

const VALUE_LIST = /^(.*?)分别(?:为|是|达到?|实现|完成)?$/;

/** The items of a 分别 list before a value (主营业务收入和利润分别为 → 主营业务收入, 利润), each naming an indicator. */
function valueList(local: string, figure: ParsedFigure): { items: string[] } | null {
  const list = VALUE_LIST.exec(local);
  if (!list) return null;
  const items = list[1].split(/[和及与、]/).filter(Boolean);
  if (items.length < 2 || !items.every((item) => fittingAlias(item, figure))) return null;
  return { items };
}
