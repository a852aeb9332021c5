/**
 * Periods of facts, one format everywhere: "2021" (whole year), "2021H1", "2021Q1", "2021M01-11" (1—11月),
 * "2021-2024" (a span), "2021-" (since 2021). A figure whose year no text or upload states keeps its sub-year
 * part under the unknown year "0000" ("0000M01-10"), stored with year 0, and is shown as 年份未注明.
 */

/** The year of a fact whose document states none. */
export const UNKNOWN_YEAR = 0;
/** The year part of such a fact's period. */
export const UNKNOWN_YEAR_PERIOD = "0000";

/** A period's year, or UNKNOWN_YEAR. */
export function periodYear(period: string): number {
  const match = /^(\d{4})/.exec(period);
  return match ? Number(match[1]) : UNKNOWN_YEAR;
}

/** A period's sub-year part ("H1", "M01-11"), "" for a whole year. */
export function periodSuffix(period: string): string {
  return /^\d{4}([HQM].*)?$/.exec(period)?.[1] ?? "";
}

/** The sub-year part in words: H1 → 上半年, Q1 → 第一季度, M01-11 → 1-11月. */
export function subPeriodText(sub: string): string {
  if (sub === "H1") return "上半年";
  if (sub === "H2") return "下半年";
  if (/^Q[1-4]$/.test(sub)) return `第${"一二三四"[Number(sub[1]) - 1]}季度`;
  const months = /^M(\d{2})(?:-(\d{2}))?$/.exec(sub);
  if (months) return `${Number(months[1])}${months[2] ? `-${Number(months[2])}` : ""}月`;
  return sub;
}

/**
 * A period in words, as answers and reasons print it.
 * @example periodText("2021M01-11") // "2021年1-11月"
 * @example periodText("0000M01-10") // "（年份未注明）1-10月"
 */
export function periodText(period: string): string {
  const span = /^(\d{4})-(\d{4})?$/.exec(period);
  if (span) return span[2] ? `${span[1]}—${span[2]}年` : `${span[1]}年以来`;
  const match = /^(\d{4})(.*)$/.exec(period);
  if (!match) return period;
  const [, year, sub] = match;
  const yearText = year === UNKNOWN_YEAR_PERIOD ? "（年份未注明）" : `${year}年`;
  return `${yearText}${subPeriodText(sub)}`;
}

const CN_MONTHS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };

/**
 * The part of a year a report covers, from its title or opening: 上半年 → H1, 一季度 → Q1, 前三季度 → M01-09,
 * 1—11月 → M01-11; undefined for a whole-year report. Figures of such a report that state no period of their
 * own are of that part of the year.
 * @example partialPeriodOf("2023年上半年工作总结") // "H1"
 */
export function partialPeriodOf(title: string): string | undefined {
  if (/上半年/.test(title)) return "H1";
  if (/前三季度|1-3季度|一至三季度/.test(title)) return "M01-09";
  if (/(?:第?一|1)季度/.test(title)) return "Q1";
  const months = /(?:1|一)\s*(?:——|—|–|-|~|至|到)\s*(\d{1,2}|[一二三四五六七八九十]{1,2})\s*月/.exec(title);
  if (months) {
    const to = /^\d+$/.test(months[1]) ? Number(months[1]) : CN_MONTHS[months[1]] ?? 0;
    if (to === 6) return "H1";
    if (to === 3) return "Q1";
    if (to >= 2 && to <= 11) return `M01-${String(to).padStart(2, "0")}`;
  }
  return undefined;
}
