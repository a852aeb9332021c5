import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildOutline, chineseNumeral, documentYears } from "../../src/ingest/outline.ts";
import { normalizeText } from "../../src/text/normalize.ts";

const liuxiText = normalizeText(readFileSync(new URL("../../corpus/raw/liuxi-2021-summary-2022-plan.txt", import.meta.url), "utf8")).text;
const paths = (text: string): string[] => buildOutline(text).map((section) => section.path.join(" › "));

describe("buildOutline on a scraped page (the team's liuxi sample)", () => {
  const sections = buildOutline(liuxiText);
  const byPath = new Map(sections.map((section) => [section.path.join(" › "), section]));

  it("finds the three chapters in order", () => {
    expect(sections.filter((section) => section.level === 1).map((section) => section.heading)).toEqual([
      "一、2021年工作开展情况",
      "二、存在的困难和问题",
      "三、2022年工作计划",
    ]);
  });

  it("nests 一是… items, numbered problems and （一） parts", () => {
    expect(byPath.has("一、2021年工作开展情况 › 一是园区经济持续向好")).toBe(true);
    expect(byPath.has("一、2021年工作开展情况 › 三是项目建设加快推进")).toBe(true);
    expect(byPath.has("一、2021年工作开展情况 › 五是安全环保监管有力")).toBe(true);
    expect(byPath.has("二、存在的困难和问题 › 1.产业规模偏小，龙头企业带动作用不强")).toBe(true);
    expect(byPath.has("二、存在的困难和问题 › 3.园区基础设施欠账较多，配套功能不完善")).toBe(true);
    expect(byPath.has("三、2022年工作计划 › （一）主要目标")).toBe(true);
    expect(byPath.has("三、2022年工作计划 › （二）重点工作")).toBe(true);
    expect(byPath.has("三、2022年工作计划 › （二）重点工作 › 一是抓招商引资，围绕竹木加工、绿色家居产业开展延链招商")).toBe(true);
    expect(byPath.has("三、2022年工作计划 › （二）重点工作 › 五是抓作风建设，进一步提高服务效能，为企业发展营造良好环境")).toBe(true);
    expect(sections).toHaveLength(18);
  });

  it("never takes figures for headings", () => {
    for (const section of sections) {
      expect(section.heading).not.toMatch(/^\d+\.\d/);
      expect(section.heading).not.toMatch(/^[A-Z]\d/);
    }
    // The only numbered headings are the three problems, not 2.05亿元, 1.46亿元 or 1.6亿元.
    expect(sections.filter((section) => /^\d/.test(section.heading)).map((section) => section.heading.slice(0, 2))).toEqual(["1.", "2.", "3."]);
  });

  it("infers year and kind per section", () => {
    expect(byPath.get("一、2021年工作开展情况 › 一是园区经济持续向好")).toMatchObject({ year: 2021, kind: "summary", level: 3 });
    expect(byPath.get("二、存在的困难和问题")).toMatchObject({ year: 2021, kind: "summary" });
    expect(byPath.get("三、2022年工作计划 › （一）主要目标")).toMatchObject({ year: 2022, kind: "plan", level: 2 });
  });

  it("gives sections offsets that cover their text", () => {
    const section = byPath.get("一、2021年工作开展情况 › 一是园区经济持续向好")!;
    const body = liuxiText.slice(section.start, section.end);
    expect(body.startsWith("一是园区经济持续向好。")).toBe(true);
    expect(body).toContain("工业总产值38.6亿元");
    expect(body).not.toContain("二是平台建设");
    const chapter = byPath.get("二、存在的困难和问题")!;
    expect(liuxiText.slice(chapter.end).startsWith("三、2022年工作计划")).toBe(true);
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

  it("nests a new 一是 list inside an item of a run-together text", () => {
    const text = "一、工作开展情况 一是项目建设提速。新开工项目9个。二是要素保障有力。一是用地保障。完成报批土地420亩。二是资金保障。争取专项债券3.2亿元。三是营商环境优化。二、下一步打算";
    expect(paths(text)).toEqual([
      "一、工作开展情况",
      "一、工作开展情况 › 一是项目建设提速",
      "一、工作开展情况 › 二是要素保障有力",
      "一、工作开展情况 › 二是要素保障有力 › 一是用地保障",
      "一、工作开展情况 › 二是要素保障有力 › 二是资金保障",
      "一、工作开展情况 › 三是营商环境优化",
      "二、下一步打算",
    ]);
  });

  it("ignores out-of-sequence markers and numbers inside sentences", () => {
    const text = "一、总体情况 全年增长2.5%。三、这不是标题 园区C1-C6厂房。1.3亿元用于建设。二、下一步打算 （1）加强招商。（2）优化服务。";
    expect(paths(text)).toEqual([
      "一、总体情况",
      "二、下一步打算",
      "二、下一步打算 › （1）加强招商",
      "二、下一步打算 › （2）优化服务",
    ]);
  });

  it("cuts overlong headings at a comma", () => {
    const text = "一、工作情况 一是在产业配套上，围绕“补链、延链、强链”的思路，持续完善园区内仓储、物流、检验检测等公共服务平台建设。";
    expect(paths(text)[1]).toBe("一、工作情况 › 一是在产业配套上");
  });

  it("returns no sections for plain text", () => {
    expect(buildOutline("园区经济运行总体平稳，工业总产值58.3亿元。")).toEqual([]);
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
    expect(documentYears("2023年桐川工业园区工作总结及2024年工作计划今年以来")).toEqual({ summaryYear: 2023, planYear: 2024 });
    expect(documentYears("2022年园区工作总结")).toEqual({ summaryYear: 2022, planYear: 2023 });
    expect(documentYears("园区概况")).toEqual({ summaryYear: undefined, planYear: undefined });
  });
});
