import { INDICATORS, resolveIndicator } from "../domain/indicators.ts";

/** One indicator mention in a question. */
export interface IndicatorMention {
  key: string;
  label: string;
  start: number;
  end: number;
}

interface Term {
  term: string;
  key: string;
  label: string;
}

/**
 * Short words people use in questions for vocabulary indicators (产值, 营收, 税收 …). Each one is
 * resolved through `resolveIndicator`, so the vocabulary stays the single source of keys.
 */
const QUESTION_HEADS: Array<[head: string, term: string]> = [
  ["产值", "产值"], ["营收", "营收"], ["收入", "收入"], ["税", "税"], ["用电", "用电"], ["电量", "电量"], ["人数", "人数"],
  ["员工", "从业人员"], ["职工", "从业人员"], ["就业", "就业"], ["投资", "投资"], ["项目", "项目"], ["高企", "高企"],
  ["出口", "出口"], ["能耗", "能耗"], ["专利", "专利"], ["贷款", "贷款"], ["放贷", "贷款"], ["外资", "外资"],
  ["排第", "排名"], ["第几", "排名"], ["名次", "排名"], ["位次", "排名"],
];

/** 人均产值, 每平方公里产值, 单位面积产出: an intensity is another indicator than the head it ends with. */
const INTENSITY = /(?:人均|亩均|地均|单位[\u4e00-\u9fa5]{0,6}|每(?![年月季个家次])[\u4e00-\u9fa5]{1,5}|平均每[\u4e00-\u9fa5]{0,3})$/;

/** Words that say what is asked about a figure (目标, 增长 …), never an indicator of their own. */
const CUE_WORDS = /目标|计划|完成|增长|增速|同比|占比|比重|排名|合计|总计|累计|方面|情况|工作/;

/** Derived keys (share:, yoy:, pp:, delta:) are never asked for by name; free labels only for figure questions. */
function isQuestionLabel(key: string, loose: boolean): boolean {
  if (/^(share|yoy|pp|delta):/.test(key)) return false;
  return loose || !key.startsWith("label:");
}

function vocabularyTerms(): Term[] {
  return INDICATORS.flatMap((item) => [item.label, ...item.aliases].map((term) => ({ term, key: item.key, label: item.label })));
}

const VOCABULARY_TERMS = vocabularyTerms();

/** Strip the verbs and scope words that stored labels often start with (实现/完成/新增/规上企业…). */
function coreLabel(label: string): string {
  return label.replace(/^(全年|累计|共|新增|实现|完成|达到|规上企业|规上|规模以上|园区)+/, "").replace(/(总额|总量|金额)$/, "");
}

/**
 * Every indicator a question mentions, in the order written: vocabulary aliases first (longest wins,
 * no overlaps), then labels found in the facts table (e.g. `label:标准厂房面积`), then — when
 * `loose` — short heads such as 产值/税 resolved through the vocabulary.
 * @example findIndicators("2022年利润和税金分别是多少", [], false).map((m) => m.key) // ["profit", "tax"]
 */
export function findIndicators(
  text: string,
  stored: Array<{ key: string; label: string }>,
  loose: boolean,
): IndicatorMention[] {
  const covered = new Array<boolean>(text.length).fill(false);
  const mentions: IndicatorMention[] = [];
  const claim = (term: string, key: string, label: string) => {
    let from = 0;
    while (from < text.length) {
      const start = text.indexOf(term, from);
      if (start < 0) return;
      const end = start + term.length;
      if (!covered.slice(start, end).some(Boolean)) {
        covered.fill(true, start, end);
        // 每平方公里产值 is an intensity, not 产值: claim the words, name no indicator.
        if (!INTENSITY.test(text.slice(Math.max(0, start - 8), start))) mentions.push({ key, label, start, end });
      }
      from = end;
    }
  };
  // Labels outside the vocabulary ("label:…") are free text from documents: trust them only for figure questions.
  const storedTerms: Term[] = stored.filter((item) => isQuestionLabel(item.key, loose)).flatMap((item) => {
    const core = coreLabel(item.label);
    // Two-character stored labels (企业, 项目, 产值) are too generic to name an indicator on their own; a label
    // whose own words point to another indicator (主营业务收入和利润 filed under profit) is an extraction slip.
    const resolvedKey = resolveIndicator(item.label)?.key;
    if (!item.key.startsWith("label:") && resolvedKey !== item.key) return [];
    return [...new Set([item.label, core])]
      .filter((term) => term.length >= 3 && !CUE_WORDS.test(term) && !/[和及与、，,]/.test(term))
      .map((term) => ({ term, key: item.key, label: item.label }));
  });
  const terms = [...VOCABULARY_TERMS, ...storedTerms].sort((a, b) => b.term.length - a.term.length);
  for (const { term, key, label } of terms) claim(term, key, label);
  if (loose) {
    for (const [head, term] of QUESTION_HEADS) {
      const resolved = resolveIndicator(term);
      if (!resolved) continue;
      let from = 0;
      while (from < text.length) {
        const start = text.indexOf(head, from);
        if (start < 0) break;
        from = start + head.length;
        if (INTENSITY.test(text.slice(Math.max(0, start - 8), start))) {
          // Block the head so that no shorter head claims it either.
          covered.fill(true, start, start + head.length);
          continue;
        }
        if (!covered.slice(start, start + head.length).some(Boolean)) {
          covered.fill(true, start, start + head.length);
          mentions.push({ key: resolved.key, label: resolved.label, start, end: start + head.length });
        }
      }
    }
  }
  const seen = new Set<string>();
  return mentions
    .sort((a, b) => a.start - b.start)
    .filter((mention) => (seen.has(mention.key) ? false : (seen.add(mention.key), true)));
}

/** Indicator labels closest to a word, for refusals ("相关指标有：…"): shared characters, then fact count. */
export function nearestIndicators(
  word: string,
  stored: Array<{ key: string; label: string; facts: number }>,
  count = 5,
): Array<{ key: string; label: string }> {
  const chars = new Set(word);
  // Vocabulary indicators, and free labels only when several facts carry them (one-off labels are noise).
  const scored = stored.filter((item) => !item.key.includes(":") || (item.key.startsWith("label:") && item.facts >= 3 && item.label.length >= 3)).map((item) => ({
    item,
    score: [...new Set(item.label)].filter((ch) => chars.has(ch)).length / Math.max(1, new Set(item.label).size),
  }));
  return scored
    .sort((a, b) => b.score - a.score || b.item.facts - a.item.facts)
    .slice(0, count)
    .map(({ item }) => ({ key: item.key, label: item.label }));
}
