/**
 * The indicator vocabulary: canonical keys, the Chinese labels and aliases park documents use, and
 * the kind of unit each indicator is measured in. Keys are shared with the stats importer, the
 * answerer and the labeled evaluation set, so never rename one.
 */
import { RESTATING_SCOPES } from "./lexicon.ts";

export type UnitKind =
  | "money"
  | "energy"
  | "count_enterprise"
  | "count_project"
  | "count_person"
  | "area"
  | "percent"
  | "rank"
  | "other";

export interface Indicator {
  key: string;
  label: string;
  aliases: string[];
  unitKind: UnitKind;
}

/** The resolved indicator of a label. */
export interface ResolvedIndicator {
  key: string;
  label: string;
  unitKind: UnitKind;
}

const indicator = (key: string, label: string, unitKind: UnitKind, aliases: string[] = []): Indicator => ({
  key,
  label,
  aliases,
  unitKind,
});

/** Canonical indicators. Aliases are matched as substrings, longest first. */
export const INDICATORS: Indicator[] = [
  indicator("industrial_output", "工业总产值", "money", ["规上工业总产值", "规模以上工业总产值", "工业产值", "总产值", "产值"]),
  indicator("industrial_value_added", "工业增加值", "money", ["规模以上工业增加值", "规上工业增加值"]),
  indicator("gdp", "地区生产总值", "money", ["生产总值", "GDP"]),
  indicator("revenue", "主营业务收入", "money", ["营业收入", "营收", "主营收入", "销售收入"]),
  indicator("profit", "利润", "money", ["利润总额", "实现利润"]),
  indicator("tax", "税金", "money", ["税金总额", "税收", "上缴税金", "税收收入", "入库税收", "纳税", "上缴税收"]),
  indicator("tax_per_mu", "亩均税收", "money", ["亩均税收收入", "亩均税金"]),
  indicator("output_per_mu", "亩均产值", "money", ["亩均工业产值"]),
  indicator("fiscal_revenue", "财政总收入", "money", ["财政收入"]),
  indicator("general_budget_revenue", "一般公共预算收入", "money", ["公共财政预算收入", "地方一般公共预算收入"]),
  indicator("electricity", "用电量", "energy", ["工业用电量", "工业企业用电量", "全社会用电量"]),
  indicator("energy_consumption", "综合能耗", "energy", ["能源消费量", "能耗"]),
  indicator("employees", "从业人数", "count_person", ["从业平均人数", "全部从业平均人数", "就业人数", "从业人员"]),
  indicator("jobs", "就业岗位", "count_person", ["提供就业岗位", "新增就业", "就业岗"]),
  indicator("fixed_investment", "固定资产投资", "money", ["工业固定资产投资", "工业投资"]),
  indicator("investment_attracted", "招商引资到位资金", "money", ["到位资金", "实际利用内资", "引资到位资金", "招商引资资金"]),
  indicator("foreign_investment", "实际利用外资", "money", ["利用外资"]),
  indicator("projects", "项目数", "count_project", ["落户项目", "签约项目", "新开工项目", "引进项目", "工贸企业项目", "开工项目", "竣工项目", "投产项目", "在建项目", "招商项目", "项目"]),
  indicator("project_investment", "项目总投资", "money", ["总投资", "计划总投资", "协议总投资", "合同总投资"]),
  indicator("hitech_enterprises", "高新技术企业", "count_enterprise", ["国家高新技术企业", "高企"]),
  indicator("above_scale_enterprises", "规上企业数", "count_enterprise", ["规模以上工业企业", "规上工业企业", "规上企业", "规模以上企业"]),
  indicator("enterprises", "企业数", "count_enterprise", ["入驻企业", "入园企业", "落户企业", "签约引进企业", "引进企业", "企业"]),
  indicator("exports", "进出口总额", "money", ["出口额", "外贸进出口", "进出口", "出口总额", "出口交货值"]),
  indicator("loans", "贷款金额", "money", ["放贷金额", "融资金额", "累计放贷金额", "贷款", "融资", "放贷"]),
  indicator("loan_enterprises", "获得贷款支持企业数", "count_enterprise", ["获得贷款支持的企业", "贷款支持的企业", "获贷企业"]),
  indicator("subsidies", "扶持资金", "money", ["奖补资金", "补助资金", "发展扶持资金", "补贴资金", "稳岗扩岗资金", "奖励资金"]),
  indicator("tax_incentive_enterprises", "税收奖励企业数", "count_enterprise", ["税收奖励返还", "税收奖励"]),
  indicator("land_area", "土地面积", "area", ["用地", "征地", "平整土地", "土地平整", "土地征用", "林地报批", "林地", "征地拆迁", "规划面积", "供地", "出让土地"]),
  indicator("rd_investment", "研发投入", "money", ["研发经费", "R&D经费", "研发费用"]),
  indicator("patents", "专利授权量", "other", ["专利", "发明专利"]),
  indicator("safety_inspections", "安全检查", "other", ["安全生产检查", "安全检查次数", "安全隐患排查", "检查企业"]),
  indicator("hazards_fixed", "隐患整改", "other", ["整改隐患", "排查隐患", "安全隐患"]),
  indicator("rectification_notices", "整改通知书", "other", ["安全隐患整改通知书", "环境保护整改通知书", "整改通知", "限期整改通知书"]),
  indicator("penalties", "处罚金额", "money", ["处罚", "罚款", "罚款金额", "行政处罚"]),
  indicator("violations", "违法行为", "other", ["环境违法行为", "违法违规行为", "环境违法案件", "违法案件"]),
  indicator("petitions", "信访件", "other", ["信访案件", "环保信访件", "信访"]),
  indicator("rank", "综合排名", "rank", ["排名", "排位", "考核排名"]),
];

interface AliasEntry {
  alias: string;
  indicator: Indicator;
}

/** Every alias (label included), longest first, so that 项目总投资 beats 总投资 and 亩均税收 beats 税收. */
const ALIASES: AliasEntry[] = INDICATORS.flatMap((item) =>
  [item.label, ...item.aliases].map((alias) => ({ alias, indicator: item })),
).sort((a, b) => b.alias.length - a.alias.length);

/** Aliases by their last character, longest first: a backward scan finds the alias ending last. */
const ALIASES_BY_LAST = (() => {
  const map = new Map<string, AliasEntry[]>();
  for (const entry of ALIASES) {
    const last = entry.alias[entry.alias.length - 1];
    map.set(last, [...(map.get(last) ?? []), entry]);
  }
  return map;
})();

/**
 * The alias of the vocabulary found inside a text, with its position. The alias ending last wins
 * (it sits next to the figure: 规上企业营收 → 营收), then the longest (项目总投资 beats 总投资).
 */
export function findIndicatorAlias(text: string): { indicator: Indicator; alias: string; start: number } | null {
  for (let end = text.length; end > 0; end--) {
    const entries = ALIASES_BY_LAST.get(text[end - 1]);
    if (!entries) continue;
    for (const { alias, indicator: item } of entries) {
      const start = end - alias.length;
      if (start >= 0 && text.startsWith(alias, start)) return { indicator: item, alias, start };
    }
  }
  return null;
}

const resolved = (item: Indicator): ResolvedIndicator => ({ key: item.key, label: item.label, unitKind: item.unitKind });

/**
 * Canonical indicator of a label: the longest alias the label contains, else an alias that
 * contains the label (fuzzy: 产值 → 工业总产值). Null when nothing fits; callers then use `label:<label>`.
 * @example resolveIndicator("规上企业实现工业总产值") // { key: "industrial_output", label: "工业总产值", unitKind: "money" }
 */
export function resolveIndicator(label: string): ResolvedIndicator | null {
  const text = label.trim();
  if (!text) return null;
  const direct = findIndicatorAlias(text);
  if (direct) return resolved(direct.indicator);
  if (text.length < 2) return null;
  for (const { alias, indicator: item } of [...ALIASES].reverse()) if (alias.includes(text)) return resolved(item);
  return null;
}

/** Indicator by key (`share:tax` and `yoy:tax` resolve to tax). */
export function indicatorByKey(key: string): Indicator | undefined {
  const base = key.includes(":") && !key.startsWith("label:") ? key.slice(key.indexOf(":") + 1) : key;
  return INDICATORS.find((item) => item.key === base);
}

/** Key for a label outside the vocabulary: never dropped. */
export function unknownIndicatorKey(label: string): string {
  return `label:${label}`;
}

/** Whether `scope` merely restates the indicator `key` (yoy:/share: prefixes ignored); see RESTATING_SCOPES. */
export function isDefiningScope(key: string, scope: string): boolean {
  const base = indicatorByKey(key)?.key ?? key;
  return RESTATING_SCOPES[base]?.test(scope) ?? false;
}

const PLAIN_PREFIX = /^(?:规上|规模以上|全园|园区|全年|年末|累计|新增|新认定|有效|实现|完成)+/;

/**
 * Whether a label is a plain name of the indicator (考核排名, 规上工业总产值, 项目数), not a narrower item
 * (企业复工复产补助资金, 智能化改造项目) that statistics of the indicator do not count.
 */
export function isPlainName(label: string, key: string): boolean {
  const item = indicatorByKey(key);
  if (!item) return false;
  const core = label.replace(PLAIN_PREFIX, "");
  return [item.label, ...item.aliases].some((name) => name === label || name === core);
}
