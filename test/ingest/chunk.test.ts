import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chunkDocument } from "../../src/ingest/chunk.ts";
import { buildOutline } from "../../src/ingest/outline.ts";
import { normalizeText } from "../../src/text/normalize.ts";

const liuxiText = normalizeText(readFileSync(new URL("../../corpus/raw/liuxi-2021-summary-2022-plan.txt", import.meta.url), "utf8")).text;
const sections = buildOutline(liuxiText);
const chapters = sections.filter((section) => section.level === 1);

// The sample's items are short enough for the default limit to cut only at sections; 120 makes it cut inside them too.
describe.each([
  ["the default limit", undefined, 300, 7],
  ["a 120-character limit", 120, 120, 11],
] as const)("chunkDocument on a scraped page (the team's liuxi sample), %s", (_name, maxChars, limit, count) => {
  const chunks = chunkDocument(liuxiText, sections, maxChars === undefined ? undefined : { maxChars });

  it("numbers chunks and keeps their text at their offsets", () => {
    expect(chunks).toHaveLength(count);
    chunks.forEach((chunk, index) => {
      expect(chunk.ord).toBe(index);
      expect(liuxiText.slice(chunk.start, chunk.end)).toBe(chunk.text);
    });
  });

  it("stays near the size limit and ends chunks at sentence ends", () => {
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(limit);
    }
    const inner = chunks.filter((chunk) => !chapters.some((chapter) => chapter.end === chunk.end) && chunk.end !== liuxiText.length);
    expect(inner.length).toBeGreaterThan(0);
    for (const chunk of inner) expect(chunk.text).toMatch(/[。！？；]$/);
  });

  it("never crosses a chapter boundary", () => {
    for (const chunk of chunks) {
      const crossing = chapters.some((chapter) => chapter.start > chunk.start && chapter.start < chunk.end);
      expect(crossing).toBe(false);
    }
  });

  it("covers all the text without gaps except whitespace", () => {
    const covered = chunks.map((chunk) => chunk.text).join("");
    expect(covered.replace(/\s/g, "")).toBe(liuxiText.replace(/\s/g, ""));
  });
});

describe("chunkDocument on a scraped page: section path, year and kind", () => {
  it("carries them from the section a chunk starts in", () => {
    const chunks = chunkDocument(liuxiText, sections);
    expect(chunks[0]).toMatchObject({ sectionPath: "", start: 0 });
    expect(chunks[0].year).toBeUndefined();
    const output = chunks.find((chunk) => chunk.text.includes("工业总产值38.6亿元"))!;
    expect(output.year).toBe(2021);
    expect(output.kind).toBe("summary");
    expect(output.sectionPath.startsWith("一、2021年工作开展情况")).toBe(true);
    const platform = chunks.find((chunk) => chunk.text.startsWith("二是平台建设不断完善"))!;
    expect(platform).toMatchObject({ sectionPath: "一、2021年工作开展情况 › 二是平台建设不断完善", year: 2021, kind: "summary" });
  });

  it("names an item inside a part when a chunk starts there", () => {
    const chunks = chunkDocument(liuxiText, sections, { maxChars: 120 });
    const safety = chunks.find((chunk) => chunk.text.startsWith("四是抓安全环保"))!;
    expect(safety).toMatchObject({
      sectionPath: "三、2022年工作计划 › （二）重点工作 › 四是抓安全环保，坚决守住安全生产和生态环境底线",
      year: 2022,
      kind: "plan",
    });
    // A cut inside an item keeps that item's path.
    const rest = chunks.find((chunk) => chunk.text.startsWith("上缴税金1.46亿元"))!;
    expect(rest).toMatchObject({ sectionPath: "一、2021年工作开展情况 › 一是园区经济持续向好", year: 2021, kind: "summary" });
  });
});

describe("chunkDocument options and edge cases", () => {
  it("splits a long sentence at commas, then hard", () => {
    const clause = "园区加快推进基础设施建设";
    const text = `${Array(10).fill(clause).join("，")}。${"很".repeat(70)}。`;
    const chunks = chunkDocument(text, [], { maxChars: 50 });
    for (const chunk of chunks) expect(chunk.text.length).toBeLessThanOrEqual(50);
    expect(chunks[0].text.endsWith("，")).toBe(true);
    expect(chunks.map((chunk) => chunk.text).join("")).toBe(text);
  });

  it("repeats trailing sentences when overlap is set", () => {
    const text = Array.from({ length: 12 }, (_, i) => `第${i + 1}句内容说明园区情况。`).join("");
    const chunks = chunkDocument(text, [], { maxChars: 60, overlap: 20 });
    expect(chunks.length).toBeGreaterThan(2);
    for (let i = 1; i < chunks.length; i++) {
      expect(chunks[i].start).toBeLessThan(chunks[i - 1].end);
      expect(chunks[i - 1].text.endsWith(firstSentence(chunks[i].text))).toBe(true);
    }
  });

  it("returns nothing for empty text", () => {
    expect(chunkDocument("", [])).toEqual([]);
  });
});

function firstSentence(text: string): string {
  return text.slice(0, text.indexOf("。") + 1);
}
