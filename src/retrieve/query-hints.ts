/** Park-name suffixes of the genre; what precedes them is the name people use for short ("江屿"). */
const PARK_SUFFIX = /(经济技术开发区|高新技术产业开发区|经济开发区|高新技术产业园区|工业园区|产业园区|高新区|开发区|工业区|园区)$/;

export interface QueryHints {
  /** Four-digit years the question names (2022年, 2022). */
  years: number[];
  /** The park the question names, matched by full or short name against the parks on record. */
  park?: string;
  /** The question asks about intentions (打算, 计划, 思路 …) rather than what was done. */
  wantsPlan: boolean;
}

/** The short name of a park: its name without the genre suffix, when at least two characters remain. */
export function shortParkName(park: string): string {
  const short = park.replace(PARK_SUFFIX, "");
  return short.length >= 2 ? short : park;
}

/**
 * Cheap signals in a question that retrieval uses to prefer the right year and park.
 * @example queryHints("江屿2022年安全生产做了什么", ["江屿经济开发区"]) // → { years: [2022], park: "江屿经济开发区", wantsPlan: false }
 */
export function queryHints(question: string, parks: string[]): QueryHints {
  const years = [...new Set([...question.matchAll(/(?<!\d)(20\d{2}|19\d{2})(?!\d)/g)].map((match) => Number(match[1])))];
  const park = [...parks]
    .sort((a, b) => b.length - a.length)
    .find((name) => name && (question.includes(name) || question.includes(shortParkName(name))));
  const wantsPlan = /(计划|打算|思路|目标|准备|部署|安排|将要|下一步|重点工作|要点)/.test(question);
  return { years, park, wantsPlan };
}
