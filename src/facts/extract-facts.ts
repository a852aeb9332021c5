/**
 * Facts from a chunk of normalized (simplified) document text.
 *
 * Encoding of the figures that are not plain values (all keep the percent as `value`, unit "%"):
 * - 同比增长16.6% after a value → `yoyPct` of that value's fact, no fact of its own;
 *   a growth with no value before it (规上工业增加值增长8.5%) → indicator `yoy:<key>`, yoyPct = value;
 * - 占园区比重52.8% → indicator `share:<key>` in the scope of the part (其中10家…企业), label 占园区比重;
 * - 提高2.3个百分点 → `pp:<key>`; 比上年增加3亿元 → `delta:<key>` (signed); 第50位 → `rank`;
 * - thresholds (投资在50亿元以上的项目) are no facts: they become the scope of their clause.
 */
import { UNKNOWN_YEAR, UNKNOWN_YEAR_PERIOD } from "../domain/periods.ts";
import { MONEY_WORDS } from "../domain/lexicon.ts";
import { factContext } from "./fact-context.ts";
import { analyzeFigures, type FigureMention } from "./analyze-figures.ts";
import type { FactInput, FactStatus } from "../domain/fact-types.ts";

export interface ExtractInput {
  text: string;
  /** Offset of `text` in the document; spans are absolute. */
  offset?: number;
  park: string;
  /** The document's year; undefined when neither the upload nor the text states one (facts keep year 0). */
  year?: number;
  /** The part of the year a partial-year report covers, for figures that state no period of their own. */
  periodSuffix?: string;
  /** Default status when the sentence does not say (力争 → plan, 预计 → forecast). */
  status?: FactStatus;
  sectionPath?: string;
  /** Absolute ranges (e.g. mojibake) whose figures must not become facts. */
  exclude?: Array<{ start: number; end: number }>;
}

const MAX_QUOTE = 120;

/** Note of a plan figure that only gives a direction (向400亿元迈进), not the formal target. */
export const ASPIRATION_NOTE = "方向性目标";

/** The sentence around a figure, trimmed to 120 characters around it. */
export function quoteOf(text: string, mention: FigureMention): string {
  const { start, end } = mention.sentence;
  const sentence = text.slice(start, end).trim();
  if (sentence.length <= MAX_QUOTE) return sentence;
  const from = Math.max(start, Math.min(mention.figure.start - 60, end - MAX_QUOTE));
  return text.slice(from, from + MAX_QUOTE).trim();
}

function keyOf(mention: FigureMention): string {
  switch (mention.role) {
    case "share":
      return `share:${mention.indicatorKey}`;
    case "pp_change":
      return `pp:${mention.indicatorKey}`;
    case "delta":
      return `delta:${mention.indicatorKey}`;
    case "yoy":
      return `yoy:${mention.indicatorKey}`;
    case "cagr":
      return `cagr:${mention.indicatorKey}`;
    default:
      return mention.indicatorKey;
  }
}

/**
 * Every fact a chunk states.
 * @example extractFacts({ text: "2021年，园区规上企业实现工业总产值326.5亿元，同比增长15.9%。", park: "南湖高新区", year: 2021 })
 * // → [{ indicatorKey: "industrial_output", scope: "规上企业", period: "2021", value: 326.5, unit: "亿元", yoyPct: 15.9 }]
 */
export function extractFacts(input: ExtractInput): FactInput[] {
  const offset = input.offset ?? 0;
  const mentions = analyzeFigures(input.text, { year: input.year, status: input.status, sectionPath: input.sectionPath, periodSuffix: input.periodSuffix });
  const excluded = (mention: FigureMention) =>
    (input.exclude ?? []).some((range) => mention.figure.start + offset < range.end && mention.figure.end + offset > range.start);
  const facts: FactInput[] = [];
  const factOfMention = new Map<number, FactInput>();
  const figures = mentions.map((mention) => mention.figure);
  mentions.forEach((mention, index) => {
    if (mention.role === "threshold" || mention.milestone || excluded(mention)) return;
    const { figure } = mention;
    if (mention.role === "yoy" && mention.parent !== undefined) {
      const parentFact = factOfMention.get(mention.parent);
      if (parentFact && parentFact.yoyPct === null) {
        parentFact.yoyPct = mention.direction * figure.value;
        return;
      }
    }
    const signed = mention.role === "yoy" || mention.role === "cagr" || mention.role === "pp_change" || mention.role === "delta" ? mention.direction : 1;
    const fact: FactInput = {
      park: input.park,
      period: mention.period || (input.year === undefined ? UNKNOWN_YEAR_PERIOD : String(input.year)),
      year: mention.year ?? input.year ?? UNKNOWN_YEAR,
      indicatorKey: keyOf(mention),
      label: mention.label,
      scope: mention.scope,
      value: signed * figure.value,
      unit: figure.unit,
      valueBase: signed * figure.valueBase,
      baseUnit: figure.baseUnit,
      yoyPct: mention.role === "yoy" ? signed * figure.value : null,
      qualifier: figure.qualifier,
      status: mention.status,
      decimals: figure.decimals,
      spanStart: figure.start + offset,
      spanEnd: figure.end + offset,
      quote: quoteOf(input.text, mention),
      context: factContext(input.text, mention.sentence.start, figure, figures),
      origin: "text",
      confidence: mention.confidence,
      note: noteOf(mention),
    };
    if (figure.valueHigh !== undefined) fact.note = `区间上限 ${figure.valueHigh}${figure.unit}`;
    // 固定资产投资增长8%，达到122.7亿元: a growth stated just before its own value belongs to it.
    const before = facts[facts.length - 1];
    if (mention.role === "value" && before && before.indicatorKey === `yoy:${fact.indicatorKey}` && before.period === fact.period &&
        before.spanStart !== null && mentions[index - 1]?.role === "yoy" && mentions[index - 1].parent === undefined &&
        mentions[index - 1].sentence.start === mention.sentence.start && /^[，,]?(?:达到?|为|至|增至|达)$/.test(input.text.slice(mentions[index - 1].figure.end, figure.start))) {
      facts.pop();
      fact.yoyPct = before.yoyPct;
    }
    moneyFromBareScale(fact);
    factOfMention.set(index, fact);
    facts.push(fact);
  });
  return facts;
}

/** 研发费用…完成填报8.1亿: a bare 亿 is 亿元; a bare 万 stated of money is 万元. */
function moneyFromBareScale(fact: FactInput): void {
  if (fact.baseUnit !== "" || !/^(?:亿|万|千万|百万)$/.test(fact.unit)) return;
  // A park counts nothing else in 亿; 万 may count people (从业人员1.2万), so it needs a money word.
  if (!/亿/.test(fact.unit) && !MONEY_WORDS.test(`${fact.label} ${fact.context ?? ""}`)) return;
  fact.unit = `${fact.unit}元`;
  fact.baseUnit = "元";
}

function noteOf(mention: FigureMention): string | null {
  if (mention.role === "share") return "占比（部分/整体）";
  if (mention.role === "cagr") return "年均增速（复合）";
  if (mention.role === "completion") return "目标完成率（实际/目标）";
  if (mention.role === "delta") return "比上年增减量";
  if (mention.role === "pp_change") return "百分点变化";
  if (mention.increment) return "新增量";
  if (mention.aspiration) return ASPIRATION_NOTE;
  return null;
}
