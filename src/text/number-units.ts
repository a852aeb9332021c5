/**
 * Tables the number parser needs: scale words, measure units and qualifier words of Chinese
 * official documents, and the traditional forms of their characters. Kept apart from the scanner
 * so that the vocabulary can grow without touching the grammar.
 */
import type { Qualifier } from "../domain/fact-types.ts";

/** A measure unit as written, the base unit it belongs to and the factor to that base. */
export interface UnitSpec {
  written: string;
  base: string;
  factor: number;
  /** Too ambiguous after a Chinese numeral (方 in 一方面, 度 in 一度): Arabic numbers only. */
  arabicOnly?: boolean;
  /** Not a unit when this follows it (支 in 支持, 支撑, 支付). */
  notBefore?: RegExp;
  /** Things counted one by one (人, 家, 个, measure words): 12.5 before one, with no 万/亿 scale, is implausible. */
  whole?: boolean;
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
/** A unit of things counted one by one. */
const count = (written: string, base = written): UnitSpec => ({ ...unit(written, base), whole: true });

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
  count("人次"), count("家次"), count("户次"), count("场次"), count("人"), count("名", "人"), count("位", "人"),
  // counts
  count("家"), count("户"), count("个"), count("件"), count("份"), count("起"), count("项"), count("座"), count("栋"),
  count("幢", "栋"), count("台"), count("套"), count("辆"), count("批"), count("条"), count("所"), count("场"),
  count("次"), count("篇"), count("宗"), count("笔"), count("种"), count("款"), count("处"), count("间"), count("张"),
  count("株"), count("棵", "株"), count("头"), count("艘"), count("架"), count("车次"), count("标段"),
  { written: "支", base: "支", factor: 1, whole: true, notBefore: /^[持撑付出柱援部]/ },
  // multi-part measures (设备12台套)
  count("台套"), count("台（套）", "台套"), count("台(套)", "台套"), count("批次"), count("架次"), count("辆次"),
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
  return words.map(([written, notBefore]) => ({ written, base: written, factor: 1, arabicOnly: true, whole: true, ...(notBefore ? { notBefore } : {}) }));
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

/**
 * Traditional (and Hong Kong/Taiwan variant) forms of the characters the parser's tables use:
 * scales (億 萬), units (噸 戶 畝 頃 時 個 項 臺 輛 …), numerals (兩 點 貳), qualifier words
 * (約 過 於 餘 內) and the characters `notBefore` rules look at (組織, 對於, 根據). Normalized
 * documents are already simplified; this is for text that reaches the parser unnormalized.
 * Only one-to-one forms: a character whose simplification depends on the word (乾, 著) is not here.
 */
export const TRADITIONAL_FORMS: Readonly<Record<string, string>> = {
  // scales, numerals
  億: "亿", 萬: "万", 兩: "两", 點: "点", 貳: "贰", 叄: "叁", 陸: "陆",
  // units
  歐: "欧", 幣: "币", 時: "时", 噸: "吨", 標: "标", 準: "准", 裡: "里", 裏: "里", 頃: "顷", 畝: "亩",
  戶: "户", 場: "场", 個: "个", 項: "项", 棟: "栋", 臺: "台", 輛: "辆", 條: "条", 筆: "笔", 種: "种",
  處: "处", 間: "间", 張: "张", 頭: "头", 車: "车", 盞: "盏", 塊: "块", 顆: "颗", 隻: "只", 組: "组",
  對: "对", 雙: "双", 冊: "册", 樁: "桩", 檔: "档", 節: "节", 盤: "盘", 門: "门", 類: "类", 屆: "届",
  輪: "轮", 層: "层",
  // qualifier words, context words
  約: "约", 過: "过", 將: "将", 為: "为", 爲: "为", 餘: "余", 內: "内", 週: "周",
  // characters that notBefore rules and 成 look at (根據, 組織, 對於, 成員, 成績, 成長)
  撐: "撑", 據: "据", 狀: "状", 區: "区", 關: "关", 徑: "径", 號: "号", 織: "织", 團: "团", 於: "于",
  應: "应", 話: "话", 創: "创", 隨: "随", 總: "总", 縣: "县", 職: "职", 電: "电", 會: "会", 檻: "槛",
  診: "诊", 級: "级", 別: "别", 員: "员", 績: "绩", 長: "长",
};
