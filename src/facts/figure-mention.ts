/**
 * The reading of one figure in its sentence (what, of whom, when, reported or planned, its role),
 * the sentence patterns that decide the role, and the helpers every reader shares.
 */
import { findIndicatorAlias, type UnitKind } from "../domain/indicators.ts";
import type { FactStatus, ParsedFigure } from "../domain/fact-types.ts";

export type MentionRole = "value" | "yoy" | "cagr" | "share" | "pp_change" | "delta" | "rank" | "threshold" | "completion";

/**
 * What a figure is read as, shared by the extractor's mentions and the verifier's claims.
 */
export interface FigureReading {
  /** Indicator of the value (for yoy/share/delta: of the value it refers to). `label:<label>` when unknown. */
  indicatorKey: string;
  known: boolean;
  label: string;
  scope: string;
  /** "" when neither the sentence nor the caller gives a year. */
  period: string;
  year: number | undefined;
  status: FactStatus;
  /** 新增… counts (新增规上企业5家) are flows, not the stock (总数达到68家). */
  increment: boolean;
  /** -1 for 下降/减少, else 1 (yoy, pp_change, delta). A rank's change keeps 1: its scope (较上年前移/后退) says which way. */
  direction: 1 | -1;
  /**
   * For a compound annual rate (年均增长): the years it spans, growth years `start`…`end` over the base
   * `start − 1`. `end` is missing when the text leaves it open (“十四五”以来 in a text of no later year);
   * `last` bounds it (the plan period's last year).
   */
  span?: { start: number; end?: number; last: number };
  /** A change stated against a named year (比2020年前移9位): that year's period instead of the previous one. */
  basePeriod?: string;
}

/** The reading fields of a mention (what a claim copies). */
export function readingOf(mention: FigureReading): FigureReading {
  const { indicatorKey, known, label, scope, period, year, status, increment, direction, span, basePeriod } = mention;
  return { indicatorKey, known, label, scope, period, year, status, increment, direction, ...(span ? { span } : {}), ...(basePeriod ? { basePeriod } : {}) };
}

/** One figure read in context. Offsets are local to the analyzed text. */
export interface FigureMention extends FigureReading {
  figure: ParsedFigure;
  role: MentionRole;
  /** The sentence itself states the period (2020年, 上半年). */
  periodExplicit: boolean;
  /** Index (in the returned array) of the value a yoy/share/delta refers to. */
  parent?: number;
  /**
   * 首次突破400亿元(大关): a milestone that restates the value before it in round figures. A claim to
   * check, but no fact of its own.
   */
  milestone?: boolean;
  /** 向400亿元迈进: a direction to head for, not the formal target of the plan. */
  aspiration?: boolean;
  /** A count that names the set later figures speak of (其中10家有色金属加工企业, 落户的16个项目中). */
  namesScope?: boolean;
  /** How sure the reading is (0..1). */
  confidence: number;
  sentence: { start: number; end: number };
}

export type MentionBase = Omit<FigureMention, "role" | "indicatorKey" | "known" | "label" | "scope" | "increment" | "direction" | "confidence">;

export interface AnalyzeOptions {
  year?: number;
  /** The part of the year a partial-year report covers (H1, M01-09), for figures that state no period. */
  periodSuffix?: string;
  status?: FactStatus;
  sectionPath?: string;
}

export const GROWTH = /(同比|比上年|较上年|比去年|较去年|与上年相比|比上年同期|较上年同期|同期)?(分别)?(增长|增加|提高|上升|上涨|增幅为?|增速为?|下降|减少|降低|回落|下滑|下跌|缩减)(了|为|达到?)?$/;
export const DOWN = /下降|减少|降低|回落|下滑|下跌|缩减/;
export const SHARE = /(占|比重|占比)[^，。；]*$/;
export const GENERIC_LABEL = /^(总数|总量|累计|合计|共计|总计|共|达|达到|为|其中|总额|规模|数量|已达|增至|达到了|由|从|的|实际|(?:增加|增长|提高|提升|上升|扩大|下降|减少|降低|回落|缩减)(?:到|至)|跃升至|升至|降至)*$/;
/** 年均增长, 年平均增长, 平均每年增长: a compound annual rate over several years, no single year's yoy. */
export const ANNUAL_AVERAGE = /(?:年均|年平均|平均每年|每年平均)(?:复合)?(?:增长|增速|增幅|提高|下降)[为了达到]*$/;
/** 完成年度目标的99.4%, 目标完成率为105%: actual over target, a report. */
export const COMPLETION = /(?:完成|达到|为|占|实现)?了?(?:年度|全年|年初|既定|全年预期|预期)?(?:目标|计划|任务)(?:任务)?的$|(?:目标|计划|任务)?完成率(?:为|达到?|是)?$/;
/** 12亿元的年度目标: the figure is the target itself. */
export const TARGET_AFTER = /^的?(?:年度|全年|年初|既定|预期)?(?:目标|计划|任务)(?!完成率)/;
export { FLOW as INCREMENT } from "../domain/lexicon.ts";
export const DELTA = /(同比|比上年|较上年|比去年|较去年)(增加|增长|多|净增|减少|下降|少)了?$|(净增|净减)$/;
/**
 * 前移6位, 后退3位, 上升2位: a change of a rank, not a rank. Moving up (前移/上升/提升/前进) lowers
 * the rank's number.
 */
export const RANK_CHANGE = /(前移|后退|后移|上升|提升|前进|进位|跃升|上移|下降|下滑|下移|回落|退后|倒退)了?$/;
export const RANK_UP = /前移|上升|提升|前进|进位|跃升|上移/;

/**
 * 16个项目中, 30家企业当中: the counted noun and 中 after a count — it names a set, and what follows
 * speaks of a part of it (中小企业, 中心, 中国 … are no 中 of a set).
 */
export const SET_OF = /^的?([\u4e00-\u9fa5]{0,10}?(?:项目|企业|单位|产品|工程|平台|人才|专利|园区|厂房|家|户))(?:之中|当中|中)(?![小心国央部试高期端标介层西东南北型])[，,]?/;

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

/** 向400亿元迈进/冲刺: the figure only gives a direction. */
export const ASPIRATION_AFTER = /^(?:的?目标)?(?:迈进|冲刺|进军|挺进|奋进|攀升|看齐|迈出)/;

/** The vocabulary alias in a text whose unit kind fits the figure (整改的通知20余份 is no 企业 count). */
export function fittingAlias(text: string, figure: ParsedFigure): ReturnType<typeof findIndicatorAlias> {
  const alias = findIndicatorAlias(text);
  if (!alias) return null;
  if (figure.kind === "percent" && alias.indicator.unitKind !== "percent") return alias;
  return UNIT_FITS[alias.indicator.unitKind](figure.baseUnit) ? alias : null;
}

/** A rate, share or difference of the value at `parentIndex`: it inherits that value's reading. */
export function refersTo(
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
