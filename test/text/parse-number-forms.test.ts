/**
 * Text forms that reach the figure parser from real documents: numbers spaced from their units by a
 * PDF text layer, 。 as a decimal point, traditional characters, and the units the genre uses.
 */
import fc from "fast-check";
import { Converter } from "opencc-js/cn2t";
import { describe, expect, it } from "vitest";
import type { ParsedFigure } from "../../src/domain/fact-types.ts";
import { CN_CHARS } from "../../src/text/chinese-numeral.ts";
import { toSimplified } from "../../src/text/normalize.ts";
import { foldFigureText } from "../../src/text/number-token.ts";
import { PREFIX_QUALIFIERS, SCALES, SUFFIX_QUALIFIERS, TENTHS, TRADITIONAL_FORMS, UNITS } from "../../src/text/number-units.ts";
import { findFigures } from "../../src/text/parse-number.ts";

type Picked = Pick<ParsedFigure, "text" | "start" | "end" | "value" | "unit" | "baseUnit" | "valueBase" | "qualifier" | "kind" | "decimals">;
const pick = (text: string): Array<Partial<Picked>> =>
  findFigures(text).map(({ text, start, end, value, unit, baseUnit, valueBase, qualifier, kind, decimals }) =>
    ({ text, start, end, value, unit, baseUnit, valueBase, qualifier, kind, decimals }));
type Case = [string, Array<Partial<Picked>>];

describe("findFigures: numbers spaced from their units", () => {
  it.each<Case>([
    ["全年完成工业总产值 98.4 亿元", [{ text: "98.4 亿元", start: 10, end: 17, value: 98.4, unit: "亿元", valueBase: 9_840_000_000, decimals: 1 }]],
    ["税收同比增长 12.5 %", [{ text: "12.5 %", start: 7, end: 13, value: 12.5, unit: "%", kind: "percent" }]],
    ["完成投资 98.4 亿 元", [{ text: "98.4 亿 元", start: 5, end: 13, unit: "亿元", valueBase: 9_840_000_000 }]],
    ["实际利用外资\t1200\t万美元", [{ text: "1200\t万美元", unit: "万美元", valueBase: 12_000_000 }]],
    ["新签约项目 36 个，总投资 215 亿元", [{ text: "36 个", value: 36, unit: "个" }, { text: "215 亿元", value: 215, unit: "亿元" }]],
    ["净增市场主体 1.2 万户", [{ text: "1.2 万户", value: 1.2, unit: "万户", valueBase: 12_000 }]],
    ["入驻企业 110 余家", [{ text: "110 余家", value: 110, unit: "家", qualifier: "more_than" }]],
    ["完成税收 2 亿多元", [{ text: "2 亿多元", value: 2, unit: "亿元", qualifier: "more_than", valueBase: 2e8 }]],
    ["研发投入占比提高 0.8 个百分点", [{ text: "0.8 个百分点", unit: "个百分点", kind: "percentage_point" }]],
    ["新增用地 12,500 平方米", [{ text: "12,500 平方米", value: 12_500, unit: "平方米" }]],
    ["约 30 亿元的项目", [{ text: "约 30 亿元", start: 0, qualifier: "about" }]],
    ["营业收入超过 100 亿元", [{ text: "超过 100 亿元", qualifier: "more_than" }]],
    ["新增企业近 5 家", [{ text: "近 5 家", qualifier: "less_than" }]],
    ["固定资产投资 50 亿元以上", [{ text: "50 亿元以上", qualifier: "more_than" }]],
    ["计划投资 3 至 5 亿元", [{ text: "3 至 5 亿元", value: 3, unit: "亿元", qualifier: "range" }]],
    ["全省考核排名第 3 位", [{ text: "第 3 位", value: 3, unit: "位", kind: "rank" }]],
    ["综合评价位居 第 2", [{ text: "第 2", value: 2, kind: "rank" }]],
    ["力争进入全国前 30 位", [{ text: "30 位", value: 30, kind: "rank", qualifier: "at_most" }]],
  ])("%s", (input, expected) => expect(pick(input)).toMatchObject(expected));

  it.each([
    "2021 年工作计划",
    "2021 年 3 月 15 日召开会议",
    "1 - 11 月",
    "2020 - 2022 年",
    "第 3 批示范园区",
    "联系电话 0794 8234567",
    "PM2.5 治理，5G 基站",
    "实现产值 98.4\n亿元", // a line break is no gap inside a figure
    "实现产值 98.4，亿元", // nor is punctuation
    "实现产值 98.4、亿元",
    "表中 12.5 户籍人口", // a decimal spaced from a unit of whole things is another column
    "二〇二一 年",
    "三 家企业", // spaces only after Arabic numbers
  ])("%s has no figure", (input) => expect(findFigures(input)).toEqual([]));

  it("keeps spaces after the unit out of the figure", () => {
    expect(pick("总产值 98.4 亿元 ，增长")).toMatchObject([{ text: "98.4 亿元", end: 11 }]);
    expect(pick("增长 5 %。8 月份")).toMatchObject([{ text: "5 %", value: 5 }]);
  });

  it("reads a spaced figure like the unspaced one, with `text` the slice of the input", () => {
    const gap = fc.array(fc.constantFrom(" ", "\t", "\u3000"), { minLength: 0, maxLength: 3 }).map((s) => s.join(""));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9_999_999 }), fc.integer({ min: 0, max: 3 }), fc.constantFrom("", "万", "亿"),
        fc.constantFrom("元", "千瓦时", "立方米", "吨", "亩", "公顷", "平方米", "%"), gap, gap,
        (raw, decimals, scale, unit, gap1, gap2) => {
          const number = (raw / 10 ** decimals).toFixed(decimals);
          const tight = findFigures(`完成${number}${scale}${unit}，`);
          const spaced = `完成 ${number}${gap1}${scale}${scale ? gap2 : ""}${unit} ，`;
          const figures = findFigures(spaced);
          expect(figures).toHaveLength(1);
          const [figure] = figures;
          expect({ ...figure, text: "", start: 0, end: 0 }).toEqual({ ...tight[0], text: "", start: 0, end: 0 });
          expect(figure.start).toBe(3);
          expect(figure.text).toBe(spaced.slice(figure.start, figure.end));
          expect(figure.text.endsWith(unit)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("findFigures: 。 as a decimal point", () => {
  it.each<Case>([
    ["实现利润2。87亿元", [{ text: "2。87亿元", start: 4, end: 10, value: 2.87, unit: "亿元", valueBase: 287_000_000, decimals: 2 }]],
    ["同比增长12。3%，", [{ text: "12。3%", value: 12.3, kind: "percent", decimals: 1 }]],
    ["提高3。2个百分点", [{ value: 3.2, kind: "percentage_point" }]],
    ["带动就业2。5万人", [{ value: 2.5, unit: "万人", valueBase: 25_000 }]],
    ["年用电量1。6亿千瓦时。", [{ text: "1。6亿千瓦时", value: 1.6, unit: "亿千瓦时" }]],
    ["产量增长1。5倍", [{ value: 1.5, unit: "倍" }]],
  ])("%s", (input, expected) => expect(pick(input)).toMatchObject(expected));

  it.each<Case>([
    ["增长5%。8月份起实施", [{ text: "5%", value: 5 }]],
    ["完成5个。2022年计划", [{ text: "5个", value: 5 }]],
    ["园区排名第3。5家企业获评", [{ text: "第3", kind: "rank" }, { text: "5家", value: 5 }]],
    ["企业总数达到68。5家企业上市", [{ text: "5家", value: 5, decimals: 0 }]], // 68.5家 is no count
    ["产值2。87 亿元", [{ text: "87 亿元", value: 87 }]], // the unit must follow the digits at once
    ["达到2020。", []],
    ["截至2022。12月", []],
  ])("sentence end %s", (input, expected) => expect(pick(input)).toMatchObject(expected));
});

describe("findFigures: traditional characters", () => {
  it.each<Case>([
    ["實現工業總產值98.4億元", [{ text: "98.4億元", value: 98.4, unit: "亿元", baseUnit: "元", valueBase: 9_840_000_000 }]],
    ["稅收3.5萬元", [{ text: "3.5萬元", unit: "万元", valueBase: 35_000 }]],
    ["貨物吞吐量120萬噸", [{ text: "120萬噸", unit: "万吨", baseUnit: "吨", valueBase: 1_200_000 }]],
    ["用電量2.3萬千瓦時", [{ unit: "万千瓦时", baseUnit: "千瓦时", valueBase: 23_000 }]],
    ["發電量560千瓦時", [{ unit: "千瓦时", valueBase: 560 }]],
    ["新增個體工商戶320戶", [{ text: "320戶", unit: "户", value: 320 }]],
    ["徵地43畝，林地15.5公頃", [{ unit: "亩", value: 43 }, { unit: "公顷", baseUnit: "平方米", valueBase: 155_000 }]],
    ["規劃面積12平方公里", [{ unit: "平方公里", valueBase: 12_000_000 }]],
    ["處理污水80萬立方米", [{ unit: "万立方米", valueBase: 800_000 }]],
    ["引進項目18個，實施技改12項", [{ unit: "个", value: 18 }, { unit: "项", value: 12 }]],
    ["新增車輛26輛、設備8臺", [{ unit: "辆" }, { unit: "台" }]],
    ["兩萬人", [{ value: 2, unit: "万人", valueBase: 20_000 }]],
    ["三千五百萬元", [{ value: 3500, unit: "万元", valueBase: 35_000_000 }]],
    ["提供崗位6000餘人", [{ unit: "人", qualifier: "more_than" }]],
    ["總投資約30億元", [{ text: "約30億元", qualifier: "about" }]],
    ["提高2.3個百分點", [{ unit: "个百分点", kind: "percentage_point" }]],
    ["10億元以內", [{ qualifier: "at_most" }]],
  ])("%s", (input, expected) => expect(pick(input)).toMatchObject(expected));

  it("keeps the same figure as the simplified text, with offsets into the input", () => {
    const traditional = "園區完成稅收2.5億元，新增企業12個，用地30畝";
    const simplified = toSimplified(traditional);
    const strip = (f: ParsedFigure) => ({ ...f, text: "" });
    expect(findFigures(traditional).map(strip)).toEqual(findFigures(simplified).map(strip));
    for (const figure of findFigures(traditional)) expect(traditional.slice(figure.start, figure.end)).toBe(figure.text);
  });

  it("folds each traditional form to what OpenCC makes of it, one code unit for one", () => {
    for (const [traditional, simplified] of Object.entries(TRADITIONAL_FORMS)) {
      expect(traditional.length).toBe(1);
      expect(simplified.length).toBe(1);
      expect(toSimplified(traditional)).toBe(simplified);
    }
    expect(foldFigureText("９８.４億元，１２％")).toBe("98.4亿元，12%");
  });

  it("covers the traditional forms of every character in the vocabulary", () => {
    const words = [
      ...UNITS.flatMap((spec) => [spec.written, spec.notBefore?.source ?? ""]),
      ...SCALES.map((scale) => scale.written),
      ...[...PREFIX_QUALIFIERS, ...SUFFIX_QUALIFIERS].map(([word]) => word),
      TENTHS.written, TENTHS.notBefore.source, ...CN_CHARS, "排名排位位居位列名列第百分之人民币余多",
    ];
    const characters = new Set([...words.join("")].filter((ch) => /[\u4e00-\u9fff]/.test(ch)));
    const missing: string[] = [];
    for (const to of ["tw", "hk", "t"] as const) {
      const toTraditional = Converter({ from: "cn", to });
      for (const ch of characters) {
        const traditional = toTraditional(ch);
        if (traditional !== ch && traditional.length === 1 && TRADITIONAL_FORMS[traditional] !== ch) missing.push(`${traditional}→${ch}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("leaves simplified text as it is", () => {
    const text = "园区完成工业总产值317亿元，同比增长8.4%，新增企业15家";
    expect(foldFigureText(text)).toBe(text);
  });
});

describe("findFigures: units of the genre", () => {
  it.each<Case>([
    ["全年用电量3.2万千瓦时", [{ value: 3.2, unit: "万千瓦时", baseUnit: "千瓦时", valueBase: 32_000, decimals: 1 }]],
    ["供水量45万立方米", [{ value: 45, unit: "万立方米", baseUnit: "立方米", valueBase: 450_000 }]],
    ["核准面积8.6平方公里", [{ value: 8.6, unit: "平方公里", baseUnit: "平方米", valueBase: 8_600_000 }]],
    ["盘活闲置土地126亩", [{ value: 126, unit: "亩", baseUnit: "亩", valueBase: 126 }]],
    ["复垦耕地3.25公顷", [{ value: 3.25, unit: "公顷", baseUnit: "平方米", valueBase: 32_500, decimals: 2 }]],
    ["建成标准厂房6.8万平方米", [{ value: 6.8, unit: "万平方米", baseUnit: "平方米", valueBase: 68_000 }]],
    ["兑现奖补资金1,568,000元", [{ text: "1,568,000元", value: 1_568_000, unit: "元", valueBase: 1_568_000, decimals: 0 }]],
    ["完成税收31352万元", [{ text: "31352万元", value: 31_352, unit: "万元", baseUnit: "元", valueBase: 313_520_000 }]],
  ])("%s", (input, expected) => expect(pick(input)).toMatchObject(expected));
});
