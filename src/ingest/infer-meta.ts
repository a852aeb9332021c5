/**
 * Document metadata guessed from its title and opening lines: the park, the
 * year, the kind (总结 / 计划 / 报告) and a title.
 */
import { properParkNames } from "../domain/park-names.ts";
import type { DocumentKind } from "../domain/document-types.ts";

/** Result of {@link inferMeta}. */
export interface InferredMeta {
  park?: string;
  year?: number;
  kind?: DocumentKind;
  title: string;
}

/** A title-like opening: ends with 总结/计划/要点/思路/报告, optionally "…总结及…计划". */
const TITLE =
  /^[^。；！？\n]{0,40}?(?:工作总结|工作计划|工作要点|工作思路|工作报告|工作汇报|总结|计划|要点|报告)(?:及[^。；！？\n]{0,25}?(?:工作计划|工作思路|工作打算|工作要点|计划|打算|思路))?/;

/**
 * The document's own park: a proper name in the title, else one the text uses at least twice, else the first
 * proper name of its opening. Phrases ending in a park suffix (加快推进全域工业园区) and honours (评为“省级工业园区”)
 * are no names (`src/domain/park-names.ts`).
 */
function findPark(title: string | undefined, text: string): string | undefined {
  const inTitle = title ? properParkNames(title)[0] : undefined;
  if (inTitle) return inTitle.name;
  // The name the opening uses (an anonymised copy's XX工业园区 too), else one used at least twice.
  const names = properParkNames(text, { placeholders: true });
  const opening = [...names].sort((a, b) => a.first - b.first).find((name) => name.first < 200);
  return opening?.name ?? names.find((name) => name.count >= 2 && !name.placeholder)?.name;
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
 * inferMeta({ text: "2021年XX工业园区工作总结及2022年工作计划今年以来…" })
 * // { park: "XX工业园区", year: 2021, kind: "summary", title: "2021年XX工业园区工作总结及2022年工作计划" }
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

  const park = findPark(givenTitle ?? title, input.text);
  const yearSource = givenTitle ?? title;
  const yearMatch = /(20\d{2})\s*年/.exec(yearSource) ?? /(20\d{2})\s*年/.exec(opening.slice(0, 200));
  const kind = kindOf(givenTitle ?? "") ?? kindOf(title) ?? "other";

  const meta: InferredMeta = { title };
  if (park) meta.park = park;
  if (yearMatch) meta.year = Number(yearMatch[1]);
  meta.kind = kind;
  return meta;
}
