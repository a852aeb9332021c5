/**
 * Short forms park documents and their readers use for indicators, kept as data: a question written one way
 * finds a figure stated the other way (社零总额 ↔ 社会消费品零售总额, 高企 ↔ 高新技术企业). Extend freely.
 */
export const ABBREVIATIONS: ReadonlyArray<readonly [short: string, full: string]> = [
  ["社零", "社会消费品零售"],
  ["高企", "高新技术企业"],
  ["规上", "规模以上"],
  ["限上", "限额以上"],
  ["固投", "固定资产投资"],
  ["技改", "技术改造"],
  ["研发", "研究开发"],
  ["营收", "营业收入"],
  ["主营收入", "主营业务收入"],
  ["外资", "外商投资"],
  ["外贸", "对外贸易"],
  ["进出口", "进口出口"],
  ["GDP", "地区生产总值"],
  ["R&D", "研究与试验发展"],
  ["专精特新", "专业化精细化特色化新颖化"],
  ["一般预算", "一般公共预算"],
];

/**
 * The text with the other form of every short or full form it holds appended, so that matching by shared
 * characters sees both.
 * @example withAbbreviations("社零总额") // "社零总额 社会消费品零售"
 */
export function withAbbreviations(text: string): string {
  const extra: string[] = [];
  const upper = text.toUpperCase();
  for (const [short, full] of ABBREVIATIONS) {
    if (upper.includes(short.toUpperCase())) extra.push(full);
    else if (text.includes(full)) extra.push(short);
  }
  return extra.length ? `${text} ${extra.join(" ")}` : text;
}
