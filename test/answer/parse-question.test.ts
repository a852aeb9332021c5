import { describe, expect, it } from "vitest";
import { parseQuestion } from "../../src/answer/parse-question.ts";
import { parseYears } from "../../src/answer/parse-years.ts";
import { isFollowUp, resolveFollowUp } from "../../src/answer/resolve-follow-up.ts";
import { OTHER_PARK, PARK, testVocabulary } from "./fixtures.ts";

const vocabulary = testVocabulary();
const parse = (question: string, park?: string) => parseQuestion(question, vocabulary, { park }).query;

describe("parseYears", () => {
  it.each([
    ["2022年工业总产值", [2022], false],
    ["二〇二一年利润", [2021], false],
    ["2020—2022年的变化", [2020, 2021, 2022], true],
    ["2020年至2022年", [2020, 2021, 2022], true],
    ["2020到2022年", [2020, 2021, 2022], true],
    ["去年的利润", [2022], false],
    ["前年的利润", [2021], false],
    ["今年的目标", [2023], false],
    ["2020年比上年增长多少", [2020, 2019], false],
    ["近三年工业总产值", [2020, 2021, 2022], true],
    ["新落户项目2300余个", [], false],
  ] as Array<[string, number[], boolean]>)("%s → %j", (text, years, range) => {
    // Latest year on record 2023 (a plan), latest actual 2022.
    const parsed = parseYears(text, 2023, 2022);
    expect(parsed.years).toEqual(years);
    expect(parsed.range).toBe(range);
  });

  it.each([
    ["2022年上半年工业总产值", "H1"],
    ["一季度利润", "Q1"],
    ["前三季度税金", "M01-09"],
    ["2023年1—11月进出口总额", "M01-11"],
    ["2022年工业总产值", undefined],
  ])("period of %s is %s", (text, suffix) => {
    expect(parseYears(text, 2023).periodSuffix).toBe(suffix);
  });
});

describe("parseQuestion", () => {
  it.each([
    ["明湖经济开发区2022年工业总产值是多少？", "value", [PARK], [2022], ["industrial_output"]],
    ["明湖2022年利润和税金分别是多少", "value", [PARK], [2022], ["profit", "tax"]],
    ["明湖开发区2020—2022年工业总产值变化趋势", "trend", [PARK], [2020, 2021, 2022], ["industrial_output"]],
    ["明湖历年利润是多少", "trend", [PARK], [], ["profit"]],
    ["2022年明湖和南溪的工业总产值对比", "compare", [PARK, OTHER_PARK], [2022], ["industrial_output"]],
    ["明湖2021年和2022年利润相比", "compare", [PARK], [2021, 2022], ["profit"]],
    ["明湖2022年工业总产值同比增长多少？", "growth", [PARK], [2022], ["industrial_output"]],
    ["明湖2020年到2022年工业总产值累计增长了多少", "growth", [PARK], [2020, 2021, 2022], ["industrial_output"]],
    ["明湖2022年电子信息产业产值占工业总产值的比重", "share", [PARK], [2022], ["industrial_output"]],
    ["明湖2022年在全省开发区综合考核中排第几？", "value", [PARK], [2022], ["rank"]],
    ["2022年各园区利润排名", "rank", [PARK, OTHER_PARK], [2022], ["profit"]],
    ["明湖2022年工业总产值目标完成了吗？", "plan_vs_actual", [PARK], [2022], ["industrial_output"]],
    ["2020年明湖在安全生产方面做了哪些工作？", "open", [PARK], [2020], []],
    ["明湖存在哪些困难？", "open", [PARK], [], []],
  ])("%s", (question, intent, parks, years, indicators) => {
    const query = parse(question);
    expect(query.intent).toBe(intent);
    expect(query.parks).toEqual(parks);
    expect(query.years).toEqual(years);
    expect(query.indicators).toEqual(indicators);
  });

  it("reads targets as plan figures and sub-year periods", () => {
    expect(parse("明湖2023年工业总产值的目标是多少").status).toBe("plan");
    expect(parse("明湖2022年上半年工业总产值").periodSuffix).toBe("H1");
    expect(parse("明湖2022年工业总产值").status).toBe("actual");
  });

  it("treats 规上企业 before another indicator as its 口径, not as a question about enterprise counts", () => {
    expect(parse("明湖2022年规上企业的利润和工业总产值各是多少").indicators).toEqual(["profit", "industrial_output"]);
  });

  it("does not take an intensity (每平方公里产值) for the indicator it ends with", () => {
    const query = parse("明湖2022年每平方公里产值是多少？");
    expect(query.indicators).toEqual([]);
    expect(query.unknownLabels[0]).toContain("每平方公里产值");
  });

  it("matches free labels from the facts table only for figure questions, and never generic two-character ones", () => {
    expect(parse("明湖2022年标准厂房面积是多少").indicators).toEqual(["label:标准厂房面积"]);
    expect(parse("明湖在招商方面有哪些经验").indicators).toEqual([]);
  });

  it("names a park that is not on record instead of answering for another", () => {
    const query = parse("青山经济开发区2022年税金是多少？");
    expect(query.unknownPark).toBe("青山经济开发区");
    expect(query.parks).toEqual([]);
    expect(parse("2022年两个园区的税金比较").unknownPark).toBeUndefined();
  });
});

describe("follow-ups", () => {
  const first = parse("明湖2022年工业总产值是多少？");
  const follow = (question: string, history = [first]) => {
    const parsed = parseQuestion(question, vocabulary);
    expect(isFollowUp(parsed, history[history.length - 1])).toBe(true);
    return resolveFollowUp(parsed, history);
  };

  it("那2021年呢 keeps the indicator and park, changes the year", () => {
    expect(follow("那2021年呢？")).toMatchObject({ intent: "value", parks: [PARK], years: [2021], indicators: ["industrial_output"] });
  });

  it("利润呢 keeps park and year, changes the indicator", () => {
    expect(follow("利润呢？")).toMatchObject({ intent: "value", parks: [PARK], years: [2022], indicators: ["profit"] });
  });

  it("和去年比呢 compares the previous turn's year with the one before", () => {
    expect(follow("和去年比呢？")).toMatchObject({ intent: "compare", years: [2021, 2022], indicators: ["industrial_output"] });
  });

  it("南溪呢 switches the park", () => {
    expect(follow("南溪呢？")).toMatchObject({ parks: [OTHER_PARK], years: [2022], indicators: ["industrial_output"] });
  });

  it("这两项 gathers the indicators of the last turns", () => {
    const second = resolveFollowUp(parseQuestion("那利润呢？", vocabulary), [first]);
    expect(follow("这两项分别增长了多少？", [first, second])).toMatchObject({ intent: "growth", indicators: ["industrial_output", "profit"] });
  });

  it("a new complete question is not a follow-up", () => {
    expect(isFollowUp(parseQuestion("南溪工业园区2022年利润是多少？", vocabulary), first)).toBe(false);
  });
});
