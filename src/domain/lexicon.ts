/**
 * Words about figures, kept as data and shared by extraction, question matching and the verifier, so that one
 * judgement is made by one list: what marks a flow (this year's additions), what names an amount of money.
 */

/** Words that make a count a flow, not a stock: 新增规上企业23家 vs 总数318家. */
export const FLOW_WORDS = ["新增", "新认定", "新引进", "新培育", "新纳入", "净增", "新入规", "新升规"] as const;

/** A flow word anywhere in a text. */
export const FLOW = new RegExp(`(${FLOW_WORDS.join("|")})`);

/**
 * Project stages that also count this year's additions (新签约项目38个). Extraction reads these as the project's
 * stage (its 口径), not as an increment; question matching treats them as flows too.
 */
export const PROJECT_FLOW_WORDS = ["新签约", "新落户", "新招引", "新入园", "新开工"] as const;

/** A flow or a project-stage flow anywhere in a text. */
export const ANY_FLOW = new RegExp(`(${[...FLOW_WORDS, ...PROJECT_FLOW_WORDS].join("|")})`);

/** Words that name an amount of money (so a bare 万 is 万元, and a question about them wants a figure in 元). */
export const MONEY_WORDS = new RegExp([
  "收入", "营收", "营业额", "产值", "投资", "投入", "税", "利润", "销售", "费用", "开发费", "资金", "金额", "贷款", "财政",
  "增加值", "总额", "GDP", "生产总值", "出口", "进口", "基金",
].join("|"));

/**
 * Stages of a project. A count of projects is qualified by the stage it counts: the newly settled ones
 * (落户, 签约, 引进: statistics tables call them 新落户项目) or a later stage (新开工项目, 竣工投产项目).
 */
export const PROJECT_SETTLED_SCOPE = "新落户项目";
export const PROJECT_SETTLED = /落户|签约|引进|招引/;
export const PROJECT_STAGE = new RegExp(
  ["新开工", "开工建设", "开工", "竣工投产", "建成投产", "竣工", "建成", "投产", "达产", "在建", "续建", "储备"].join("|"),
);

/**
 * 口径 words that only restate what an indicator counts, as statistics tables write them next to the
 * park's own total: the lender of a loan figure (融资平台, 银行), the sector of an electricity figure
 * (工业企业), the frame of a rank (全省开发区综合考核), stock words of a count (年末总数, 有效). A figure under
 * one of these is the park's figure, not a part of it. Extend the patterns for a new kind of table.
 */
export const RESTATING_SCOPES: Record<string, RegExp> = {
  projects: new RegExp(`^${PROJECT_SETTLED_SCOPE}$`),
  project_investment: new RegExp(`^${PROJECT_SETTLED_SCOPE}$`),
  loans: /^(?:各类|各)?(?:融资平台|金融机构|银行|合作银行|金融平台)$/,
  loan_enterprises: /^(?:各类|各)?(?:融资平台|金融机构|银行|合作银行|金融平台)$/,
  electricity: /^(?:规上|规模以上)?工业(?:企业)?$/,
  rank: /考核|评价|评比|排名|排位|争先创优/,
  hitech_enterprises: /^(?:年末|年底)?(?:总数|有效|累计)$|^年末$|^新增认定$|^新认定$/,
  above_scale_enterprises: /^(?:年末|年底)?(?:总数|累计)$|^年末$/,
};

/** Scopes that mark a count as a flow (this year's additions) rather than the stock. */
export const INCREMENT_SCOPES = new Set(["新增认定", "新增", "新认定"]);

/**
 * The verb the genre puts before an indicator's figure in a report (实现工业总产值…, 完成固定资产投资…),
 * first match on the label; labels matching none are stated bare (贷款金额6.82亿元). Counts take 达到 or 新增.
 */
export const STATEMENT_VERBS: Array<[RegExp, string]> = [
  [/投资|到位资金|引资|利用外资|用电量|用气量|能耗|研发/, "完成"],
  [/产值|收入|营收|营业额|利润|税|增加值|生产总值|GDP|进出口|出口|销售|开票/, "实现"],
];

/**
 * Indicators that sum over enterprises, so a sentence's 规上企业 subject carries to them (规上企业实现产值…、利润…、
 * 用电量…). Others (项目数, 就业岗位, 土地面积, 招商引资) are the park's own figures even in that sentence.
 * Labels outside the vocabulary keep the subject.
 */
export const ENTERPRISE_SUMS = new Set([
  "industrial_output", "industrial_value_added", "revenue", "profit", "tax", "electricity", "energy_consumption",
  "employees", "exports", "rd_investment", "output_per_mu", "tax_per_mu", "above_scale_enterprises", "patents",
]);

/** Whether a 规上企业 subject carries to a figure of this indicator (yoy:/share: prefixes ignored). */
export function carriesEnterpriseScope(indicatorKey: string): boolean {
  if (indicatorKey.startsWith("label:")) return true;
  return ENTERPRISE_SUMS.has(indicatorKey.replace(/^[a-z]+:/, ""));
}
