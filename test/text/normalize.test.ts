import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { encodeGbk } from "../../src/text/gbk.ts";
import { normalizeText } from "../../src/text/normalize.ts";

const seedRaw = readFileSync(new URL("../fixtures/seed.txt", import.meta.url), "utf8");

describe("normalizeText on the scraped seed document", () => {
  const result = normalizeText(seedRaw);
  const { text } = result;

  it("strips the download banner and the 温馨提示/最新文档/评论 footer", () => {
    for (const chrome of ["下载本文档", "下載本文檔", "版权说明", "文档简介", "温馨提示", "溫馨提示", "最新文档", "评论", "人人文库网", "0/150"]) {
      expect(text).not.toContain(chrome);
    }
    expect(text.startsWith("2020年工业园区工作总结及2021年工作计划")).toBe(true);
    expect(text.endsWith("提高服务和保障水")).toBe(true);
  });

  it("removes every pinyin note and keeps real parentheses", () => {
    expect(text).not.toMatch(/[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/);
    expect(text).not.toMatch(/\((?:quán|qū|chǎn|yè)\)/);
    expect(text).toContain("(一)抓平台建设");
    expect(text).toContain("(六)抓服务质量");
  });

  it("rejoins page-split fragments into continuous sentences", () => {
    expect(text).not.toMatch(/\n\d+、/);
    expect(text).toContain("东一环道路及工业大道东段道路、电子产业园二期土地平整");
    expect(text).toContain("同比增长47.8%；实现税金总额9.36亿元");
    expect(text).toContain("拨付企业发展扶持资金累计金额2.87亿元");
    expect(text).toContain("影响到企业的发展。4.虽然全国复工复产");
  });

  it("converts traditional to simplified", () => {
    for (const simplified of ["产业", "区委", "税金", "亿元", "从业", "总产值", "着力", "发展", "园区", "坚强领导"]) {
      expect(text).toContain(simplified);
    }
    for (const traditional of ["產業", "區委", "稅金", "億元", "從業", "總產值", "發展", "園區", "領導", "經濟"]) {
      expect(text).not.toContain(traditional);
    }
  });

  it("keeps the figures intact", () => {
    for (const figure of ["202亿元", "同比增长16.6%", "2.385亿元", "7869人", "5.4亿千瓦时", "15.3574公顷", "87.4万元", "A1-A8"]) {
      expect(text).toContain(figure);
    }
  });

  it("converts half-width commas and semicolons next to Chinese to full width", () => {
    expect(text).toContain("今年以来，在区委");
    expect(text).toContain("同比增长24.2%；实现利润");
  });

  it("reports and partly repairs the GBK mojibake runs", () => {
    expect(result.mojibake.map((span) => span.sample)).toEqual([
      "?!惫ぷ鳎瑘@",
      "?zāi)拱徇w",
      "?!惫ぷ饕?",
      "?xì)馄髽I(yè)",
      "?;虬腙P(guān)",
    ]);
    expect(text).toContain("积极落实“六\ufffd”工作，园区建设得到平稳较快发展");
    expect(text).toContain("关\ufffd或半关停企业");
    expect(text).not.toContain("惫ぷ");
    for (const span of result.mojibake) {
      expect(text.slice(span.start, span.end)).toBe(span.repaired);
    }
    const warnings = result.warnings.filter((warning) => warning.startsWith("疑似乱码"));
    expect(warnings).toHaveLength(5);
    expect(warnings[0]).toMatch(/^疑似乱码：“\?!惫ぷ鳎瑘@”（第\d+字附近）.*已排除在数字抽取之外$/);
  });

  it("warns about the truncated preview", () => {
    expect(result.warnings.some((warning) => warning.includes("正文末尾不完整"))).toBe(true);
  });

  it("maps every normalized character back to the raw text", () => {
    expect(result.map).toHaveLength(text.length + 1);
    expect(result.map[text.length]).toBe(seedRaw.length);
    for (const figure of ["202亿元", "7869人", "2.385亿元"]) {
      const at = text.indexOf(figure);
      const rawAt = result.map[at];
      // The raw text has the same digits at the mapped offset.
      expect(seedRaw.slice(rawAt, rawAt + figure.length - 2)).toBe(figure.slice(0, -2));
    }
    // "區(qū)委": 区 maps to 區, 委 to the character after the pinyin note.
    const at = text.indexOf("区委");
    expect(seedRaw[result.map[at]]).toBe("區");
    expect(seedRaw.slice(result.map[at], result.map[at + 1] + 1)).toBe("區(qū)委");
    for (let i = 1; i < result.map.length; i++) expect(result.map[i]).toBeGreaterThanOrEqual(result.map[i - 1]);
  });
});

describe("normalizeText on small inputs", () => {
  const cases: Array<[string, string, string]> = [
    ["pinyin notes after characters", "園區(qū)產(chǎn)業(yè)發(fā)展", "园区产业发展"],
    ["plain pinyin without tones", "园区(yuan)建设", "园区建设"],
    ["full-width parentheses pinyin", "区（qū）委", "区委"],
    ["real parentheses stay", "（一）抓平台建设(2020)，见附件(A)", "（一）抓平台建设(2020)，见附件(A)"],
    ["units in parentheses stay", "用电量(kWh)增长", "用电量(kWh)增长"],
    ["full-width digits and letters", "产值２０２亿元，增长１６．６％，ＡＢＣ", "产值202亿元，增长16.6%，ABC"],
    ["Chinese punctuation stays full width", "一、抓项目；二、促发展：（一）", "一、抓项目；二、促发展：（一）"],
    ["thousands separators stay", "投资1,234万元", "投资1,234万元"],
    ["blank lines and indentation collapse", "第一段。\r\n\r\n\u3000\u3000第二段。  \n\n", "第一段。\n第二段。"],
    ["numbered list lines stay", "主要问题：\n1、资金不足。\n2、用地紧张。", "主要问题：\n1、资金不足。\n2、用地紧张。"],
    ["page fragments rejoin", "完成工业总产值20\n2、2亿元，同比增长", "完成工业总产值202亿元，同比增长"],
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
    const text = "鼎鑫商砼搬迁，临汝书院、印象牡丹亭建设，VOC治理，B区B1-B7施工。是否完成?";
    const result = normalizeText(text);
    expect(result.mojibake).toEqual([]);
    expect(result.text).toBe("鼎鑫商砼搬迁，临汝书院、印象牡丹亭建设，VOC治理，B区B1-B7施工。是否完成？");
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
