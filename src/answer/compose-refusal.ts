import { nearestIndicators } from "./find-indicators.ts";
import { formatYears, indicatorLabel } from "./format-figure.ts";
import type { AnswerQuery } from "./types.ts";
import type { Vocabulary } from "./vocabulary.ts";

/** A slot asked for and not on record. */
export interface MissingSlot {
  park: string;
  year: number | null;
  key: string;
}

/** "数据库中没有江屿经济开发区2018年利润的数据". */
export function missingSentence(slot: MissingSlot, periodText = ""): string {
  const when = slot.year !== null ? `${slot.year}年${periodText}` : "";
  return `数据库中没有${slot.park}${when}${indicatorLabel(slot.key)}的数据`;
}

/**
 * A plain refusal: what is not on record, then what is (the park's years, the years this indicator has,
 * the nearest indicators). Never a guess.
 * @example "数据库中没有江屿经济开发区2018年工业总产值的数据。该园区现有2020—2022年的数据；工业总产值有2020—2022年的数据。"
 */
export function composeRefusal(
  query: AnswerQuery,
  vocabulary: Vocabulary,
  missing: MissingSlot[],
  yearsOfIndicator: (park: string, key: string) => number[],
  periodText = "",
  yearsOfWholeYear?: (park: string, key: string) => number[],
): string {
  const parks = query.parks.length ? query.parks : vocabulary.parks;
  if (vocabulary.parks.length === 0) return "数据库中还没有任何园区的统计数据或文档，无法回答。请先导入工作总结、工作计划或统计数据。";
  if (query.indicators.length === 0) {
    const asked = query.unknownLabels.find((label) => label.length > 0);
    const near = nearestIndicators(asked ?? query.topic, vocabulary.indicators, 6).map((item) => indicatorLabel(item.key));
    const what = asked ? `“${asked}”这项` : "所问的";
    return `数据库中没有${what}指标的数据，无法给出数字。现有的指标包括：${[...new Set(near)].join("、")}等。`;
  }
  const sentences: string[] = [];
  const seen = new Set<string>();
  for (const slot of missing.length ? missing : parks.flatMap((park) => query.indicators.map((key) => ({ park, year: query.years[0] ?? null, key })))) {
    const id = `${slot.park}|${slot.year}|${slot.key}`;
    if (seen.has(id)) continue;
    seen.add(id);
    sentences.push(`${missingSentence(slot, periodText)}。`);
  }
  for (const park of parks) {
    const years = vocabulary.yearsByPark.get(park) ?? [];
    const notes: string[] = [];
    if (years.length) notes.push(`${park}现有${formatYears(years)}的数据`);
    else notes.push(`数据库中还没有${park}的数据`);
    for (const key of query.indicators) {
      const keyYears = yearsOfIndicator(park, key);
      const wholeYears = periodText && yearsOfWholeYear ? yearsOfWholeYear(park, key) : [];
      if (keyYears.length) notes.push(`${indicatorLabel(key)}有${formatYears(keyYears)}的${periodText}${query.status === "plan" ? "目标" : ""}数据`);
      else if (wholeYears.length) notes.push(`${indicatorLabel(key)}只有${formatYears(wholeYears)}的全年数据，没有${periodText}数据`);
      else if (years.length) {
        const near = nearestIndicators(indicatorLabel(key), vocabulary.indicators.filter((item) => item.key !== key), 5);
        notes.push(`该园区暂无${indicatorLabel(key)}数据，相近的指标有：${[...new Set(near.map((item) => indicatorLabel(item.key)))].join("、")}`);
      }
    }
    sentences.push(`${notes.join("；")}。`);
  }
  return sentences.join("");
}

/**
 * The gaps of a partly answered question, as one closing sentence; slots some sentence already
 * answered (e.g. the earlier year of a comparison found elsewhere) are left out.
 */
export function composeMissingNote(missing: MissingSlot[], used: Array<{ park: string; year: number; indicatorKey: string }>, periodText = ""): string {
  const open = missing.filter((slot) => !used.some((fact) => fact.park === slot.park && fact.year === slot.year && fact.indicatorKey === slot.key));
  const unique = [...new Map(open.map((slot) => [`${slot.park}|${slot.year}|${slot.key}`, slot])).values()];
  if (unique.length === 0) return "";
  return `另：${unique.map((slot) => missingSentence(slot, periodText)).join("；")}。`;
}
