import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chunkDocument } from "../../src/ingest/chunk.ts";
import { buildOutline } from "../../src/ingest/outline.ts";
import { normalizeText } from "../../src/text/normalize.ts";

const seedText = normalizeText(readFileSync(new URL("../fixtures/seed.txt", import.meta.url), "utf8")).text;

describe("chunkDocument on the seed document", () => {
  const sections = buildOutline(seedText);
  const chunks = chunkDocument(seedText, sections);
  const chapters = sections.filter((section) => section.level === 1);

  it("numbers chunks and keeps their text at their offsets", () => {
    expect(chunks.length).toBeGreaterThanOrEqual(15);
    chunks.forEach((chunk, index) => {
      expect(chunk.ord).toBe(index);
      expect(seedText.slice(chunk.start, chunk.end)).toBe(chunk.text);
    });
  });

  it("stays near the size limit and ends chunks at sentence ends", () => {
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(300);
    }
    const inner = chunks.filter((chunk) => !chapters.some((chapter) => chapter.end === chunk.end) && chunk.end !== seedText.length);
    for (const chunk of inner) expect(chunk.text).toMatch(/[。！？；]$/);
  });

  it("never crosses a chapter boundary", () => {
    for (const chunk of chunks) {
      const crossing = chapters.some((chapter) => chapter.start > chunk.start && chapter.start < chunk.end);
      expect(crossing).toBe(false);
    }
  });

  it("carries section path, year and kind", () => {
    expect(chunks[0]).toMatchObject({ sectionPath: "", start: 0 });
    expect(chunks[0].year).toBeUndefined();
    const output = chunks.find((chunk) => chunk.text.includes("工业总产值202亿元"))!;
    expect(output.year).toBe(2020);
    expect(output.kind).toBe("summary");
    expect(output.sectionPath.startsWith("一、2020年工作开展情况")).toBe(true);
    const platform = chunks.find((chunk) => chunk.text.includes("二是在服务功能上"))!;
    expect(platform).toMatchObject({
      sectionPath: "三、2021年工作思路 › （一）抓平台建设，提升项目承载力 › 二是在服务功能上",
      year: 2021,
      kind: "plan",
    });
  });

  it("covers all the text without gaps except whitespace", () => {
    const covered = chunks.map((chunk) => chunk.text).join("");
    expect(covered.replace(/\s/g, "")).toBe(seedText.replace(/\s/g, ""));
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
      expect(chunks[i - 1].text.endsWith(seedSentence(chunks[i].text))).toBe(true);
    }
  });

  it("returns nothing for empty text", () => {
    expect(chunkDocument("", [])).toEqual([]);
  });
});

function seedSentence(text: string): string {
  return text.slice(0, text.indexOf("。") + 1);
}
