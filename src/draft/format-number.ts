/**
 * Writing numbers the way the genre writes them. Every figure a draft states goes through here, so the
 * digits always come from a stored value and its stated precision, never from a model.
 */
import type { Fact, Qualifier } from "../domain/fact-types.ts";
import { formatDecimal } from "../domain/figure-math.ts";

/** Multiplier from a fact's stated unit to its base unit (亿元 → 1e8). */
export function factScale(fact: Pick<Fact, "value" | "valueBase">): number {
  if (fact.value === 0 || fact.valueBase === 0) return 1;
  const ratio = fact.valueBase / fact.value;
  // Snap to a power of ten: scales are 1, 1e3, 1e4, 1e8 …
  const power = Math.round(Math.log10(Math.abs(ratio)));
  return Math.abs(Math.log10(Math.abs(ratio)) - power) < 1e-6 ? 10 ** power : ratio;
}

/** A fact's value expressed in another scale of the same base unit, at the precision the fact was stated. */
export function valueIn(fact: Pick<Fact, "value" | "valueBase" | "decimals">, scale: number): { value: number; decimals: number } {
  const shift = Math.round(Math.log10(scale / factScale(fact)));
  const decimals = Math.max(0, fact.decimals + shift);
  return { value: fact.valueBase / scale, decimals };
}

const QUALIFIED: Record<Qualifier, (number: string, unit: string) => string> = {
  exact: (number, unit) => `${number}${unit}`,
  // 2800余万元 for an amount; 15个以上 for a small count or a percentage.
  more_than: (number, unit) => (unit === "%" || /^\d$/.test(number) || /^(个|家|项|户|位|名|人)$/.test(unit) ? `${number}${unit}以上` : `${number}余${unit}`),
  less_than: (number, unit) => `近${number}${unit}`,
  about: (number, unit) => `约${number}${unit}`,
  at_least: (number, unit) => `不少于${number}${unit}`,
  at_most: (number, unit) => `不超过${number}${unit}`,
  range: (number, unit) => `${number}${unit}`,
};

/**
 * A fact written in a given unit (the unit last year's sentence used), or in its own.
 * @example formatFact({ value: 3265000, unit: "万元", valueBase: 3.265e10, decimals: 0, … }, { unit: "亿元", scale: 1e8 }) // "326.5亿元"
 */
export function formatFact(
  fact: Pick<Fact, "value" | "valueBase" | "decimals" | "unit" | "qualifier">,
  written?: { unit: string; scale: number },
): string {
  if (!written || written.unit === fact.unit) return QUALIFIED[fact.qualifier](formatDecimal(fact.value, fact.decimals), fact.unit);
  const converted = valueIn(fact, written.scale);
  // A conversion that would print 0 or many digits reads badly: keep the fact's own unit then.
  const digits = formatDecimal(converted.value, converted.decimals);
  if (digits === "0" || converted.decimals > 4) return QUALIFIED[fact.qualifier](formatDecimal(fact.value, fact.decimals), fact.unit);
  return QUALIFIED[fact.qualifier](digits, written.unit);
}

/** A percentage at one decimal, trailing zero dropped: 15.92 → "15.9", 29.0 → "29". */
export function formatPercent(value: number, decimals = 1): string {
  return formatDecimal(Math.abs(value), decimals);
}

/** Verb pairs: the same family flips with the sign (增长 ↔ 下降). */
const VERB_FLIP: Record<string, [string, string]> = {
  增长: ["增长", "下降"], 下降: ["增长", "下降"], 增加: ["增加", "减少"], 减少: ["增加", "减少"],
  提高: ["提高", "降低"], 降低: ["提高", "降低"], 上升: ["上升", "下降"], 回落: ["增长", "回落"],
  净增: ["净增", "净减"], 净减: ["净增", "净减"], 前移: ["前移", "后退"], 后移: ["前移", "后退"], 后退: ["前移", "后退"],
  提升: ["提升", "下降"], 增: ["增", "降"], 降: ["增", "降"],
};

/** The verb of the same family for a signed change: verbFor("下降", 15.9) === "增长". */
export function verbFor(original: string, signed: number): string {
  const pair = VERB_FLIP[original] ?? ["增长", "下降"];
  return signed >= 0 ? pair[0] : pair[1];
}

/** The marker for a figure the database does not hold: never a stale number. */
export function missing(label: string, year: number): string {
  // A marker names what is missing, never a number of the old text (其中14家… → 其中…).
  const named = label.replace(/[\d.]+(家|个|户|项)?/g, "").replace(/^其中[：:，,]?/, "").trim() || "相关数据";
  return `【待补充：${named}，${year}年】`;
}

/** The marker for a model's figure that could not be checked. It never repeats the unchecked digits. */
export function unverified(label: string, year: number): string {
  return `【待核实：${label}，${year}年数据库无此数】`;
}
