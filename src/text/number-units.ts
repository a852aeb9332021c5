/**
 * Tables the number parser needs: scale words, measure units and qualifier words of Chinese
 * official documents. Kept apart from the scanner so that the vocabulary can grow without
 * touching the grammar.
 */
import type { Qualifier } from "../facts/types.ts";

/** A measure unit as written, the base unit it belongs to and the factor to that base. */
export interface UnitSpec {
  written: string;
  base: string;
  factor: number;
  /** Too ambiguous after a Chinese numeral (方 in 一方面, 度 in 一度): Arabic numbers only. */
  arabicOnly?: boolean;
  /** Not a unit when this follows it (支 in 支持, 支撑, 支付). */
  notBefore?: RegExp;
}

/** Scale words between a number and its unit, longest first. 千/十万 only count before a unit. */
export const SCALES: Array<{ written: string; factor: number; needsUnit: boolean }> = [
  { written: "万亿", factor: 1e12, needsUnit: false },
  { written: "千亿", factor: 1e11, needsUnit: false },
  { written: "百亿", factor: 1e10, needsUnit: false },
  { written: "千万", factor: 1e7, needsUnit: false },
  { written: "百万", factor: 1e6, needsUnit: false },
  { written: "十万", factor: 1e5, needsUnit: true },
  { written: "亿", factor: 1e8, needsUnit: false },
  { written: "万", factor: 1e4, needsUnit: false },
  { written: "千", factor: 1e3, needsUnit: true },
];

const unit = (written: string, base = written, factor = 1, arabicOnly = false): UnitSpec => ({
  written,
  base,
  factor,
  arabicOnly,
});

/** Units the genre uses. Order does not matter: the scanner takes the longest match. */
export const UNITS: UnitSpec[] = [
  // money
  unit("元"), unit("美元"), unit("欧元"), unit("港元"), unit("港币", "港元"),
  // energy and power
  unit("千瓦时"), unit("度", "千瓦时", 1, true), unit("千瓦"), unit("兆瓦", "千瓦", 1e3),
  unit("吉瓦", "千瓦", 1e6), unit("千伏安"), unit("千伏"), unit("吨标准煤"), unit("吨标煤", "吨标准煤"),
  // volume, weight
  unit("立方米"), unit("方", "立方米", 1, true), unit("吨"), unit("千克"), unit("公斤", "千克"), unit("克"),
  // area and length
  unit("平方公里", "平方米", 1e6), unit("平方千米", "平方米", 1e6), unit("公顷", "平方米", 1e4),
  unit("平方米"), unit("平米", "平方米"), unit("亩"), unit("公里"), unit("千米", "公里"), unit("米", "米", 1, true),
  // people
  unit("人次"), unit("家次"), unit("户次"), unit("场次"), unit("人"), unit("名", "人"), unit("位", "人"),
  // counts
  unit("家"), unit("户"), unit("个"), unit("件"), unit("份"), unit("起"), unit("项"), unit("座"), unit("栋"),
  unit("幢", "栋"), unit("台"), unit("套"), unit("辆"), unit("批"), unit("条"), unit("所"), unit("场"),
  unit("次"), unit("篇"), unit("宗"), unit("笔"), unit("种"), unit("款"), unit("处"), unit("间"), unit("张"),
  unit("株"), unit("棵", "株"), unit("头"), unit("艘"), unit("架"), unit("车次"), unit("标段"),
  { written: "支", base: "支", factor: 1, notBefore: /^[持撑付出柱援部]/ },
  // multi-part measures (设备12台套)
  unit("台套"), unit("台（套）", "台套"), unit("台(套)", "台套"), unit("批次"), unit("架次"), unit("辆次"),
  ...classifiers(),
  // time spans, multiples
  unit("个月"), unit("个工作日"), unit("工作日", "个工作日"), unit("天"), unit("小时"), unit("倍"),
  // percentages
  unit("%"), unit("个百分点", "百分点"), unit("百分点"),
];

/**
 * Measure words (量词) of the genre beyond the units above: 路灯320盏, 充电桩86根, 打井5眼. After an
 * Arabic number they make it a counted quantity; after a Chinese numeral they are too often part of a
 * set phrase (三座大山, 两把手) to count. `notBefore` lists the words each one starts (根据, 组织, 层次).
 */
function classifiers(): UnitSpec[] {
  const words: Array<[string, RegExp?]> = [
    ["盏"], ["根", /^[据本源治]/], ["块", /^[状]/], ["片", /^[区]/], ["颗"], ["只", /^[有是要能]/], ["把", /^[握关]/],
    ["口", /^[径岸号]/], ["眼"], ["孔"], ["扇"], ["组", /^[织建成团合]/], ["对", /^[接比外口标照于象应策话]/],
    ["双", /^[创向百碳招随循]/], ["副", /^[主总局市县职]/], ["枚"], ["册"], ["幅", /^[度]/], ["桩"], ["杆"], ["樘"],
    ["档", /^[案次]/], ["节", /^[能约点日省水电]/], ["段", /^[落时]/], ["盘", /^[活点整查]/], ["例", /^[如外会行]/],
    ["门", /^[户槛类店诊]/], ["堂"], ["班", /^[子组次车]/], ["届"], ["趟"], ["轮"], ["层", /^[次面级]/], ["类", /^[型别似]/],
  ];
  return words.map(([written, notBefore]) => ({ written, base: written, factor: 1, arabicOnly: true, ...(notBefore ? { notBefore } : {}) }));
}

/** Map from first character to the units starting with it, longest first. */
export const UNITS_BY_FIRST: Map<string, UnitSpec[]> = (() => {
  const map = new Map<string, UnitSpec[]>();
  for (const spec of UNITS) {
    const list = map.get(spec.written[0]) ?? [];
    list.push(spec);
    map.set(spec.written[0], list);
  }
  for (const list of map.values()) list.sort((a, b) => b.written.length - a.written.length);
  return map;
})();

/**
 * 成 after a numeral is tenths: 七成 = 70%, 近三成 = a little under 30% (stated to the nearest 10%).
 * Not when 成 starts a word: 成本, 成果, 成效, 成员 (近六成为民营企业 is 六成 + 为).
 */
export const TENTHS = { written: "成", notBefore: /^[员本果效立绩交功熟长品型套片都]/ };

/** Qualifier words written before a number, longest first. */
export const PREFIX_QUALIFIERS: Array<[string, Qualifier]> = [
  ["不超过", "at_most"], ["不低于", "at_least"], ["不少于", "at_least"], ["超过", "more_than"],
  ["多于", "more_than"], ["高于", "more_than"], ["突破", "more_than"], ["不到", "less_than"],
  ["不足", "less_than"], ["少于", "less_than"], ["低于", "less_than"], ["接近", "less_than"],
  ["将近", "less_than"], ["大约", "about"], ["约为", "about"], ["至少", "at_least"], ["最多", "at_most"],
  ["超", "more_than"], ["逾", "more_than"], ["近", "less_than"], ["约", "about"],
];

/** Qualifier words written after the unit, longest first. */
export const SUFFIX_QUALIFIERS: Array<[string, Qualifier]> = [
  ["以上", "more_than"], ["之多", "more_than"], ["有余", "more_than"], ["左右", "about"], ["上下", "about"],
  ["以下", "at_most"], ["以内", "at_most"],
];

/** Separators of a range such as 3—5亿元, 3-5亿元, 3至5亿元. */
export const RANGE_SEPARATORS = ["——", "—", "–", "-", "~", "～", "至", "到"];
