/**
 * Words about parks, kept as data: the suffixes that make a park name, and the words that show a phrase
 * ending in such a suffix is not a name (加快推进全域工业园区, 省级绿色低碳示范试点园区, 投入多少资金完成园区).
 * Extend these lists for a new kind of document; the rules in `park-names.ts` read them.
 */

/** Park suffixes, longest first (a name is matched with the longest suffix it ends in). */
export const PARK_SUFFIXES = [
  "高新技术产业开发区", "经济技术开发区", "高新技术产业园区", "高新技术开发区", "高新技术园区", "工业集中发展区",
  "经济开发区", "工业开发区", "产业开发区", "工业集中区", "工业园区", "产业园区", "科技园区", "物流园区",
  "开发区", "高新区", "经开区", "集中区", "工业园", "产业园", "科技园", "园区",
] as const;

/**
 * Words that open a phrase but are no part of a name: levels and quantifiers (省级, 全市, 各), references
 * (该, 本, 我), time words (一季度, 年度) and connectors. A name's prefix that starts with one, once the
 * word is stripped, may still be a name (全市县域工业集中区 → 县域工业集中区 → generic).
 */
export const LEADING_NON_NAME = [
  "国家级", "国家", "省级", "市级", "县级", "区级", "全国", "全省", "全市", "全县", "全区", "本市", "本县", "县域", "市域",
  "各个", "各", "每个", "所有", "全部", "两个", "几个", "哪个", "哪家", "哪一个", "这个", "那个", "整个", "其他",
  "该", "本", "我们", "我", "全", "省", "市", "县", "首批", "新", "度", "季度", "年度", "当年", "今年", "去年",
] as const;

/**
 * Words that never stand inside a park name: verbs, function words, question words, honorific titles.
 * A candidate whose prefix holds one is a phrase, not a name.
 */
export const NON_NAME_WORDS = [
  "关于", "的", "和", "与", "及", "在", "是", "为", "了", "对", "把", "被", "将", "向", "从", "由", "以", "等",
  "年", "月", "日", "多少", "几", "哪", "什么", "如何", "怎么",
  "加快", "推进", "推动", "发展", "大力", "建设", "建成", "改造", "示范", "试点", "循环", "优秀", "先进", "获批",
  "评为", "列入", "命名", "授予", "完成", "实现", "投入", "资金", "打造", "创建", "争创", "培育", "申报", "提升",
  "工作", "汇报", "总结", "计划", "报告", "情况", "主导", "产业集群", "入驻", "进驻", "规划", "开发建设", "累计",
  "目前", "现有", "企业", "项目", "综合", "重点", "主要", "季度", "年度", "以来", "全年", "上半年",
  "优化", "理顺", "美化", "完善", "拓展", "增添", "树立", "抢抓", "围绕", "增强", "明显", "不断", "进一步", "全面",
  "节约型", "友好型", "服务", "管理", "支持", "引导", "入园", "进园", "出园", "全力", "着力", "聚焦", "依托", "壮大",
] as const;

/** Words before a quoted or listed title (被评为“省级工业园区”): what follows is an honour, not a name. */
export const TITLE_CUES = ["评为", "授予", "命名为", "获批", "批准为", "列为", "列入", "成为", "入选", "认定为", "创建"] as const;
