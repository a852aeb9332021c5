import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { encodeGbk } from "../../src/text/gbk.ts";
import { normalizeText } from "../../src/text/normalize.ts";

const liuxiRaw = readFileSync(new URL("../../corpus/raw/liuxi-2021-summary-2022-plan.txt", import.meta.url), "utf8");
const garbledRaw = readFileSync(new URL("../fixtures/genre/scraped-garbled-half-year.txt", import.meta.url), "utf8");
const TONE_VOWEL = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/;

describe("normalizeText on a scraped page (the team's liuxi sample)", () => {
  const result = normalizeText(liuxiRaw);
  const { text } = result;
  /** The text with its (unrepaired) mojibake runs cut out. */
  const outsideMojibake = result.mojibake.reduceRight((rest, span) => rest.slice(0, span.start) + rest.slice(span.end), text);

  it("strips the download banner and the 温馨提示/最新文档/评论 footer", () => {
    for (const chrome of ["下载本文档", "下載本文檔", "版权说明", "版權", "文档简介", "文檔簡介", "温馨提示", "溫馨提示", "最新文档", "评论", "評論", "虚拟币", "客服"]) {
      expect(text).not.toContain(chrome);
    }
    expect(text.startsWith("2021年柳溪工业园区工作总结及2022年工作计划")).toBe(true);
    expect(text.endsWith("为企业发展营造良好环境")).toBe(true);
  });

  it("removes every pinyin note and keeps real parentheses", () => {
    // The one garbled run the product cannot repair keeps its pinyin remains (wù)); see the mojibake test.
    expect(outsideMojibake).not.toMatch(TONE_VOWEL);
    expect(text).not.toMatch(/\((?:zǒng|chǎn|yè|qū)\)/);
    expect(text).toContain("(一)主要目标");
    expect(text).toContain("(二)重点工作");
  });

  it("rejoins page-split fragments into continuous sentences", () => {
    expect(text).not.toMatch(/\n\d+、/);
    // Page breaks inside a figure (8|.9%, 1.6|亿元) and before a sentence end (投产|。).
    expect(text).toContain("同比增长8.9%；规上企业从业人员5120人");
    expect(text).toContain("上缴税金1.6亿元；新引进项目8个以上");
    expect(text).toContain("4个项目建成投产。四是惠企服务落到实处");
  });

  it("converts traditional to simplified", () => {
    for (const simplified of ["产业", "县委", "税金", "亿元", "从业", "总产值", "发展", "园区", "坚强领导", "污水"]) {
      expect(text).toContain(simplified);
    }
    for (const traditional of ["產業", "縣委", "稅金", "億元", "從業", "總產值", "發展", "園區", "領導", "經濟"]) {
      expect(text).not.toContain(traditional);
    }
  });

  it("keeps the figures intact", () => {
    for (const figure of ["38.6亿元", "同比增长12.3%", "2.05亿元", "5120人", "1.92亿千瓦时", "2.4万平方米", "286亩", "9600万元", "3100余万元", "第3位"]) {
      expect(text).toContain(figure);
    }
  });

  it("converts half-width commas and semicolons next to Chinese to full width", () => {
    expect(text).toContain("今年以来，在县委");
    expect(text).toContain("同比增长13.1%；实现利润");
  });

  it("reports the garbled run it cannot repair and leaves it as it is", () => {
    // “六?!比蝿?wù)” is too short a run to re-read: only ”任 would come back, under half of it.
    expect(result.mojibake).toEqual([{ start: expect.any(Number), end: expect.any(Number), sample: "?!比蝿?wù)", repaired: undefined }]);
    const [span] = result.mojibake;
    expect(text.slice(span.start, span.end)).toBe("?!比蝿?wù)");
    expect(text.slice(span.start - 4, span.end + 5)).toBe("落实“六?!比蝿?wù)，帮助企业");
    const warnings = result.warnings.filter((warning) => warning.startsWith("疑似乱码"));
    expect(warnings).toEqual([`疑似乱码：“?!比蝿?wù)”（第${span.start + 1}字附近），已排除在数字抽取之外`]);
  });

  it("warns about the truncated preview", () => {
    expect(result.warnings.some((warning) => warning.includes("正文末尾不完整"))).toBe(true);
  });

  it("maps every normalized character back to the raw text", () => {
    expect(result.map).toHaveLength(text.length + 1);
    expect(result.map[text.length]).toBe(liuxiRaw.length);
    for (const figure of ["38.6亿元", "5120人", "2.05亿元"]) {
      const at = text.indexOf(figure);
      const rawAt = result.map[at];
      // The raw text has the same digits at the mapped offset.
      expect(liuxiRaw.slice(rawAt, rawAt + figure.length - 2)).toBe(figure.slice(0, -2));
    }
    // "總(zǒng)結": 总 maps to 總, 结 to the character after the pinyin note.
    const at = text.indexOf("总结");
    expect(liuxiRaw[result.map[at]]).toBe("總");
    expect(liuxiRaw.slice(result.map[at], result.map[at + 1] + 1)).toBe("總(zǒng)結");
    for (let i = 1; i < result.map.length; i++) expect(result.map[i]).toBeGreaterThanOrEqual(result.map[i - 1]);
  });
});

describe("normalizeText on a scraped page with garbled runs (test/fixtures/genre)", () => {
  const result = normalizeText(garbledRaw);
  const { text } = result;

  it("reports and partly repairs the GBK mojibake runs", () => {
    // \ue0f2: a byte pair GBK decoders map into the private use area.
    expect(result.mojibake.map((span) => span.sample)).toEqual(["?!被顒樱\ue0f2咴L", "?F髽I(yè)", "?F瑓^(qū)"]);
    expect(result.mojibake.map((span) => span.repaired)).toEqual(["\ufffd”活动，走访", "\ufffd企业", "\ufffd片区"]);
    expect(text).toContain("开展“三服\ufffd”活动，走访企业64家");
    expect(text).toContain("对园区使用天然\ufffd企业开展专项排查");
    expect(text).toContain("完成南\ufffd片区雨污管网改造1.6公里");
    expect(text).not.toContain("被顒");
    // Pinyin notes left inside a garbled run go with its repair.
    expect(text).not.toMatch(TONE_VOWEL);
    for (const span of result.mojibake) {
      expect(text.slice(span.start, span.end)).toBe(span.repaired);
    }
    const warnings = result.warnings.filter((warning) => warning.startsWith("疑似乱码"));
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/^疑似乱码：“\?!被顒樱\ue0f2咴L”（第\d+字附近）.*已排除在数字抽取之外$/);
  });

  it("cleans the rest of the page as usual", () => {
    expect(text.startsWith("2022年梅岗工业园区上半年工作总结")).toBe(true);
    expect(text).toContain("为12家企业争取技改资金860万元。三是安全环保底线守牢");
    for (const chrome of ["下载本文档", "文档简介", "温馨提示", "最新文档", "提交评论", "0/150"]) expect(text).not.toContain(chrome);
    expect(result.warnings).toContain("正文末尾不完整（疑为网页预览截断），末句可能缺失");
  });
});

describe("normalizeText on small inputs", () => {
  const cases: Array<[string, string, string]> = [
    ["pinyin notes after characters", "園區(qū)產(chǎn)業(yè)發(fā)展", "园区产业发展"],
    ["plain pinyin without tones", "园区(yuan)建设", "园区建设"],
    ["full-width parentheses pinyin", "区（qū）委", "区委"],
    ["real parentheses stay", "（一）抓平台建设(2020)，见附件(A)", "（一）抓平台建设(2020)，见附件(A)"],
    ["units in parentheses stay", "用电量(kWh)增长", "用电量(kWh)增长"],
    ["full-width digits and letters", "产值３１７亿元，增长８．４％，ＡＢＣ", "产值317亿元，增长8.4%，ABC"],
    ["Chinese punctuation stays full width", "一、抓项目；二、促发展：（一）", "一、抓项目；二、促发展：（一）"],
    ["thousands separators stay", "投资1,234万元", "投资1,234万元"],
    ["blank lines and indentation collapse", "第一段。\r\n\r\n\u3000\u3000第二段。  \n\n", "第一段。\n第二段。"],
    ["numbered list lines stay", "主要问题：\n1、资金不足。\n2、用地紧张。", "主要问题：\n1、资金不足。\n2、用地紧张。"],
    ["page fragments rejoin", "完成工业总产值31\n2、7亿元，同比增长", "完成工业总产值317亿元，同比增长"],
  ];
  it.each(cases)("%s", (_name, input, expected) => {
    expect(normalizeText(input).text).toBe(expected);
  });

  it("detects simplified and traditional chrome markers alike", () => {
    const page = "下载本文档\n文档简介\n2021年园区工作计划\n一、抓招商。\n温馨提示\n- 1. 本站所有资源如无特殊说明\n最新文档\n- 某合同";
    expect(normalizeText(page).text).toBe("2021年园区工作计划\n一、抓招商。");
  });

  it("repairs UTF-8 text that was read as GBK", () => {
    const original = "园区工业产值稳步增长";
    const garbled = new TextDecoder("gbk").decode(new TextEncoder().encode(original));
    expect(garbled).toMatch(/^鍥.*宸ヤ笟浜у€肩ǔ姝ュ.*闀\ufffd$/);
    const result = normalizeText(`今年以来，${garbled}。`);
    // The last byte of 长 was lost when the text was garbled; the rest comes back.
    expect(result.text).toMatch(/^今年以来，园区工业产值稳步增\ufffd+。$/);
    expect(result.mojibake).toHaveLength(1);
    expect(result.mojibake[0].sample).toBe(garbled);
  });

  it("partly repairs GBK bytes read one byte out of step", () => {
    const bytes = encodeGbk("保障企业用工")!;
    const shifted = new TextDecoder("gbk").decode(Uint8Array.of(0x3f, ...bytes.subarray(1)));
    expect(shifted).toBe("?Ｕ掀笠涤霉\ufffd");
    const result = normalizeText(`积极${shifted}。`);
    expect(result.text).toContain("障企");
    expect(result.text).not.toContain("Ｕ掀笠");
    expect(result.mojibake).toHaveLength(1);
  });

  it("leaves ordinary text with rare characters alone", () => {
    const text = "琨溪商砼站搬迁，汶阳书院、婺光剧场建设，VOC治理，C区C1-C6施工。是否完成?";
    const result = normalizeText(text);
    expect(result.mojibake).toEqual([]);
    expect(result.text).toBe("琨溪商砼站搬迁，汶阳书院、婺光剧场建设，VOC治理，C区C1-C6施工。是否完成？");
  });
});

describe("normalizeText on text a PDF layer spaced", () => {
  it("joins figures to the words around them and maps offsets back", () => {
    const raw = "园区实现工业总产值 143.6 亿元，同比下降 2.8%；Version 2 保持不变";
    const result = normalizeText(raw);
    expect(result.text).toBe("园区实现工业总产值143.6亿元，同比下降2.8%；Version 2 保持不变");
    const at = result.text.indexOf("143.6");
    expect(raw.slice(result.map[at], result.map[at] + 5)).toBe("143.6");
  });
});
