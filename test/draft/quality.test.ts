import { describe, expect, it } from "vitest";
import { composeSection, supplementParagraph } from "../../src/draft/compose.ts";
import { attachRatio } from "../../src/draft/complete-sections.ts";
import { missing } from "../../src/draft/format-number.ts";
import { fitHeading } from "../../src/draft/offline-section.ts";
import { rollForward, splitPairs } from "../../src/draft/roll-forward.ts";
import { SUMMARY_SECTIONS } from "../../src/draft/section-plan.ts";
import { CHECK_MARK, markUnverified } from "../../src/draft/verify-draft.ts";
import { dedupeFacts, hidingTextOf, normalizedScope, YearFacts } from "../../src/draft/year-facts.ts";
import type { Fact, Verification } from "../../src/domain/fact-types.ts";

const PARK = "石岭工业园区";
let counter = 0;

function fact(key: string, label: string, period: string, value: number, unit: string, scale: number, options: Partial<Fact> = {}): Fact {
  const decimals = (String(value).split(".")[1] ?? "").length;
  return {
    id: `q${++counter}`, park: PARK, period, year: Number(period.slice(0, 4)), indicatorKey: key, label, scope: "园区",
    value, unit, valueBase: value * scale, baseUnit: unit.replace(/^(亿|万)/, ""), yoyPct: null, qualifier: "exact",
    status: "actual", decimals, spanStart: null, spanEnd: null, quote: "", origin: "stats", confidence: 1,
    documentId: null, chunkId: null, ...options,
  };
}
const text = (options: Partial<Fact> = {}): Partial<Fact> => ({ origin: "text", confidence: 0.9, documentId: "doc-2022", ...options });
const spec = (id: string) => SUMMARY_SECTIONS.find((section) => section.id === id)!;

describe("one fact per figure (i)", () => {
  // The 2022 sub-group figures, once from statistics and once read from a document's text.
  const facts = [
    fact("revenue", "主营业务收入", "2022", 68.5, "亿元", 1e8, { scope: "规上企业", yoyPct: 9.8 }),
    fact("revenue", "主营业务收入", "2022", 38.6, "亿元", 1e8, { scope: "其中：有色金属加工企业" }),
    fact("revenue", "主营业务收入", "2022", 38.6, "亿元", 1e8, text({ scope: "其中14家有色金属加工企业" })),
    fact("tax", "税金", "2022", 2.73, "亿元", 1e8, { yoyPct: 10.1 }),
    fact("tax", "税金", "2022", 1.62, "亿元", 1e8, { scope: "其中：有色金属加工企业" }),
    fact("tax", "税金", "2022", 1.62, "亿元", 1e8, text({ scope: "其中14家有色金属加工企业" })),
    fact("enterprises", "有色金属加工企业", "2022", 14, "家", 1, text()),
    // A misreading of 「主营业务收入和利润分别为68.5亿元和4.41亿元」: the statistics say 利润 4.41.
    fact("profit", "主营业务收入和利润", "2022", 68.5, "亿元", 1e8, text({ scope: "规上企业" })),
    fact("profit", "利润", "2022", 4.41, "亿元", 1e8, { scope: "规上企业", yoyPct: 8.6 }),
  ];

  it("normalizes 口径: 其中、counts and headline scopes", () => {
    expect(normalizedScope("其中14家有色金属加工企业")).toBe("有色金属加工企业");
    expect(normalizedScope("其中：有色金属加工企业")).toBe("有色金属加工企业");
    expect(normalizedScope("规上企业")).toBe("");
  });

  it("keeps the statistic of a figure stated twice and drops the text figure the statistics contradict", () => {
    const kept = dedupeFacts(facts);
    const revenue = kept.filter((item) => item.indicatorKey === "revenue");
    expect(revenue.map((item) => [item.value, item.origin])).toEqual([[68.5, "stats"], [38.6, "stats"]]);
    expect(kept.filter((item) => item.indicatorKey === "profit").map((item) => item.value)).toEqual([4.41]);
  });

  it("writes the 其中 part once, with its count and both shares", () => {
    const body = composeSection(spec("经济运行"), YearFacts.of(PARK, 2022, facts), 2022);
    // 38.6 / 68.5 = 56.35% → 56.4%; 1.62 / 2.73 = 59.34% → 59.3%
    expect(body).toContain("其中，14家有色金属加工企业实现主营业务收入38.6亿元、税金1.62亿元，分别占园区总量的56.4%和59.3%。");
    expect(body.match(/38\.6亿元/g)).toHaveLength(1);
    expect(body.match(/其中/g)).toHaveLength(1);
    expect(body).toContain("实现利润4.41亿元，同比增长8.6%");
    expect(body).not.toContain("68.5亿元，同比增长8.6%");
  });

  it("states free-label figures of the year in their section, once", () => {
    const year = YearFacts.of(PARK, 2022, [
      fact("label:职工公寓一期", "职工公寓一期", "2022", 200, "套", 1, text()),
      fact("label:主干道“白改黑”", "主干道“白改黑”", "2022", 7.5, "公里", 1, text()),
      fact("label:企业放贷", "企业放贷", "2022", 52, "户", 1, text()),
      fact("label:提升到", "提升到", "2022", 2, "万吨", 1e4, text()),
    ]);
    const stated = { factIds: new Set<string>(), text: "" };
    expect(supplementParagraph(spec("平台建设"), year, 2022, stated)).toBe("此外，2022年园区职工公寓一期200套；主干道“白改黑”7.5公里。");
    expect(supplementParagraph(spec("发展难题破解"), year, 2022, stated)).toBe("此外，2022年园区企业放贷52户。");
    // Stated once: a second pass over the same section adds nothing.
    expect(supplementParagraph(spec("平台建设"), year, 2022, stated)).toBeNull();
  });
});

describe("markers name the figure they replace (ii)", () => {
  const empty = YearFacts.of(PARK, 2022, []);
  const roll = (old: string) => rollForward({ text: old, fromYear: 2021, toYear: 2022, facts: empty, reportsActuals: true }).text;

  it("puts the marker where the figure stood, named by what the figure measures", () => {
    expect(roll("北区扩区380亩土地报批获省政府批准。")).toBe("北区扩区【待补充：北区扩区面积，2022年】土地报批获省政府批准。");
    expect(roll("职工公寓一期200套主体封顶；南区标准厂房二期3.2万平方米开工建设。"))
      .toBe("职工公寓一期【待补充：职工公寓一期套数，2022年】主体封顶；南区标准厂房二期【待补充：南区标准厂房二期面积，2022年】开工建设。");
  });

  it("never carries an old number inside a marker", () => {
    expect(missing("其中14家有色金属加工企业占比", 2023)).toBe("【待补充：有色金属加工企业占比，2023年】");
  });
});

describe("evaluative wording follows the new figures (iii)", () => {
  const exports = (yoy2021: number, yoy2022: number, value2022: number) => YearFacts.of(PARK, 2022, [
    fact("exports", "进出口总额", "2021", 7.4, "亿元", 1e8, { yoyPct: yoy2021 }),
    fact("exports", "进出口总额", "2022", value2022, "亿元", 1e8, { yoyPct: yoy2022 }),
  ]);
  const old = "进出口总额7.4亿元，同比增长25.4%，扭转了上年下降局面。";

  it("drops 扭转了上年下降局面 when the year before did not fall", () => {
    expect(rollForward({ text: old, fromYear: 2021, toYear: 2022, facts: exports(25.4, 12.2, 8.3), reportsActuals: true }).text)
      .toBe("进出口总额8.3亿元，同比增长12.2%。");
  });

  it("keeps it when the year before fell and the new year grows", () => {
    expect(rollForward({ text: old, fromYear: 2021, toYear: 2022, facts: exports(-3.1, 12.2, 8.3), reportsActuals: true }).text)
      .toBe("进出口总额8.3亿元，同比增长12.2%，扭转了上年下降局面。");
  });

  it("flips 增长 to 下降 and drops the turnaround when the new figure falls", () => {
    expect(rollForward({ text: old, fromYear: 2021, toYear: 2022, facts: exports(-3.1, -8.4, 6.8), reportsActuals: true }).text)
      .toBe("进出口总额6.8亿元，同比下降8.4%。");
  });

  it("recomputes 仅完成 / 超额完成 from the new completion rate, and drops the target figure", () => {
    const facts = YearFacts.of(PARK, 2024, [
      fact("industrial_output", "工业总产值", "2024", 75.4, "亿元", 1e8, { scope: "规上企业", yoyPct: 9.4 }),
      fact("industrial_output", "工业总产值", "2024", 75, "亿元", 1e8, { scope: "规上企业", status: "plan", origin: "text" }),
    ]);
    const rolled = rollForward({ text: "全年规上工业总产值68.9亿元，同比下降1.9%，仅完成年度目标77亿元的89.5%。", fromYear: 2023, toYear: 2024, facts, reportsActuals: true }).text;
    // 75.4 / 75 = 100.53% → 100.5%
    expect(rolled).toBe("全年规上工业总产值75.4亿元，同比增长9.4%，完成年度目标的100.5%。");
  });

  it("writes a rank's move as 后退 when the rank falls", () => {
    const facts = YearFacts.of(PARK, 2023, [
      fact("rank", "排名", "2022", 46, "位", 1, { scope: "全省开发区综合考核" }),
      fact("rank", "排名", "2023", 49, "位", 1, { scope: "全省开发区综合考核" }),
    ]);
    expect(rollForward({ text: "全省开发区综合考核排名第46位，比上年前移6位。", fromYear: 2022, toYear: 2023, facts, reportsActuals: true }).text)
      .toBe("全省开发区综合考核排名第49位，比上年后退3位。");
  });

  it("drops a milestone of last year's figures (首次突破70亿元)", () => {
    const facts = YearFacts.of(PARK, 2023, [fact("industrial_output", "工业总产值", "2023", 68.9, "亿元", 1e8, { scope: "规上企业", yoyPct: -1.9 })]);
    expect(rollForward({ text: "规上工业总产值达到70.2亿元，同比增长10%，首次突破70亿元。", fromYear: 2022, toYear: 2023, facts, reportsActuals: true }).text)
      .toBe("规上工业总产值达到68.9亿元，同比下降1.9%。");
  });

  it("splits 分别为…和… so each value keeps its own 同比 and direction", () => {
    expect(splitPairs("规上企业主营业务收入和利润分别为68.5亿元和4.41亿元，分别增长9.8%和8.6%；"))
      .toBe("规上企业主营业务收入为68.5亿元，同比增长9.8%；利润为4.41亿元，同比增长8.6%；");
    const facts = YearFacts.of(PARK, 2023, [
      fact("revenue", "主营业务收入", "2023", 66.2, "亿元", 1e8, { scope: "规上企业", yoyPct: -3.4 }),
      fact("profit", "利润", "2023", 3.87, "亿元", 1e8, { scope: "规上企业", yoyPct: -12.2 }),
    ]);
    expect(rollForward({ text: "规上企业主营业务收入和利润分别为68.5亿元和4.41亿元，分别增长9.8%和8.6%。", fromYear: 2022, toYear: 2023, facts, reportsActuals: true }).text)
      .toBe("规上企业主营业务收入为66.2亿元，同比下降3.4%；利润为3.87亿元，同比下降12.2%。");
  });

  it("keeps last year's judging heading only when the headline change agrees, else a neutral one", () => {
    const grow = YearFacts.of(PARK, 2024, [fact("industrial_output", "工业总产值", "2024", 75.4, "亿元", 1e8, { scope: "规上企业", yoyPct: 9.4 })]);
    const fall = YearFacts.of(PARK, 2023, [fact("industrial_output", "工业总产值", "2023", 68.9, "亿元", 1e8, { scope: "规上企业", yoyPct: -1.9 })]);
    expect(fitHeading("经济运行有所下滑", spec("经济运行"), grow, 2024)).toBe("经济运行情况");
    expect(fitHeading("经济运行稳中向好", spec("经济运行"), fall, 2023)).toBe("经济运行情况");
    expect(fitHeading("经济运行有所下滑", spec("经济运行"), fall, 2023)).toBe("经济运行有所下滑");
    expect(fitHeading("经济运行稳中向好", spec("经济运行"), grow, 2024)).toBe("经济运行稳中向好");
  });
});

describe("amounts and target differences (iv)", () => {
  it("writes 1亿 or more in 亿元 when last year's text wrote 万元", () => {
    const inYi = YearFacts.of(PARK, 2022, [fact("subsidies", "扶持资金", "2022", 1.05, "亿元", 1e8)]);
    const inWan = YearFacts.of(PARK, 2022, [fact("subsidies", "扶持资金", "2022", 10500, "万元", 1e4)]);
    const small = YearFacts.of(PARK, 2022, [fact("subsidies", "扶持资金", "2022", 9800, "万元", 1e4)]);
    const old = "兑现各类扶持资金9700万元。";
    expect(rollForward({ text: old, fromYear: 2021, toYear: 2022, facts: inYi, reportsActuals: true }).text).toBe("兑现各类扶持资金1.05亿元。");
    expect(rollForward({ text: old, fromYear: 2021, toYear: 2022, facts: inWan, reportsActuals: true }).text).toBe("兑现各类扶持资金1.05亿元。");
    expect(rollForward({ text: old, fromYear: 2021, toYear: 2022, facts: small, reportsActuals: true }).text).toBe("兑现各类扶持资金9800万元。");
  });

  it("turns 比年度目标多0.18亿元 into the completion rate", () => {
    const facts = YearFacts.of(PARK, 2022, [
      fact("tax", "税金", "2022", 2.73, "亿元", 1e8, { yoyPct: 10.1 }),
      fact("tax", "税金", "2022", 2.7, "亿元", 1e8, { status: "plan", origin: "text" }),
    ]);
    // 2.73 / 2.7 = 101.11% → 101.1%
    expect(rollForward({ text: "上缴税金2.48亿元，同比增长17.5%，比年度目标多0.18亿元。", fromYear: 2021, toYear: 2022, facts, reportsActuals: true }).text)
      .toBe("上缴税金2.73亿元，同比增长10.1%，完成年度目标的101.1%。");
  });

  it("attaches a completion rate after the value and its 同比, once", () => {
    const output = fact("industrial_output", "工业总产值", "2021", 326.5, "亿元", 1e8);
    const body = "实现工业总产值326.5亿元，同比增长15.9%；实现利润21.8亿元。";
    const once = attachRatio(body, output, "完成年度目标的105.3%");
    expect(once).toBe("实现工业总产值326.5亿元，同比增长15.9%，完成年度目标的105.3%；实现利润21.8亿元。");
    expect(attachRatio(once!, output, "完成年度目标的105.3%")).toBe(once);
    expect(attachRatio("实现利润21.8亿元。", output, "完成年度目标的105.3%")).toBeNull();
  });
});

describe("unsupported figures are marked (3)", () => {
  it("puts 【待核实】 right after each unsupported or mismatched figure, in the section body", () => {
    const bodies = [{ body: "新建标准厂房12.3万平方米，盘活低效用地1080亩。" }, { body: "实现工业总产值326.5亿元。" }];
    const markdown = `## 一\n\n${bodies[0].body}\n\n${bodies[1].body}\n`;
    const at = (figure: string) => markdown.indexOf(figure);
    const verification: Verification = {
      claims: [
        { text: "12.3万平方米", start: at("12.3万平方米"), end: at("12.3万平方米") + 8, value: 12.3, unit: "万平方米", status: "unsupported", factIds: [] },
        { text: "1080亩", start: at("1080亩"), end: at("1080亩") + 5, value: 1080, unit: "亩", status: "verified", factIds: ["f"] },
        { text: "326.5亿元", start: at("326.5亿元"), end: at("326.5亿元") + 7, value: 326.5, unit: "亿元", status: "mismatch", factIds: [] },
      ],
      summary: { verified: 1, mismatch: 1, unsupported: 1, derived: 0 },
    };
    expect(markUnverified(markdown, verification, bodies)).toBe(2);
    expect(bodies[0].body).toBe(`新建标准厂房12.3万平方米${CHECK_MARK}，盘活低效用地1080亩。`);
    expect(bodies[1].body).toBe(`实现工业总产值326.5亿元${CHECK_MARK}。`);
  });
});

describe("hidden text (evaluation mode a)", () => {
  it("blanks the quotes of hidden documents but keeps their figures", async () => {
    const stored = [
      fact("label:职工公寓一期", "职工公寓一期", "2022", 200, "套", 1, text({ quote: "职工公寓一期200套投入使用，入住职工近600人" })),
      fact("industrial_output", "工业总产值", "2023", 80, "亿元", 1e8, text({ status: "plan", documentId: "doc-2022", quote: "向80亿元冲刺" })),
      fact("tax", "税金", "2022", 2.73, "亿元", 1e8, text({ documentId: "other", quote: "上缴税金2.73亿元" })),
    ];
    const lookup = hidingTextOf({ findFacts: async () => stored }, ["doc-2022"]);
    const seen = await lookup.findFacts({});
    expect(seen.map((item) => item.quote)).toEqual(["", "冲刺", "上缴税金2.73亿元"]);
    expect(seen.map((item) => item.value)).toEqual([200, 80, 2.73]);
  });
});
