import { indicatorByKey } from "../domain/indicators.ts";
import { findIndicators, type IndicatorMention } from "./find-indicators.ts";
import { parseYears } from "./parse-years.ts";
import type { AnswerQuery, Intent } from "./types.ts";
import { findParkMentions, parkAliases, resolveParkName } from "../domain/park-names.ts";
import type { Vocabulary } from "./vocabulary.ts";

/** What the parser saw besides the query, used to resolve follow-ups. */
export interface ParseSignals {
  /** The question names its intent (趋势, 对比, 增长, 占比 …) rather than inheriting it. */
  explicitIntent: boolean;
  /** Reads like a follow-up: short, starts with 那/那么/这, or ends with 呢. */
  followUpCue: boolean;
  /** "和去年比呢" — compare the previous turn's year with the one before it. */
  compareWithPrevious: boolean;
  /** "这两项", "两者": the indicators of the last turns together. */
  refersToEarlier: boolean;
  /** Years came from 今年/去年/前年 words. */
  relativeYears: boolean;
  /** The question asks for a figure (多少, 增长, 占比 …). */
  figureCue: boolean;
}

/** A parsed question: the query, and the cues that decide follow-up resolution. */
export interface ParsedQuestion {
  query: AnswerQuery;
  signals: ParseSignals;
}

const OPEN_CUE = /哪些|什么工作|做了什么|做法|措施|举措|经验|成效|亮点|困难|问题|不足|短板|挑战|思路|打算|如何|怎样|怎么|介绍|概述|概况|重点工作|主要工作|有何|工作安排|方面|情况|进展|为什么|原因|是什么/;
const FIGURE_CUE = /多少|几[家个项人位名亿万]?|数额|数值|规模|总额|增长|增速|增幅|降幅|同比|比重|占比|所占|占.{0,12}(?:比|百分|多少)|相当于|排名|排第|第几|名次|位次|靠前|靠后|前移|后退|趋势|走势|变化|对比|比较|相比|目标|完成|达到|最高|最低|最多|最少|哪个园区|哪一年|哪年|数据|指标|金额|分别|是多少|为多少|有多少|数量|总量|增加|减少|下降|提高|利润率|更高|更多|更大/;
const QUANTITY_CUE = /多少|几[家个项人位名亿万]?|数额|数值|金额|数量|总量|是多少|为多少|有多少/;
const PLAN_VS_ACTUAL = /(?:目标|计划|任务).{0,10}(?:完成|实现|达到|达成)|完成.{0,8}(?:目标|计划|任务)|完成情况|完成率|完成了?吗|是否完成|达标|实际.{0,6}(?:计划|目标)|(?:计划|目标).{0,16}实际/;
const PLAN = /目标|计划|力争|预期|预计|打算|规划/;
const SHARE = /占比|比重|所占|份额|占.{0,14}(?:比例|多少|百分之|几成|的比)|相当于.{0,12}(?:百分之|多少|几成|%|比例)|利润率/;
const RANK = /最高|最多|最大|最低|最少|最小|排名|排第|排序|排行|哪个园区|哪家园区|哪一个园区|哪一年|哪年|前[三五十]名|最靠前|最靠后|更高|更多|更大|更低|更少|更小/;
const GROWTH = /增长|增速|增幅|降幅|同比|增长率|提高|下降|降低|减少|增加|变动幅度|涨|变化了?多少|前移|后退/;
const TREND = /趋势|走势|变化|历年|逐年|各年|每年|这几年|近几年|连续/;
const COMPARE = /对比|比较|相比|比上年|比去年|与.{0,16}比|和.{0,16}比|差距|高出|多出|低了|少了|之间|较|哪年多|哪年高|更高|更多|更大/;
const ALL_PARKS = /各园区|各个园区|所有园区|哪个园区|哪家园区|哪一个园区|各开发区|全部园区|每个园区|两个园区|两园区|几个园区/;
const ASCENDING = /最低|最少|最小|最差|垫底|倒数|更低|更少|更小/;
const RATE_MEASURE = /增幅|降幅|增速|增长率|增长最快|下降最多|同比/;
const REFERS_TO_EARLIER = /这两项|这两个|这几项|这些指标|两者|二者|它们|上述/;
/**
 * Parks a question names: stored parks and their short forms first, then every other park reference through
 * the park-name module: a name documents use (桐山高新区, XX工业园区) resolves to its park; a generic reference
 * (该工业园区, 一季度园区, 投入多少资金完成园区) means the caller's park; only a proper name that matches
 * nothing on record (明湖经济开发区) is unknown.
 */
function findParks(question: string, vocabulary: Vocabulary, defaultPark?: string): { parks: string[]; rest: string; unknown?: string } {
  let rest = question;
  const found: Array<{ at: number; park: string }> = [];
  const candidates = vocabulary.parks
    .flatMap((park) => parkAliases(park).map((alias) => ({ park, alias })))
    .filter(({ alias }) => alias.length >= 2)
    .sort((a, b) => b.alias.length - a.alias.length);
  for (const { park, alias } of candidates) {
    const at = rest.indexOf(alias);
    if (at < 0) continue;
    if (!found.some((item) => item.park === park)) found.push({ at, park });
    rest = rest.replaceAll(alias, " ".repeat(alias.length));
  }
  let unknown: string | undefined;
  for (const mention of findParkMentions(rest)) {
    const park = mention.generic && !mention.placeholder ? null : resolveParkName(mention.name, vocabulary, defaultPark);
    if (park) {
      if (!found.some((item) => item.park === park)) found.push({ at: mention.start, park });
      rest = rest.slice(0, mention.start) + " ".repeat(mention.end - mention.start) + rest.slice(mention.end);
      continue;
    }
    if (!mention.generic) unknown ??= mention.name;
  }
  return { parks: found.sort((a, b) => a.at - b.at).map((item) => item.park), rest, unknown };
}

/** "规上企业的利润": a count-of-enterprises word right before another indicator qualifies it (口径), it is not asked for. */
function dropScopeWords(mentions: IndicatorMention[], text: string): IndicatorMention[] {
  return mentions.filter((mention, index) => {
    const next = mentions[index + 1];
    if (!next || indicatorByKey(mention.key)?.unitKind !== "count_enterprise") return true;
    const between = text.slice(mention.end, next.start);
    return !/^(?:的|实现|完成|的总|总|全年|累计)?$/.test(between.trim());
  });
}

function detectIntent(text: string, indicatorCount: number, years: number[], parkCount: number, range: boolean, allYears: boolean, rankKeyOnly: boolean): { intent: Intent; explicit: boolean } {
  const yearCount = years.length;
  const consecutive = yearCount === 2 && Math.abs(years[0] - years[1]) === 1;
  const spanGrowth = GROWTH.test(text) && !/趋势|走势|历年|逐年|各年|每年|分别/.test(text);
  if (PLAN_VS_ACTUAL.test(text)) return { intent: "plan_vs_actual", explicit: true };
  if (SHARE.test(text)) return { intent: "share", explicit: true };
  if (!rankKeyOnly && RANK.test(text) && (parkCount !== 1 || yearCount !== 1)) return { intent: "rank", explicit: true };
  if (rankKeyOnly && /哪一年|哪年|最靠前|最靠后|最高|最低/.test(text) && parkCount <= 1 && yearCount !== 1) return { intent: "rank", explicit: true };
  // 2020年到2024年累计增长了多少 / 2022年比2020年增长多少: growth over the span, not a trend.
  if ((range || yearCount >= 2) && spanGrowth && !(consecutive && /对比|比较/.test(text))) return { intent: "growth", explicit: true };
  if (range || allYears || yearCount >= 3 || (TREND.test(text) && yearCount !== 1)) return { intent: "trend", explicit: true };
  if (parkCount >= 2) return { intent: "compare", explicit: true };
  if (yearCount === 2 && COMPARE.test(text)) return { intent: "compare", explicit: true };
  if (COMPARE.test(text)) return { intent: "compare", explicit: true };
  if (GROWTH.test(text)) return { intent: "growth", explicit: true };
  if (yearCount === 2) return { intent: "compare", explicit: false };
  return { intent: indicatorCount ? "value" : "open", explicit: false };
}

/**
 * The offline question parser: parks (full or short names), years (digits, Chinese numerals,
 * relative words), sub-year periods, indicators (vocabulary + facts table labels) and the intent.
 * @example parseQuestion("明湖2022年工业总产值是多少？", vocabulary).query
 * // { intent: "value", parks: ["明湖经济开发区"], years: [2022], indicators: ["industrial_output"], … }
 */
export function parseQuestion(question: string, vocabulary: Vocabulary, defaults: { park?: string } = {}): ParsedQuestion {
  const text = question.trim();
  const { parks: namedParks, rest: withoutParks, unknown } = findParks(text, vocabulary, defaults.park);
  const allParks = ALL_PARKS.test(text) && namedParks.length < 2;
  const parks = allParks ? [...vocabulary.parks] : namedParks;
  const park = parks.length === 1 ? parks[0] : defaults.park;
  const latest = (park ? vocabulary.latestYearByPark.get(park) : undefined) ?? vocabulary.latestYear;
  const latestActual = (park ? vocabulary.latestActualYearByPark.get(park) : undefined) ?? vocabulary.latestActualYear;
  const parsedYears = parseYears(withoutParks, latest, latestActual);
  const figureCue = FIGURE_CUE.test(parsedYears.rest);
  const openCue = OPEN_CUE.test(parsedYears.rest);
  const mentions = dropScopeWords(findIndicators(parsedYears.rest, vocabulary.indicators, figureCue), parsedYears.rest);
  let indicators = mentions.map((mention) => mention.key);
  const rankKeyOnly = indicators.length === 1 && indicators[0] === "rank";
  // "各园区工业总产值排名": 排名 orders the other indicator; it is not the 综合排名 indicator itself.
  if (indicators.length > 1 && indicators.includes("rank") && RANK.test(parsedYears.rest)) indicators = indicators.filter((key) => key !== "rank");
  // Cues are read with the indicator words blanked out: 工业增加值 says nothing about growth.
  let cueText = parsedYears.rest;
  for (const mention of mentions.filter((item) => indicators.includes(item.key))) cueText = cueText.slice(0, mention.start) + " ".repeat(mention.end - mention.start) + cueText.slice(mention.end);
  const isOpen = openCue && !(figureCue && (indicators.length > 0 || QUANTITY_CUE.test(parsedYears.rest)));
  let { intent, explicit } = detectIntent(cueText, indicators.length, parsedYears.years, parks.length, parsedYears.range, parsedYears.allYears, rankKeyOnly);
  if (isOpen || (!figureCue && indicators.length === 0)) {
    intent = "open";
    explicit = openCue;
  } else if (intent === "open") intent = "value";
  const status = intent === "plan_vs_actual" ? "actual" : PLAN.test(cueText) ? "plan" : "actual";
  const unknownLabels = intent !== "open" && indicators.length === 0 ? [unknownLabel(parsedYears.rest)].filter(Boolean) : [];
  const topic = parsedYears.rest.replace(/[？?！!。，,\s]+/g, " ").trim();
  const kind = intent === "open"
    ? /计划|打算|思路|安排|明年|下一步|目标|重点任务|重点工作/.test(text) ? "plan" as const
      : /做了|开展|完成|取得|成效|困难|问题|不足|短板|经验|亮点|工作情况|成果/.test(text) ? "summary" as const : undefined
    : undefined;
  const short = text.replace(/[？?！!。，,\s]/g, "").length;
  return {
    query: {
      intent, parks, allParks, unknownPark: namedParks.length === 0 ? unknown : undefined, years: parsedYears.years,
      recent: parsedYears.recent, periodSuffix: parsedYears.periodSuffix, indicators, unknownLabels, status,
      measure: RATE_MEASURE.test(cueText) && (intent === "compare" || intent === "rank") ? "yoy" : "value",
      average: /年均|平均每年|年平均/.test(cueText),
      // 降幅更大 = the most negative rate first.
      order: ASCENDING.test(text) !== /降幅|下降|减少|后退/.test(cueText) ? "asc" : intent === "rank" ? "desc" : undefined, topic, kind, followUp: false,
    },
    signals: {
      explicitIntent: explicit,
      followUpCue: /^(那|那么|还有|再|另外|同期|和|与|跟|这|该|其|上述|它|比)/.test(text) || /呢[？?]?$/.test(text) || short <= 8 || REFERS_TO_EARLIER.test(text),
      compareWithPrevious: /(?:和|与|跟|比|较).{0,3}(?:去年|上年|上一年|前一年)/.test(text) && parsedYears.years.length <= 1 && namedParks.length === 0,
      refersToEarlier: REFERS_TO_EARLIER.test(text),
      relativeYears: parsedYears.relative,
      figureCue,
    },
  };
}

/** The words of a figure question that named no known indicator (for the refusal message). */
function unknownLabel(rest: string): string {
  return rest
    .replace(/[？?！!。，,、\s]/g, "")
    .replace(/(请问|请|帮我|查询|查一下|一下|告诉我|园区|全园|的|是|为|有|共|多少|几|分别|实现|完成|达到|情况|数据|怎么样|如何|吗|呢|了|年|全年|累计)/g, "")
    .slice(0, 20);
}
