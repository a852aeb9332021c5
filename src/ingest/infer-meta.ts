/**
 * Document metadata guessed from its title and opening lines: the park, the
 * year, the kind (总结 / 计划 / 报告) and a title.
 */
import type { DocumentKind } from "./types.ts";

/** Result of {@link inferMeta}. */
export interface InferredMeta {
  park?: string;
  year?: number;
  kind?: DocumentKind;
  title: string;
}

/**
 * A park name: a 2–8 character prefix and a park suffix. The prefix may not
 * contain function words or the year, so "2020年工业园区" yields no park.
 */
const PARK =
  /([\u4e00-\u9fffA-Za-z]{2,8}?(?:高新技术产业开发区|经济技术开发区|高新技术产业园区|工业园区|经济开发区|产业园区|高新区|开发区|工业园|产业园|园区))/g;
const PARK_PREFIX_STOP = /[的和在及与对于是为了年月日我本该全各]/;

/** A title-like opening: ends with 总结/计划/要点/思路/报告, optionally "…总结及…计划". */
const TITLE =
  /^[^。；！？\n]{0,40}?(?:工作总结|工作计划|工作要点|工作思路|工作报告|工作汇报|总结|计划|要点|报告)(?:及[^。；！？\n]{0,25}?(?:工作计划|工作思路|工作打算|工作要点|计划|打算|思路))?/;

function findPark(text: string): string | undefined {
  for (const match of text.matchAll(PARK)) {
    let name = match[1];
    // Drop leading words that are not part of a name (e.g. "今年以来，XX工业园区").
    const stop = [...name].findLastIndex((char) => PARK_PREFIX_STOP.test(char));
    if (stop !== -1) name = name.slice(stop + 1);
    const suffix = /(?:高新技术产业开发区|经济技术开发区|高新技术产业园区|工业园区|经济开发区|产业园区|高新区|开发区|工业园|产业园|园区)$/.exec(name);
    const prefix = suffix ? name.slice(0, suffix.index) : name;
    if (prefix.length >= 2 && !/^(?:工业|产业|经济|高新|开发|本|我|全|该)/.test(prefix)) return name;
  }
  return undefined;
}

function kindOf(text: string): DocumentKind | undefined {
  if (/总结/.test(text)) return "summary"; // "总结及…计划" is a summary; sections carry the plan part
  if (/计划|要点|思路|打算|安排/.test(text)) return "plan";
  if (/报告|汇报/.test(text)) return "report";
  return undefined;
}

/**
 * Infers metadata. The title wins over the text for every field.
 *
 * @example
 * inferMeta({ text: "2020年XX工业园区工作总结及2021年工作计划今年以来…" })
 * // { park: "XX工业园区", year: 2020, kind: "summary", title: "2020年XX工业园区工作总结及2021年工作计划" }
 */
export function inferMeta(input: { title?: string; text: string }): InferredMeta {
  const lines = input.text
    .split("\n")
    .map((line) => line.trim().replace(/^#{1,6}\s+/, "")) // Markdown heading marks
    .filter((line) => line !== "");
  const opening = lines.slice(0, 5).join("\n");
  const givenTitle = input.title?.trim() || undefined;
  const titleMatch = lines.length > 0 ? TITLE.exec(lines[0]) : null;
  const title = givenTitle ?? titleMatch?.[0].trim() ?? (lines[0] ?? "").slice(0, 40);

  const park = (givenTitle && findPark(givenTitle)) || findPark(title) || findPark(opening.slice(0, 500));
  const yearSource = givenTitle ?? title;
  const yearMatch = /(20\d{2})\s*年/.exec(yearSource) ?? /(20\d{2})\s*年/.exec(opening.slice(0, 200));
  const kind = kindOf(givenTitle ?? "") ?? kindOf(title) ?? "other";

  const meta: InferredMeta = { title };
  if (park) meta.park = park;
  if (yearMatch) meta.year = Number(yearMatch[1]);
  meta.kind = kind;
  return meta;
}
