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
