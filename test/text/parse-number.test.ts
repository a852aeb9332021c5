import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findFigures, parseChineseNumeral } from "../../src/text/parse-number.ts";

const pick = (text: string) =>
  findFigures(text).map((f) => ({ text: f.text, value: f.value, unit: f.unit, valueBase: f.valueBase, qualifier: f.qualifier, kind: f.kind, decimals: f.decimals }));

describe("parseChineseNumeral", () => {
  it.each([
    ["十五", 15], ["一百二十", 120], ["两千", 2000], ["三千五百万", 35_000_000], ["三亿五千万", 350_000_000],
    ["一百零五", 105], ["一千零一十", 1010], ["二〇二〇", 2020], ["〇", 0], ["三千五", 3500], ["三万五", 35_000],
    ["一万亿", 1e12], ["三点一四", 3.14], ["十二亿", 1_200_000_000], ["贰拾", 20],
  ])("%s → %d", (input, expected) => expect(parseChineseNumeral(input)).toBe(expected));

  it.each(["十四五", "三三两两", "百", "万", "亿", "abc", "", "一二三"])("%s is not a numeral", (input) =>
    expect(parseChineseNumeral(input)).toBeNull());
});

describe("findFigures: quantities from park documents", () => {
  it.each<[string, Array<Partial<ReturnType<typeof pick>[number]>>]>([
    ["园区规上工业总产值达到317亿元", [{ text: "317亿元", value: 317, unit: "亿元", valueBase: 3.17e10, decimals: 0 }]],
    ["累计发放贴息贷款1.746亿元", [{ value: 1.746, unit: "亿元", valueBase: 174_600_000, decimals: 3 }]],
    ["全年工业用电量3.8亿千瓦时", [{ value: 3.8, unit: "亿千瓦时", valueBase: 380_000_000 }]],
    ["规上企业从业人员6453人", [{ value: 6453, unit: "人" }]],
    ["用电量12,345.6万度", [{ value: 12345.6, unit: "万度", valueBase: 123_456_000, decimals: 1 }]],
    ["新增规上企业5家，总数达到68家", [{ value: 5, unit: "家" }, { value: 68, unit: "家" }]],
    ["三千五百万元", [{ value: 3500, unit: "万元", valueBase: 35_000_000 }]],
    ["3千万元", [{ value: 3, unit: "千万元", valueBase: 30_000_000 }]],
    ["1.2百万元", [{ value: 1.2, unit: "百万元", valueBase: 1_200_000 }]],
    ["一百二十人", [{ value: 120, unit: "人" }]],
    ["北坡片区12.4816公顷林地", [{ value: 12.4816, unit: "公顷", valueBase: 124_816, decimals: 4 }]],
    ["砖瓦厂旧址27.615亩拟收储地块", [{ value: 27.615, unit: "亩" }]],
    ["新增绿地3.5万平方米", [{ value: 3.5, unit: "万平方米", valueBase: 35_000 }]],
    ["规划面积12平方公里", [{ value: 12, unit: "平方公里", valueBase: 12_000_000 }]],
    ["处理污水120万立方米", [{ value: 120, unit: "万立方米" }]],
    ["接待游客5000人次", [{ value: 5000, unit: "人次" }]],
    ["共下发隐患整改通知书8份", [{ value: 8, unit: "份" }]],
    ["立案查处环境违法案件11起，罚款63.5万元", [{ value: 11, unit: "起" }, { value: 63.5, unit: "万元" }]],
    ["实际利用外资1200万美元", [{ value: 1200, unit: "万美元", valueBase: 12_000_000 }]],
    ["６４５３人", [{ value: 6453, unit: "人", text: "６４５３人" }]],
    ["C1-C6六栋厂房", [{ value: 6, unit: "栋" }]],
  ])("%s", (input, expected) => expect(pick(input)).toMatchObject(expected));
});

describe("findFigures: qualifiers, ranges, percents, ranks", () => {
  it.each<[string, Array<Partial<ReturnType<typeof pick>[number]>>]>([
    ["发放稳岗返还资金130余万元", [{ value: 130, unit: "万元", qualifier: "more_than", valueBase: 1_300_000 }]],
    ["兑现人才补贴300多万元", [{ value: 300, unit: "万元", qualifier: "more_than" }]],
    ["税收3亿多元", [{ value: 3, unit: "亿元", qualifier: "more_than", valueBase: 3e8 }]],
    ["新增就业岗位4500余人", [{ value: 4500, unit: "人", qualifier: "more_than" }]],
    ["近5家", [{ text: "近5家", value: 5, qualifier: "less_than" }]],
    ["约30亿元", [{ text: "约30亿元", qualifier: "about" }]],
    ["超过100亿元", [{ qualifier: "more_than" }]],
    ["逾千家企业", []],
    ["逾1000家企业", [{ value: 1000, qualifier: "more_than" }]],
    ["50亿元以上", [{ text: "50亿元以上", qualifier: "more_than" }]],
    ["10亿元左右", [{ qualifier: "about" }]],
    ["不到3亿元", [{ qualifier: "less_than" }]],
    ["十余家", [{ value: 10, unit: "家", qualifier: "more_than" }]],
    ["同比增长8.4%", [{ value: 8.4, unit: "%", kind: "percent", decimals: 1 }]],
    ["占比百分之十", [{ value: 10, unit: "%", kind: "percent" }]],
    ["百分之十二点五", [{ value: 12.5, kind: "percent", decimals: 1 }]],
    ["提高2.3个百分点", [{ value: 2.3, unit: "个百分点", kind: "percentage_point" }]],
    ["综合考核排名第27位", [{ text: "第27位", value: 27, kind: "rank" }]],
    ["考核获得第3名", [{ value: 3, kind: "rank" }]],
    ["全市排名第二", [{ value: 2, kind: "rank" }]],
    ["8.4％", [{ value: 8.4, kind: "percent" }]],
  ])("%s", (input, expected) => expect(pick(input)).toMatchObject(expected));

  it.each([
    ["计划投资3—5亿元", 3, 5],
    ["计划投资3-5亿元", 3, 5],
    ["计划投资3至5亿元", 3, 5],
    ["计划投资3亿元至5亿元", 3, 5],
    ["增长10%-15%", 10, 15],
  ])("range %s", (input, low, high) => {
    const [figure] = findFigures(input);
    expect(figure).toMatchObject({ value: low, valueHigh: high, qualifier: "range" });
  });
});

describe("findFigures: what is not a figure", () => {
  it.each([
    "2023年桐川工业园区工作总结及2024年工作计划",
    "2021年度",
    "3月15日",
    "2020年6月",
    "1—11月，园区运行平稳",
    "1-11月",
    "一、2023年工作完成情况",
    "（一）抓配套建设",
    "1.龙头企业数量偏少。2、融资渠道不宽",
    "第一产业园，第二片区",
    "一是项目建设提速。二是企业服务提质",
    "联系电话：0794-8234567",
    "智造产业园C区C1-C6",
    "D区D2-D9正在进行主体施工",
    "“优服务、强招商”六字工作要求",
    "持续落实“六稳”“六保”要求",
    "深入开展“一企一策”帮扶",
    "按照“一区三园”空间布局",
    "四大产业片区",
    "一手抓招商引资，一手抓项目落地",
    "落地一批好项目，每季度开展一次评估，每一个环节",
    "实施三个一批工程",
    "5G基站建设，PM2.5治理，G60科创走廊",
    "十四五规划",
    "2020-2022年",
    "第3批",
  ])("%s", (input) => expect(findFigures(input)).toEqual([]));
});

describe("findFigures: properties", () => {
  const scales = ["", "万", "亿", "千万", "百万"] as const;
  const scaleFactor: Record<string, number> = { "": 1, 万: 1e4, 亿: 1e8, 千万: 1e7, 百万: 1e6 };
  const units = ["元", "千瓦时", "立方米", "吨", "亩", "公顷", "平方米", "人", "人次", "家", "个", "户", "件", "项", "台", "套", "公里", "辆"];

  it("round-trips a formatted Arabic number with any scale and unit", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999 }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom(...scales),
        fc.constantFrom(...units),
        fc.boolean(),
        (raw, decimals, scale, unit, grouped) => {
          const value = raw / 10 ** decimals;
          let written = value.toFixed(decimals);
          if (grouped) written = written.replace(/^(\d+)/, (digits) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ","));
          const figures = findFigures(`园区完成${written}${scale}${unit}，同比增长`);
          expect(figures).toHaveLength(1);
          expect(figures[0].value).toBeCloseTo(value, 8);
          expect(figures[0].unit).toBe(`${scale}${unit}`);
          expect(figures[0].decimals).toBe(decimals);
          const unitFactor = unit === "公顷" ? 1e4 : 1;
          expect(figures[0].scale).toBe(scaleFactor[scale] * unitFactor);
          expect(Math.abs(figures[0].valueBase - value * figures[0].scale)).toBeLessThanOrEqual(1e-9 * Math.max(1, value * figures[0].scale));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("round-trips Chinese numerals", () => {
    const digits = "〇一二三四五六七八九";
    const section = (n: number): string => {
      const parts: string[] = [];
      const places: Array<[number, string]> = [[1000, "千"], [100, "百"], [10, "十"]];
      let zero = false;
      for (const [place, name] of places) {
        const digit = Math.floor(n / place) % 10;
        if (digit) {
          if (zero && parts.length) parts.push("零");
          parts.push(digits[digit] + name);
          zero = false;
        } else if (parts.length) zero = true;
      }
      const ones = n % 10;
      if (ones) parts.push((zero && parts.length ? "零" : "") + digits[ones]);
      return parts.join("");
    };
    const toChinese = (n: number): string => {
      const high = Math.floor(n / 1e4);
      const low = n % 1e4;
      if (!high) return section(low);
      return `${section(high)}万${low && low < 1000 ? "零" : ""}${section(low)}`;
    };
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 99_999_999 }), fc.constantFrom("家", "个", "人", "项"), (n, unit) => {
        const written = toChinese(n);
        expect(parseChineseNumeral(written)).toBe(n);
        const figures = findFigures(`共有${written}${unit}。`);
        expect(figures).toHaveLength(1);
        expect(figures[0].valueBase).toBe(n);
      }),
      { numRuns: 400 },
    );
  });

  it("never throws and returns ordered, in-bounds spans on arbitrary strings", () => {
    const alphabet = fc.constantFrom(..."0123456789.,%—-~至到亿万千百十一二两三〇零余多近约超第位名元家人个年月日，。；、（）AaB \t\n億萬個戶約".split(""));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(alphabet, { maxLength: 40 }).map((chars) => chars.join(""))), (text) => {
        const figures = findFigures(text);
        let last = 0;
        for (const figure of figures) {
          expect(figure.start).toBeGreaterThanOrEqual(last);
          expect(figure.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(figure.start, figure.end)).toBe(figure.text);
          last = figure.end;
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe("findFigures: tenths (成), 支 and 家次", () => {
  const read = (text: string) => findFigures(text).map((f) => [f.text, f.value, f.unit, f.qualifier]);

  it("reads N成 as a percent stated to the nearest 10", () => {
    expect(read("出口企业中约三成来自南区，近六成为民营企业")).toEqual([["约三成", 30, "%", "about"], ["近六成", 60, "%", "less_than"]]);
    expect(read("八成以上的订单已交付")).toEqual([["八成以上", 80, "%", "more_than"]]);
  });

  it("leaves words that start with 成 alone", () => {
    expect(read("五成本地化，一成不变，成果三成效")).toEqual([]);
  });

  it("counts 支 (funds, teams) but not 支持/支撑", () => {
    expect(read("组建应急队伍3支，新设基金两支")).toEqual([["3支", 3, "支", "exact"], ["两支", 2, "支", "exact"]]);
    expect(read("给予5支持政策")).toEqual([]);
  });

  it("reads 家次 and 户次 as units", () => {
    expect(read("服务企业86家次、走访商户120户次")).toEqual([["86家次", 86, "家次", "exact"], ["120户次", 120, "户次", "exact"]]);
  });
});

describe("findFigures: measure words beyond the unit list, and 前N位", () => {
  const read = (text: string) => findFigures(text).map((f) => [f.text, f.value, f.unit, f.kind, f.qualifier]);

  it("counts an Arabic number before a measure word (量词) as a quantity", () => {
    expect(read("新装太阳能路灯152盏，敷设管道40根")).toEqual([["152盏", 152, "盏", "quantity", "exact"], ["40根", 40, "根", "quantity", "exact"]]);
    expect(read("购置检测设备8台套、机床3台（套）")).toEqual([["8台套", 8, "台套", "quantity", "exact"], ["3台（套）", 3, "台（套）", "quantity", "exact"]]);
  });

  it("leaves set phrases with Chinese numerals and words that start with a measure word alone", () => {
    expect(read("扳倒三座大山，两把手抓")).toEqual([["三座", 3, "座", "quantity", "exact"]]);
    expect(read("2023年12根据要求，5组织开展")).toEqual([]);
  });

  it("reads 进入前N位 as a rank no worse than N, and 前移N位 as no rank", () => {
    expect(read("力争进入全市前20位")).toEqual([["20位", 20, "位", "rank", "at_most"]]);
    expect(read("排名前移4位")).toEqual([["4位", 4, "位", "quantity", "exact"]]);
  });
});
