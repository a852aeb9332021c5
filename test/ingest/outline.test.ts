import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildOutline, chineseNumeral, documentYears } from "../../src/ingest/outline.ts";
import { normalizeText } from "../../src/text/normalize.ts";

const seedText = normalizeText(readFileSync(new URL("../fixtures/seed.txt", import.meta.url), "utf8")).text;
const paths = (text: string): string[] => buildOutline(text).map((section) => section.path.join(" › "));

describe("buildOutline on the seed document", () => {
  const sections = buildOutline(seedText);
  const byPath = new Map(sections.map((section) => [section.path.join(" › "), section]));

  it("finds the three chapters in order", () => {
    expect(sections.filter((section) => section.level === 1).map((section) => section.heading)).toEqual([
      "一、2020年工作开展情况",
      "二、存在的困难和问题",
      "三、2021年工作思路",
    ]);
  });

  it("nests 一是… items, numbered problems and （一） parts", () => {
    expect(byPath.has("一、2020年工作开展情况 › 二是园区经济平稳运行")).toBe(true);
    expect(byPath.has("一、2020年工作开展情况 › 三是发展难题有效破解 › 一是积极搭建融资平台")).toBe(true);
    expect(byPath.has("一、2020年工作开展情况 › 四是发展后劲不断增强")).toBe(true);
    expect(byPath.has("二、存在的困难和问题 › 6.配套服务功能有待完善")).toBe(true);
    expect(byPath.has("三、2021年工作思路 › （一）抓平台建设，提升项目承载力")).toBe(true);
    expect(byPath.has("三、2021年工作思路 › （一）抓平台建设，提升项目承载力 › 二是在服务功能上")).toBe(true);
    expect(byPath.has("三、2021年工作思路 › （六）抓服务质量，优化经济发展环境")).toBe(true);
    expect(sections).toHaveLength(24);
  });

  it("never takes figures for headings", () => {
    for (const section of sections) {
      expect(section.heading).not.toMatch(/^\d+\.\d/);
      expect(section.heading).not.toMatch(/^A\d/);
    }
  });

  it("infers year and kind per section", () => {
    expect(byPath.get("一、2020年工作开展情况 › 二是园区经济平稳运行")).toMatchObject({ year: 2020, kind: "summary", level: 3 });
    expect(byPath.get("二、存在的困难和问题")).toMatchObject({ year: 2020, kind: "summary" });
    expect(byPath.get("三、2021年工作思路 › （一）抓平台建设，提升项目承载力")).toMatchObject({ year: 2021, kind: "plan", level: 2 });
  });

  it("gives sections offsets that cover their text", () => {
    const section = byPath.get("一、2020年工作开展情况 › 二是园区经济平稳运行")!;
    const body = seedText.slice(section.start, section.end);
    expect(body.startsWith("二是园区经济平稳运行。")).toBe(true);
    expect(body).toContain("工业总产值202亿元");
    expect(body).not.toContain("三是发展难题");
    const chapter = byPath.get("二、存在的困难和问题")!;
    expect(seedText.slice(chapter.end).startsWith("三、2021年工作思路")).toBe(true);
  });
});

describe("buildOutline on small documents", () => {
  it("reads line-start headings of every level", () => {
    const text = [
      "2023年明湖经济开发区工作总结",
      "一、主要工作成效",
      "（一）经济运行稳中有进",
      "1.工业生产。全年规上工业增加值增长8.5%。",
      "2.固定资产投资。完成投资52.3亿元。",
      "（二）项目建设加快推进",
      "二、2024年工作打算",
      "第一，抓招商。第二，抓服务。",
    ].join("\n");
    expect(paths(text)).toEqual([
      "一、主要工作成效",
      "一、主要工作成效 › （一）经济运行稳中有进",
      "一、主要工作成效 › （一）经济运行稳中有进 › 1.工业生产",
      "一、主要工作成效 › （一）经济运行稳中有进 › 2.固定资产投资",
      "一、主要工作成效 › （二）项目建设加快推进",
      "二、2024年工作打算",
      "二、2024年工作打算 › 第一，抓招商",
      "二、2024年工作打算 › 第二，抓服务",
    ]);
    const sections = buildOutline(text);
    expect(sections[0]).toMatchObject({ year: 2023, kind: "summary" });
    expect(sections[5]).toMatchObject({ year: 2024, kind: "plan" });
    expect(sections[7]).toMatchObject({ year: 2024, kind: "plan" });
  });

  it("ignores out-of-sequence markers and numbers inside sentences", () => {
    const text = "一、总体情况 全年增长2.5%。三、这不是标题 园区A1-A8厂房。1.3亿元用于建设。二、下一步打算 （1）加强招商。（2）优化服务。";
    expect(paths(text)).toEqual([
      "一、总体情况",
      "二、下一步打算",
      "二、下一步打算 › （1）加强招商",
      "二、下一步打算 › （2）优化服务",
    ]);
  });

  it("cuts overlong headings at a comma", () => {
    const text = "一、工作情况 一是在建设标准上，按照“大投入、大发展、大产出”的理念，进一步完善好园区内水、电、路网建设。";
    expect(paths(text)[1]).toBe("一、工作情况 › 一是在建设标准上");
  });

  it("returns no sections for plain text", () => {
    expect(buildOutline("园区经济平稳运行，工业总产值202亿元。")).toEqual([]);
  });
});

describe("helpers", () => {
  it.each([
    ["一", 1],
    ["九", 9],
    ["十", 10],
    ["十二", 12],
    ["二十", 20],
    ["二十三", 23],
  ] as Array<[string, number]>)("chineseNumeral(%s) = %d", (input, expected) => {
    expect(chineseNumeral(input)).toBe(expected);
  });

  it("reads the document's summary and plan years", () => {
    expect(documentYears("2020年工业园区工作总结及2021年工作计划今年以来")).toEqual({ summaryYear: 2020, planYear: 2021 });
    expect(documentYears("2022年园区工作总结")).toEqual({ summaryYear: 2022, planYear: 2023 });
    expect(documentYears("园区概况")).toEqual({ summaryYear: undefined, planYear: undefined });
  });
});
