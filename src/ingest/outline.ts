/**
 * Outline of an official document: 一、 / （一） / 1. 1、 （1） 一是 第一， — found
 * after sentence ends too, because scraped text often runs headings and body
 * together on one line (`…发展。一、2020年工作开展情况 一是平台建设日益完善。`).
 */
import type { Section } from "./types.ts";

type MarkerKind = "chapter" | "part" | "number" | "paren-number" | "shi" | "di";

interface Marker {
  kind: MarkerKind;
  number: number;
  index: number;
  /** Heading as written, (一) normalized to （一）. */
  heading: string;
}

const CN_NUMERAL = "[一二三四五六七八九十]{1,3}";
/** A heading can start at the text start, after a line break, a space or a sentence end. */
const BOUNDARY = "(?<=^|[\\n \\t。；;！？!?：:])";
const MARKER = new RegExp(
  `${BOUNDARY}(?:` +
    `(?<chapter>${CN_NUMERAL})、` +
    `|[（(](?<part>${CN_NUMERAL})[）)]` +
    `|(?<number>\\d{1,2})[.．、](?![\\d.．%])` +
    `|[（(](?<parenNumber>\\d{1,2})[）)]` +
    `|(?<shi>${CN_NUMERAL})是(?=\\S)` +
    `|第(?<di>${CN_NUMERAL})[，,、：:]` +
    `)`,
  "g",
);

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十二 → 12, 二十三 → 23 (up to 99). */
export function chineseNumeral(text: string): number | undefined {
  if (!/^[一二三四五六七八九十]{1,3}$/.test(text)) return undefined;
  const ten = text.indexOf("十");
  if (ten === -1) return text.length === 1 ? DIGITS[text] : undefined;
  const tens = ten === 0 ? 1 : DIGITS[text.slice(0, ten)];
  const ones = ten === text.length - 1 ? 0 : DIGITS[text.slice(ten + 1)];
  return tens === undefined || ones === undefined ? undefined : tens * 10 + ones;
}

const HEADING_MAX = 40;

/** Heading text from a marker: up to a sentence end, line break or space. */
function headingAt(text: string, index: number, markerLength: number, kind: MarkerKind): string {
  const rest = text.slice(index + markerLength, index + markerLength + 120);
  let end = rest.search(/[\n 。；;！？!?]/);
  if (end === -1) end = rest.length;
  if (kind === "chapter") {
    // A chapter title may run straight into its first sub-heading.
    const nested = rest.slice(0, end).search(/[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]是/);
    if (nested > 0) end = nested;
  }
  let body = rest.slice(0, end);
  if (body.length > HEADING_MAX) {
    const comma = body.search(/[，,：:]/);
    body = comma > 0 && comma <= HEADING_MAX ? body.slice(0, comma) : body.slice(0, HEADING_MAX);
  }
  const marker = text.slice(index, index + markerLength).replace("(", "（").replace(")", "）");
  return marker + body;
}

function findMarkers(text: string): Marker[] {
  const markers: Marker[] = [];
  for (const match of text.matchAll(MARKER)) {
    const groups = match.groups ?? {};
    const entry = (Object.entries(groups) as Array<[string, string | undefined]>).find(([, value]) => value);
    if (!entry) continue;
    const [name, value] = entry as [string, string];
    const kind = (name === "parenNumber" ? "paren-number" : name) as MarkerKind;
    const number = /^\d+$/.test(value) ? Number(value) : chineseNumeral(value);
    if (number === undefined || number === 0) continue;
    const index = match.index ?? 0;
    const markerLength = kind === "shi" ? value.length + 1 : match[0].length;
    markers.push({ kind, number, index, heading: headingAt(text, index, markerLength, kind) });
  }
  return markers;
}

interface Frame {
  section: Section;
  kind: MarkerKind;
  number: number;
}

/**
 * Builds the outline of normalized text. Sections nest by marker kind and by
 * numbering: a list item is accepted only as the next number of an open list
 * or as the 1 of a new one, so `2.385亿元` or `A1-A8` never become headings.
 *
 * @example
 * buildOutline("一、2020年工作开展情况 一是平台建设日益完善。")
 *   .map((section) => section.path.join(" › "))
 * // ["一、2020年工作开展情况", "一、2020年工作开展情况 › 一是平台建设日益完善"]
 */
export function buildOutline(text: string): Section[] {
  const sections: Section[] = [];
  const stack: Frame[] = [];
  let chapterCount = 0;
  let partCount = 0;
  const closeFrom = (depth: number, at: number): void => {
    while (stack.length > depth) {
      const frame = stack.pop();
      if (frame) frame.section.end = at;
    }
  };
  const open = (marker: Marker, depth: number, level: number): void => {
    closeFrom(depth, marker.index);
    const parentPath = depth > 0 ? stack[depth - 1].section.path : [];
    const section: Section = {
      heading: marker.heading,
      level,
      path: [...parentPath, marker.heading],
      start: marker.index,
      end: text.length,
    };
    sections.push(section);
    stack.push({ section, kind: marker.kind, number: marker.number });
  };

  for (const marker of findMarkers(text)) {
    if (marker.kind === "chapter") {
      if (marker.number !== chapterCount + 1) continue;
      chapterCount = marker.number;
      partCount = 0;
      open(marker, 0, 1);
      continue;
    }
    if (marker.kind === "part") {
      if (marker.number !== partCount + 1) continue;
      partCount = marker.number;
      const chapterDepth = stack.findIndex((frame) => frame.kind === "chapter") + 1;
      open(marker, chapterDepth, chapterDepth === 0 ? 1 : 2);
      continue;
    }
    // List items: the next number of an open list (outermost first), or a new list.
    const sibling = stack.findIndex((frame) => frame.kind === marker.kind && frame.number + 1 === marker.number);
    if (sibling !== -1) {
      open(marker, sibling, stack[sibling].section.level);
    } else if (marker.number === 1) {
      const parentLevel = stack.length > 0 ? stack[stack.length - 1].section.level : 0;
      open(marker, stack.length, Math.max(3, parentLevel + 1));
    }
  }
  closeFrom(0, text.length);
  inferPeriods(text, sections);
  return sections;
}

const PLAN_WORDS = /思路|计划|打算|目标|安排|要点|重点工作|展望|举措|部署/;
const SUMMARY_WORDS = /开展情况|完成情况|总结|回顾|主要工作|成效|成绩|进展|困难|问题|不足|情况/;

/** The years a document reports on and plans for, from its opening and its chapter headings. */
export function documentYears(text: string, headings: string[] = []): { summaryYear?: number; planYear?: number } {
  const probe = [text.slice(0, 300), ...headings].join("\n");
  const summary = /(20\d{2})年[^。，,\n]{0,15}?(?:总结|开展情况|完成情况|工作回顾)/.exec(probe);
  const plan = /(20\d{2})年[^。，,\n]{0,15}?(?:计划|思路|打算|要点|安排|目标)/.exec(probe);
  const summaryYear = summary ? Number(summary[1]) : undefined;
  // A half-year or three-quarter report plans for the rest of its own year.
  const partial = /(20\d{2})年(?:上半年|前三季度|[一1]季度|1\s*[-—至]\s*\d{1,2}月)/.test(probe);
  const planYear = plan ? Number(plan[1]) : summaryYear !== undefined ? summaryYear + (partial ? 0 : 1) : undefined;
  return { summaryYear, planYear };
}

/** Sets year/kind on chapters and parts from their headings; deeper sections inherit. */
function inferPeriods(text: string, sections: Section[]): void {
  const { summaryYear, planYear } = documentYears(
    text,
    sections.filter((section) => section.level === 1).map((section) => section.heading),
  );
  const byPath = new Map<string, Section>();
  for (const section of sections) {
    const parent = byPath.get(section.path.slice(0, -1).join("\u0000"));
    byPath.set(section.path.join("\u0000"), section);
    let year = parent?.year;
    let kind = parent?.kind;
    if (section.level <= 2) {
      const stated = /(20\d{2})年/.exec(section.heading);
      const statedYear = stated ? Number(stated[1]) : undefined;
      const statedKind = PLAN_WORDS.test(section.heading)
        ? "plan"
        : SUMMARY_WORDS.test(section.heading)
          ? "summary"
          : undefined;
      if (statedYear !== undefined && statedKind) [year, kind] = [statedYear, statedKind];
      else if (statedYear !== undefined) {
        year = statedYear;
        kind = summaryYear !== undefined && statedYear > summaryYear ? "plan" : "summary";
      } else if (statedKind) {
        kind = statedKind;
        year = statedKind === "summary" ? summaryYear : planYear;
      }
    }
    if (year !== undefined) section.year = year;
    if (kind !== undefined) section.kind = kind;
  }
}
