/**
 * Readings of figures that speak of another value: completion rates (完成年度目标的99.4%), compound
 * annual rates (年均增长9.3%), growth rates and shares (同比增长16.6%, 占园区比重52.8%, 提高2个百分点),
 * differences (比上年增加3.2亿元) and changes of a rank (前移6位). Each reader returns null when the
 * figure is not of its kind.
 */
import { findFigures } from "../text/parse-number.ts";
import { findIndicatorAlias, indicatorByKey, unknownIndicatorKey } from "../domain/indicators.ts";
import { scopeInClause, stripLabel, yearSpan } from "./sentence-context.ts";
import {
  ANNUAL_AVERAGE,
  COMPLETION,
  DELTA,
  DOWN,
  GROWTH,
  RANK_CHANGE,
  RANK_UP,
  SHARE,
  fittingAlias,
  refersTo,
  type AnalyzeOptions,
  type FigureMention,
  type MentionBase,
  type MentionRole,
} from "./figure-mention.ts";
import type { ParsedFigure } from "../domain/fact-types.ts";

/** What the readers see of the sentence being read. */
export interface SentenceScan {
  text: string;
  sentence: { start: number; end: number };
  sentenceText: string;
  options: AnalyzeOptions;
  /** Mentions so far (of the whole text). */
  out: FigureMention[];
  /** Indexes (into `out`) of this sentence's values. */
  values: number[];
  runningScope: string;
}

/** Words before the figure: since the previous figure within its clause (`local`), and the whole clause. */
export interface FigureContext {
  base: MentionBase;
  figure: ParsedFigure;
  local: string;
  clauseText: string;
}

/** A 分别 group: the rates that follow belong to the values before, in order. */
export interface RateGroup {
  parents: number[];
  role: MentionRole;
  direction: 1 | -1;
  next: number;
  label: string;
}

const lastValue = (scan: SentenceScan): FigureMention | undefined =>
  scan.values.length ? scan.out[scan.values[scan.values.length - 1]] : undefined;

/** 完成年度目标的99.4%: the completion rate of the value before it; its scope names that indicator. */
export function readCompletion(scan: SentenceScan, { base, figure, local }: FigureContext): FigureMention | null {
  if (figure.kind !== "percent" || !COMPLETION.test(local)) return null;
  const parentIndex = scan.values[scan.values.length - 1];
  const parent = lastValue(scan);
  const of = parent?.known ? indicatorByKey(parent.indicatorKey)?.label ?? parent.label : parent?.label;
  return {
    ...base, role: "completion", indicatorKey: unknownIndicatorKey("目标完成率"), known: false, label: "目标完成率",
    scope: of ?? scan.runningScope, increment: false, direction: 1, confidence: 0.75,
    ...(parentIndex !== undefined ? { parent: parentIndex } : {}),
  };
}

/** 年均增长9.3%: a rate over the years the sentence names, never one year's yoy. */
export function readAnnualAverage(scan: SentenceScan, { base, figure, local, clauseText }: FigureContext): FigureMention | null {
  if (figure.kind !== "percent" || !ANNUAL_AVERAGE.test(local)) return null;
  const own = findIndicatorAlias(local.replace(ANNUAL_AVERAGE, ""));
  const parent = own ? undefined : lastValue(scan);
  const key = own?.indicator.key ?? parent?.indicatorKey;
  const label = own?.alias ?? parent?.label ?? (stripLabel(local.replace(ANNUAL_AVERAGE, "")) || "未知指标");
  const scope = own ? scopeInClause(clauseText.slice(0, clauseText.lastIndexOf(own.alias)), own.indicator.key) ?? scan.runningScope : parent?.scope ?? scan.runningScope;
  const span = yearSpan(scan.sentenceText.slice(0, figure.start - scan.sentence.start), scan.options.year);
  const direction: 1 | -1 = /下降/.test(local.slice(-4)) ? -1 : 1;
  return {
    ...base, role: "cagr", indicatorKey: key ?? unknownIndicatorKey(label), known: key !== undefined && !key.startsWith("label:"),
    label, scope, increment: false, direction, confidence: span ? 0.8 : 0.4,
    period: span ? `${span.start}-${span.end ?? ""}` : "", year: span?.end, periodExplicit: !!span,
    ...(span ? { span } : {}),
  };
}

/** How many figures of one kind a 分别 lists: 52.8%和66% → 2. */
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

const SHARE_TAIL = /(占|比重|占比).*$/;

/**
 * 同比增长16.6%, 占园区比重52.8%, 提高2个百分点: the rate of the indicator the clause names, else of the
 * value before it (a 分别 opens a group); null when the percent is a value in its own right.
 */
export function readRate(scan: SentenceScan, context: FigureContext): { mention: FigureMention; group?: RateGroup } | null {
  const { base, figure, local, clauseText } = context;
  if (figure.kind === "quantity") return null;
  const growth = GROWTH.exec(local);
  const share = !growth && SHARE.test(local);
  if (!growth && !share) return null;
  const role: MentionRole = growth ? (figure.kind === "percentage_point" ? "pp_change" : "yoy") : "share";
  const direction: 1 | -1 = growth && DOWN.test(growth[0]) ? -1 : 1;
  // 其中工业投资占比近七成: the share's subject after 其中 is its scope.
  const subject = share ? scopeInClause(clauseText.replace(SHARE_TAIL, ""), null) : null;
  const partScope = subject?.startsWith("其中") ? subject : null;
  const own = findIndicatorAlias(local.replace(GROWTH, "").replace(SHARE_TAIL, ""));
  if (own) {
    const scope = partScope ?? scopeInClause(clauseText.slice(0, clauseText.lastIndexOf(own.alias)), own.indicator.key) ?? scan.runningScope;
    const label = share ? (/(占[^，。；]*?)(为|达|的)?$/.exec(local)?.[1] ?? "比重") : own.alias;
    return { mention: { ...base, role, indicatorKey: own.indicator.key, known: true, label, scope, increment: false, direction, confidence: 0.8 } };
  }
  const candidates = scan.values.filter((index) => !(scan.out[index].figure.kind === "quantity" && scan.out[index].namesScope === true));
  if (/分别/.test(local)) {
    const following = countGroup(scan.text, figure, scan.sentence.end);
    const parents = candidates.slice(-following);
    if (parents.length === following && following > 1) {
      const first = refersTo(base, scan.out[parents[0]], parents[0], role, direction, local);
      return { mention: first, group: { parents, role, direction, next: 1, label: first.label } };
    }
  }
  const parentIndex = candidates[candidates.length - 1];
  if (parentIndex !== undefined) {
    const mention = refersTo(base, scan.out[parentIndex], parentIndex, role, direction, local);
    // 其中技改投资占比近四成: a share of the value before it, for the 其中 subject.
    return { mention: partScope ? { ...mention, scope: partScope } : mention };
  }
  // A growth of something outside the vocabulary (绿化覆盖率提高2个百分点): keep it, labelled.
  const label = stripLabel(local.replace(GROWTH, "")) || "未知指标";
  return { mention: { ...base, role, indicatorKey: unknownIndicatorKey(label), known: false, label, scope: scan.runningScope, increment: false, direction, confidence: 0.5 } };
}

/** 比上年增加3.2亿元: the change of the value before it, or of the indicator named in the clause. */
export function readDelta(scan: SentenceScan, { base, figure, local, clauseText }: FigureContext): FigureMention | null {
  const delta = DELTA.exec(local);
  if (!delta) return null;
  const direction: 1 | -1 = /减少|少|下降|净减/.test(delta[0]) ? -1 : 1;
  const own = fittingAlias(local.replace(DELTA, ""), figure);
  if (own) {
    const scope = scopeInClause(clauseText.slice(0, Math.max(0, clauseText.lastIndexOf(own.alias))), own.indicator.key) ?? scan.runningScope;
    return { ...base, role: "delta", indicatorKey: own.indicator.key, known: true, label: own.alias, scope, increment: false, direction, confidence: 0.8 };
  }
  const parentIndex = scan.values[scan.values.length - 1];
  if (parentIndex !== undefined && scan.out[parentIndex].figure.baseUnit === figure.baseUnit) {
    return refersTo(base, scan.out[parentIndex], parentIndex, "delta", direction, local);
  }
  return null;
}

const RANK_WORDS = /排名|排位|位次|名次|位列|位居|名列/;

/**
 * 比上年前移6位, 排名后退3位: a change of the rank, not a rank. Its 口径 says which way (较上年前移 /
 * 较上年后退, as statistics tables write changes); the value stays as written.
 */
export function readRankChange(scan: SentenceScan, { base, figure, local }: FigureContext): FigureMention | null {
  if (figure.kind !== "quantity" || !/^(位|名)$/.test(figure.unit)) return null;
  const change = RANK_CHANGE.exec(local);
  if (!change) return null;
  const before = scan.sentenceText.slice(0, figure.start - scan.sentence.start);
  const last = scan.out[scan.out.length - 1];
  if (!RANK_WORDS.test(before) && !(last && last.sentence === scan.sentence && last.role === "rank")) return null;
  // 2024年比2020年前移9位: the change since a named year, not since the year before.
  const since = /(?:比|较|与|同)((?:19|20)\d{2})年(?:相比)?[^，。；]*$/.exec(before);
  const basePeriod = since && base.year !== undefined && Number(since[1]) < base.year ? since[1] : undefined;
  const scope = `${basePeriod ? `较${basePeriod}年` : "较上年"}${RANK_UP.test(change[1]) ? "前移" : "后退"}`;
  return {
    ...base, role: "delta", indicatorKey: "rank", known: true, label: "排名变化", scope, increment: false, direction: 1, confidence: 0.8,
    ...(basePeriod ? { basePeriod } : {}),
  };
}
