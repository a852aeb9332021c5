/**
 * Reads every figure of a text in its sentence: what it measures (indicator and label), of whom
 * (scope), when (period), whether reported or planned, and its role — a value, the 同比 growth of
 * the value before it, a share (占…比重), a change in 百分点, a difference, a rank, or a threshold
 * (投资10亿元以上的项目) that only qualifies a scope. Fact extraction and claim finding both build on it.
 */
import { findFigures } from "../text/parse-number.ts";
import { findIndicatorAlias, indicatorByKey, unknownIndicatorKey } from "./indicators.ts";
import {
  ABOVE_SCALE_SCOPE,
  DEFAULT_SCOPE,
  clauseEnd,
  clauseStart,
  nounPhrase,
  periodAt,
  periodMarkers,
  scopeInClause,
  splitSentences,
  statusAt,
  stripLabel,
  yearSpan,
} from "./sentence-context.ts";
import type { UnitKind } from "./indicators.ts";
import type { FactStatus, ParsedFigure } from "./types.ts";

export type MentionRole = "value" | "yoy" | "cagr" | "share" | "pp_change" | "delta" | "rank" | "threshold" | "completion";

/** One figure read in context. Offsets are local to the analyzed text. */
export interface FigureMention {
  figure: ParsedFigure;
  role: MentionRole;
  /** Indicator of the value (for yoy/share/delta: of the value it refers to). `label:<label>` when unknown. */
  indicatorKey: string;
  known: boolean;
  label: string;
  scope: string;
  /** "" when neither the sentence nor the caller gives a year. */
  period: string;
  year: number | undefined;
  /** The sentence itself states the period (2020年, 上半年). */
  periodExplicit: boolean;
  status: FactStatus;
  /** 新增… counts (新增规上企业5家) are flows, not the stock (总数达到68家). */
  increment: boolean;
  /** Index (in the returned array) of the value a yoy/share/delta refers to. */
  parent?: number;
  /** -1 for 下降/减少, else 1 (yoy, pp_change, delta). */
  direction: 1 | -1;
  /**
   * 首次突破400亿元(大关): a milestone that restates the value before it in round figures. A claim to
   * check, but no fact of its own.
   */
  milestone?: boolean;
  /** A count that names the set later figures speak of (其中10家有色金属加工企业). */
  namesScope?: boolean;
  /**
   * For a compound annual rate (年均增长): the years it spans, growth years `start`…`end` over the base
   * `start − 1`. `end` is missing when the text leaves it open (“十四五”以来 in a text of no later year);
   * `last` bounds it (the plan period's last year).
   */
  span?: { start: number; end?: number; last: number };
  /** How sure the reading is (0..1). */
  confidence: number;
  sentence: { start: number; end: number };
}

type MentionBase = Omit<FigureMention, "role" | "indicatorKey" | "known" | "label" | "scope" | "increment" | "direction" | "confidence">;

export interface AnalyzeOptions {
  year?: number;
  status?: FactStatus;
  sectionPath?: string;
}

const GROWTH = /(同比|比上年|较上年|比去年|较去年|与上年相比|比上年同期|较上年同期|同期)?(分别)?(增长|增加|提高|上升|上涨|增幅为?|增速为?|下降|减少|降低|回落|下滑|下跌|缩减)(了|为|达到?)?$/;
const DOWN = /下降|减少|降低|回落|下滑|下跌|缩减/;
const SHARE = /(占|比重|占比)[^，。；]*$/;
const GENERIC_LABEL = /^(总数|总量|累计|合计|共计|总计|共|达|达到|为|其中|总额|规模|数量|已达|增至|达到了|由|从|的|(?:增加|增长|提高|提升|上升|扩大|下降|减少|降低|回落|缩减)(?:到|至)|跃升至|升至|降至)*$/;
/** 年均增长, 年平均增长, 平均每年增长: a compound annual rate over several years, no single year's yoy. */
const ANNUAL_AVERAGE = /(?:年均|年平均|平均每年|每年平均)(?:复合)?(?:增长|增速|增幅|提高|下降)[为了达到]*$/;
/** 完成年度目标的99.4%, 目标完成率为105%: actual over target, a report. */
const COMPLETION = /(?:完成|达到|为|占|实现)?了?(?:年度|全年|年初|既定|全年预期|预期)?(?:目标|计划|任务)(?:任务)?的$|(?:目标|计划|任务)?完成率(?:为|达到?|是)?$/;
/** 12亿元的年度目标: the figure is the target itself. */
const TARGET_AFTER = /^的?(?:年度|全年|年初|既定|预期)?(?:目标|计划|任务)(?!完成率)/;
const INCREMENT = /(新增|新认定|新引进|新培育|新纳入|净增|新入规|新升规)/;
const DELTA = /(同比|比上年|较上年|比去年|较去年)(增加|增长|多|净增|减少|下降|少)了?$|(净增|净减)$/;

function nounAfter(text: string, end: number, ceiling: number): string {
  const stop = clauseEnd(text, end, ceiling);
  return text.slice(end, Math.min(stop, end + 14)).replace(/^[的是]/, "");
}

/**
 * Every figure of `text` with its reading.
 * @example analyzeFigures("2020年，园区规上企业实现工业总产值202亿元，同比增长16.6%。")
 * // → [{ role: "value", indicatorKey: "industrial_output", scope: "规上企业", period: "2020" }, { role: "yoy", parent: 0 }]
 */
export function analyzeFigures(text: string, options: AnalyzeOptions = {}): FigureMention[] {
  const figures = findFigures(text);
  const mentions: FigureMention[] = [];
  let figureIndex = 0;
  for (const sentence of splitSentences(text)) {
    const inSentence: ParsedFigure[] = [];
    while (figureIndex < figures.length && figures[figureIndex].start < sentence.end) inSentence.push(figures[figureIndex++]);
    if (!inSentence.length) continue;
    analyzeSentence(text, sentence, inSentence, options, mentions);
  }
  return mentions;
}

function analyzeSentence(
  text: string,
  sentence: { start: number; end: number },
  figures: ParsedFigure[],
  options: AnalyzeOptions,
  out: FigureMention[],
): void {
  const sentenceText = text.slice(sentence.start, sentence.end);
  const markers = periodMarkers(sentenceText, options.year);
  const values: number[] = [];
  let runningScope = DEFAULT_SCOPE;
  let pendingGroup: { parents: number[]; role: MentionRole; direction: 1 | -1; next: number; label: string } | null = null;
  let previousEnd = sentence.start;
  for (const figure of figures) {
    const clause = clauseStart(text, figure.start, sentence.start);
    const local = text.slice(Math.max(clause, previousEnd), figure.start);
    // 其中，A产业实现…: the 其中 before the comma opens this clause.
    const clauseText = (/其中[，,：:]\s*$/.test(text.slice(sentence.start, clause)) ? "其中" : "") + text.slice(clause, figure.start);
    const { period, year, explicit } = periodAt(markers, figure.start - sentence.start, options.year);
    const status = statusAt(text.slice(sentence.start, figure.start), options.sectionPath, options.status, { year, explicit, defaultYear: options.year });
    const base: MentionBase = {
      figure, period, year, periodExplicit: explicit, status, sentence,
    };
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
      out.push({ ...base, role: "rank", indicatorKey: "rank", known: true, label: alias?.alias ?? "排名", scope: runningScope, increment: false, direction: 1, confidence: 0.85 });
      continue;
    }

    if (figure.kind === "percent" && COMPLETION.test(local)) {
      // 完成年度目标的99.4%: the completion rate of the value before it; its scope names that indicator.
      const parentIndex = values[values.length - 1];
      const parent = parentIndex === undefined ? undefined : out[parentIndex];
      const of = parent?.known ? indicatorByKey(parent.indicatorKey)?.label ?? parent.label : parent?.label;
      out.push({
        ...base, role: "completion", indicatorKey: unknownIndicatorKey("目标完成率"), known: false, label: "目标完成率",
        scope: of ?? runningScope, increment: false, direction: 1, confidence: 0.75,
        ...(parentIndex !== undefined ? { parent: parentIndex } : {}),
      });
      continue;
    }

    if (figure.kind === "percent" && ANNUAL_AVERAGE.test(local)) {
      // 年均增长9.3%: a rate over the years the sentence names, never one year's yoy.
      const own = findIndicatorAlias(local.replace(ANNUAL_AVERAGE, ""));
      const parentIndex = values[values.length - 1];
      const parent = own ? undefined : parentIndex === undefined ? undefined : out[parentIndex];
      const key = own?.indicator.key ?? parent?.indicatorKey;
      const label = own?.alias ?? parent?.label ?? (stripLabel(local.replace(ANNUAL_AVERAGE, "")) || "未知指标");
      const scope = own ? scopeInClause(clauseText.slice(0, clauseText.lastIndexOf(own.alias)), own.indicator.key) ?? runningScope : parent?.scope ?? runningScope;
      const span = yearSpan(sentenceText.slice(0, figure.start - sentence.start), options.year);
      const direction: 1 | -1 = /下降/.test(local.slice(-4)) ? -1 : 1;
      out.push({
        ...base, role: "cagr", indicatorKey: key ?? unknownIndicatorKey(label), known: key !== undefined && !key.startsWith("label:"),
        label, scope, increment: false, direction, confidence: span ? 0.8 : 0.4,
        period: span ? `${span.start}-${span.end ?? ""}` : "", year: span?.end, periodExplicit: !!span,
        ...(span ? { span } : {}),
      });
      continue;
    }

    if (figure.kind !== "quantity") {
      const growth = GROWTH.exec(local);
      const share = !growth && SHARE.test(local);
      const role: MentionRole = growth ? (figure.kind === "percentage_point" ? "pp_change" : "yoy") : share ? "share" : "value";
      const direction: 1 | -1 = growth && DOWN.test(growth[0]) ? -1 : 1;
      if (role !== "value") {
        const own = findIndicatorAlias(local.replace(GROWTH, "").replace(/(占|比重|占比).*$/, ""));
        if (own) {
          // 其中工业投资占比近七成: the share's subject after 其中 is its scope.
          const subject = share ? scopeInClause(clauseText.replace(/(占|比重|占比).*$/, ""), null) : null;
          const scope = (subject?.startsWith("其中") ? subject : null) ?? scopeInClause(clauseText.slice(0, clauseText.lastIndexOf(own.alias)), own.indicator.key) ?? runningScope;
          const label = share ? (/(占[^，。；]*?)(为|达|的)?$/.exec(local)?.[1] ?? "比重") : own.alias;
          out.push({ ...base, role, indicatorKey: own.indicator.key, known: true, label, scope, increment: false, direction, confidence: 0.8 });
          continue;
        }
        const candidates = values.filter((index) => !(out[index].figure.kind === "quantity" && isScopeCount(out[index])));
        if (/分别/.test(local)) {
          const following = countGroup(text, figure, sentence.end);
          const parents = candidates.slice(-following);
          if (parents.length === following && following > 1) {
            const first = refersTo(base, out[parents[0]], parents[0], role, direction, local);
            pendingGroup = { parents, role, direction, next: 1, label: first.label };
            out.push(first);
            continue;
          }
        }
        const parentIndex = candidates[candidates.length - 1];
        if (parentIndex !== undefined) {
          const mention = refersTo(base, out[parentIndex], parentIndex, role, direction, local);
          // 其中技改投资占比近四成: a share of the value before it, for the 其中 subject.
          const subject = share ? scopeInClause(clauseText.replace(/(占|比重|占比).*$/, ""), null) : null;
          out.push(subject?.startsWith("其中") ? { ...mention, scope: subject } : mention);
          continue;
        }
        // A growth of something outside the vocabulary (绿化覆盖率提高2个百分点): keep it, labelled.
        const label = stripLabel(local.replace(GROWTH, "")) || "未知指标";
        out.push({ ...base, role, indicatorKey: unknownIndicatorKey(label), known: false, label, scope: runningScope, increment: false, direction, confidence: 0.5 });
        continue;
      }
    }

    // A quantity (or a percent that is a value in its own right: 完成率105%).
    if (figure.kind === "quantity" && /^(以上|以下)/.test(figure.text.slice(-2)) && !/^[，。；,;]/.test(after) && after.length > 0) {
      out.push({ ...base, role: "threshold", indicatorKey: "threshold", known: false, label: "", scope: runningScope, increment: false, direction: 1, confidence: 0 });
      continue;
    }
    const delta = DELTA.exec(local);
    if (delta) {
      // 比上年增加3.2亿元: the change of the value before it, or of the indicator named in the clause.
      const direction: 1 | -1 = /减少|少|下降|净减/.test(delta[0]) ? -1 : 1;
      const own = fittingAlias(local.replace(DELTA, ""), figure);
      const lastValue = values[values.length - 1];
      if (own) {
        const scope = scopeInClause(clauseText.slice(0, Math.max(0, clauseText.lastIndexOf(own.alias))), own.indicator.key) ?? runningScope;
        out.push({ ...base, role: "delta", indicatorKey: own.indicator.key, known: true, label: own.alias, scope, increment: false, direction, confidence: 0.8 });
        continue;
      }
      if (lastValue !== undefined && out[lastValue].figure.baseUnit === figure.baseUnit) {
        out.push(refersTo(base, out[lastValue], lastValue, "delta", direction, local));
        continue;
      }
    }
    const lastOfSentence = out.length && out[out.length - 1].sentence === sentence ? out[out.length - 1] : undefined;
    const mention = readValue(text, base, local, clauseText, sentence, runningScope, values.map((index) => out[index]), lastOfSentence);
    if (mention.scope !== runningScope && !mention.scopeIsLocal) runningScope = mention.scope;
    const { scopeIsLocal: _ignored, ...stored } = mention;
    if (!stored.milestone) values.push(out.length);
    out.push(stored);
  }
}

function refersTo(
  base: MentionBase,
  parent: FigureMention,
  parentIndex: number,
  role: MentionRole,
  direction: 1 | -1,
  local: string,
): FigureMention {
  const label = role === "share" ? (/(占[^，。；]*?)(为|达|的)?$/.exec(local)?.[1] ?? "比重") : parent.label;
  return {
    ...base, role, indicatorKey: parent.indicatorKey, known: parent.known, label, scope: parent.scope,
    increment: parent.increment, parent: parentIndex, direction, confidence: Math.min(parent.confidence, 0.85),
    period: base.periodExplicit ? base.period : parent.period, year: base.periodExplicit ? base.year : parent.year,
    status: parent.status,
  };
}

/** How many percent figures a 分别 lists: 52.8%和66% → 2. */
function countGroup(text: string, first: ParsedFigure, ceiling: number): number {
  let count = 1;
  let at = first.end;
  for (const figure of findFigures(text.slice(first.end, Math.min(ceiling, first.end + 60)))) {
    if (!/^[和及与、，,\s]*$/.test(text.slice(at, first.end + figure.start)) || figure.kind !== first.kind) break;
    count++;
    at = first.end + figure.end;
  }
  return count;
}

/** A count that names the set the next figures speak of: 其中10家有色金属加工企业完成… */
function isScopeCount(mention: FigureMention): boolean {
  return mention.namesScope === true;
}

const UNIT_FITS: Record<UnitKind, (baseUnit: string) => boolean> = {
  money: (unit) => /^(元|美元|欧元|港元|)$/.test(unit),
  energy: (unit) => /^(千瓦时|吨标准煤|千瓦|吨|立方米|)$/.test(unit),
  count_enterprise: (unit) => /^(家|户|个|)$/.test(unit),
  count_project: (unit) => /^(个|项|批|)$/.test(unit),
  count_person: (unit) => /^(人|人次|个|)$/.test(unit),
  area: (unit) => /^(亩|平方米|)$/.test(unit),
  percent: (unit) => unit === "%" || unit === "百分点",
  rank: () => true,
  other: () => true,
};

/** The vocabulary alias in a text whose unit kind fits the figure (整改的通知20余份 is no 企业 count). */
function fittingAlias(text: string, figure: ParsedFigure): ReturnType<typeof findIndicatorAlias> {
  const alias = findIndicatorAlias(text);
  if (!alias) return null;
  if (figure.kind === "percent" && alias.indicator.unitKind !== "percent") return alias;
  return UNIT_FITS[alias.indicator.unitKind](figure.baseUnit) ? alias : null;
}

function readValue(
  text: string,
  base: MentionBase,
  local: string,
  clauseText: string,
  sentence: { start: number; end: number },
  runningScope: string,
  previous: FigureMention[],
  lastOfSentence?: FigureMention,
): FigureMention & { scopeIsLocal: boolean } {
  const { figure } = base;
  const after = nounAfter(text, figure.end, sentence.end);
  const stripped = stripLabel(local);
  const last = previous[previous.length - 1];
  const increment = INCREMENT.test(local);
  let scope: string | null = null;
  let scopeIsLocal = false;
  // Thresholds of the same clause qualify its scope: 其中10亿元以上项目2个 → 其中10亿元以上项目.
  const threshold = /((?:\d+(?:\.\d+)?)?(?:亿|万|千万)?元)(以上|以下)/.exec(clauseText);
  if (threshold && !local.includes("总投资")) {
    const counted = nounPhrase(clauseText.slice((threshold.index ?? 0) + threshold[0].length).replace(/^[的是为]+/, "")).replace(/的/g, "");
    // 其中A项目1个、B项目2个: the 其中 of the list carries to its later items.
    const part = /其中/.test(text.slice(sentence.start, figure.start).split(/[；;]/).pop() ?? "");
    scope = `${part ? "其中" : ""}${threshold[0]}${counted}`;
    scopeIsLocal = true;
  }
  const make = (fields: Pick<FigureMention, "indicatorKey" | "known" | "label" | "confidence"> & { scope?: string | null; increment?: boolean; namesScope?: boolean; status?: FigureMention["status"] }) => {
    const mention = {
      ...base, role: "value" as const, direction: 1 as const, increment: fields.increment ?? increment, ...fields,
      scope: fields.scope ?? scope ?? runningScope, scopeIsLocal,
    };
    // A park-wide figure of an indicator whose statistics carry a defining 口径 (新落户项目, 融资平台…) gets it.
    const defining = mention.scope === DEFAULT_SCOPE ? definingScope(mention, local, last) : null;
    return defining ? { ...mention, scope: defining, scopeIsLocal: true } : mention;
  };

  // 首次突破400亿元大关: the value before it, restated as a round milestone.
  const milestone = last && last.role === "value" && last.figure.baseUnit === figure.baseUnit && figure.qualifier === "more_than" &&
    (/(首次|历史性|一举|成功)$/.test(local.replace(/(突破|跨越|迈上|站上|超过|超)$/, "")) || /^(大关|台阶|关口)/.test(text.slice(figure.end, figure.end + 2)));
  if (milestone) {
    return { ...make({ indicatorKey: last.indicatorKey, known: last.known, label: last.label, confidence: 0.6, scope: last.scope, increment: last.increment, status: last.status }), milestone: true };
  }

  // 超额完成12亿元的年度目标: the figure is the target of the value before it.
  const target = last && last.role === "value" && last.figure.baseUnit === figure.baseUnit && TARGET_AFTER.test(text.slice(figure.end, figure.end + 8));
  if (target) {
    return make({ indicatorKey: last.indicatorKey, known: last.known, label: last.label, confidence: 0.7, scope: last.scope, increment: last.increment, status: "plan" });
  }

  // 15.3574公顷林地报批和煤球厂43.399亩…: words before 和 belong to the previous figure.
  const sameClause = local.length < clauseText.length;
  const aliasText = sameClause ? local.split(/[和及与]/).pop() ?? local : local;
  const alias = fittingAlias(aliasText, figure);
  if (alias) {
    if (!scope) {
      scope = scopeInClause(clauseText.slice(0, Math.max(0, clauseText.lastIndexOf(alias.alias))), alias.indicator.key);
      if (!scope && /规上|规模以上/.test(alias.alias) && alias.indicator.key !== "above_scale_enterprises") scope = ABOVE_SCALE_SCOPE;
    }
    let label = labelFrom(aliasText, alias.start, alias.alias.length);
    if (increment && !label.startsWith("新")) label = `新增${label}`;
    return make({ indicatorKey: alias.indicator.key, known: true, label, confidence: 0.9 });
  }
  if (!scope) scope = scopeInClause(clauseText, null);
  // 固定资产投资增长8%，达到122.7亿元: the value of the growth stated just before it.
  const growthBefore = lastOfSentence && lastOfSentence.role === "yoy" && lastOfSentence.parent === undefined && lastOfSentence.known ? lastOfSentence : undefined;
  if (growthBefore && GENERIC_LABEL.test(stripped) && !local.includes("其中")) {
    return make({ indicatorKey: growthBefore.indicatorKey, known: true, label: growthBefore.label, confidence: 0.75, scope: scope ?? growthBefore.scope });
  }
  // No label of its own: 总数达到68家 continues the indicator of the value before it.
  if (GENERIC_LABEL.test(stripped) && !local.includes("其中") && last && last.role === "value" && last.figure.baseUnit === figure.baseUnit) {
    const total = /总数|总量|累计|共计|合计|总计|增至|[到至]/.test(local);
    return make({
      indicatorKey: last.indicatorKey, known: last.known, label: total ? last.label.replace(/^新增/, "") : last.label,
      confidence: 0.75, scope: scope ?? last.scope, increment: total ? false : last.increment,
    });
  }
  // The counted noun follows: 其中10家有色金属加工企业…, 36户企业, 七栋厂房.
  const noun = nounPhrase(after.replace(/[均已正将在进行同比的每\dA-Za-z].*$/, ""));
  if (/的$/.test(local) && noun) {
    // 使用中频炉的4家企业: the clause before describes a subset; no vocabulary indicator.
    const label = `${stripped}的${noun}`.slice(-16);
    return make({ indicatorKey: unknownIndicatorKey(label), known: false, label, confidence: 0.5 });
  }
  const afterAlias = fittingAlias(noun, figure);
  if (afterAlias) {
    const label = noun.slice(0, afterAlias.start + afterAlias.alias.length);
    const namesScope = local.includes("其中");
    if (namesScope) scopeIsLocal = true;
    return make({ indicatorKey: afterAlias.indicator.key, known: true, label, confidence: 0.7, scope: namesScope ? `其中${label}` : scope, namesScope });
  }
  const countUnit = figure.kind === "quantity" && !/^(元|美元|欧元|港元|千瓦时|%|)$/.test(figure.baseUnit);
  const label = ((countUnit && noun.length >= 2 ? noun : stripped) || stripped || noun || figure.unit || "数值").slice(-12);
  return make({ indicatorKey: unknownIndicatorKey(label), known: false, label, confidence: 0.5 });
}

/** The defining 口径 of a park-wide figure, as statistics tables write it; null when it has none. */
function definingScope(mention: Pick<FigureMention, "indicatorKey" | "label" | "increment">, local: string, last: FigureMention | undefined): string | null {
  switch (mention.indicatorKey) {
    case "hitech_enterprises":
      return mention.increment || /新认定|新增/.test(mention.label) ? "新增认定" : "年末总数";
    case "projects":
      return /落户|签约|引进/.test(local) ? "新落户项目" : null;
    case "project_investment":
      return last?.indicatorKey === "projects" && last.scope === "新落户项目" ? "新落户项目" : null;
    case "loans":
      return "融资平台";
    case "electricity":
      return /工业/.test(mention.label) ? "工业企业" : null;
    default:
      return null;
  }
}

/** The noun phrase ending with the alias: 累计发放企业复工复产补助资金 → 企业复工复产补助资金. */
function labelFrom(source: string, aliasStart: number, aliasLength: number): string {
  const aliasText = source.slice(aliasStart, aliasStart + aliasLength);
  const phrase = stripLabel(source.slice(0, aliasStart + aliasLength), { trailing: false }) || aliasText;
  return phrase.length > 16 ? aliasText : phrase;
}
