import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inferMeta } from "../../src/ingest/infer-meta.ts";
import { normalizeText } from "../../src/text/normalize.ts";

describe("inferMeta", () => {
  it("reads a scraped page (the team's liuxi sample)", () => {
    const text = normalizeText(readFileSync(new URL("../../corpus/raw/liuxi-2021-summary-2022-plan.txt", import.meta.url), "utf8")).text;
    expect(inferMeta({ text })).toEqual({
      park: "柳溪工业园区",
      year: 2021,
      kind: "summary",
      title: "2021年柳溪工业园区工作总结及2022年工作计划",
    });
  });

  const cases: Array<[string, { title?: string; text: string }, Record<string, unknown>]> = [
    [
      "park and year from the given title",
      { title: "明湖经济开发区2022年工作总结", text: "今年以来，全区上下……" },
      { park: "明湖经济开发区", year: 2022, kind: "summary", title: "明湖经济开发区2022年工作总结" },
    ],
    [
      "plan from 工作要点",
      { text: "青山高新技术产业园区2024年工作要点\n一、总体要求" },
      { park: "青山高新技术产业园区", year: 2024, kind: "plan", title: "青山高新技术产业园区2024年工作要点" },
    ],
    [
      "工作思路 is a plan",
      { title: "2021年工作思路", text: "关于滨江高新区下一步工作" },
      { park: "滨江高新区", year: 2021, kind: "plan", title: "2021年工作思路" },
    ],
    [
      "park after a function word",
      { text: "关于南湖工业园区2023年上半年工作情况的报告\n正文" },
      { park: "南湖工业园区", year: 2023, kind: "report" },
    ],
    [
      "a Markdown title line",
      { text: "# 石岭工业园区2022年工作计划\n\n2021年，园区各项经济指标均超额完成年度目标。" },
      { park: "石岭工业园区", year: 2022, kind: "plan", title: "石岭工业园区2022年工作计划" },
    ],
    [
      "park from the opening when the title names none",
      { text: "2022年工业园区工作总结及2023年工作计划今年以来，桐川工业园区坚持以项目建设为主线，园区经济稳中有进。" },
      { park: "桐川工业园区", year: 2022, kind: "summary", title: "2022年工业园区工作总结及2023年工作计划" },
    ],
    [
      "an anonymised copy's placeholder park",
      { text: "2022年工业园区工作总结及2023年工作计划今年以来，某某工业园区围绕主导产业抓招商、抓项目。" },
      { park: "某某工业园区", year: 2022, kind: "summary", title: "2022年工业园区工作总结及2023年工作计划" },
    ],
    [
      "nothing to infer",
      { text: "会议纪要\n时间：上午" },
      { park: undefined, year: undefined, kind: "other", title: "会议纪要" },
    ],
  ];
  it.each(cases)("%s", (_name, input, expected) => {
    const meta = inferMeta(input);
    for (const [key, value] of Object.entries(expected)) {
      expect(meta[key as keyof typeof meta]).toEqual(value);
    }
  });
});
