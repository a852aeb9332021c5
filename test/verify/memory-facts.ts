import { extractFacts } from "../../src/facts/extract-facts.ts";
import type { Fact, FactFilter, FactInput, FactLookup } from "../../src/domain/fact-types.ts";

/** An in-memory FactLookup (array filter) that counts its calls. */
export class MemoryFacts implements FactLookup {
  calls: FactFilter[] = [];
  constructor(readonly facts: Fact[]) {}

  async findFacts(filter: FactFilter): Promise<Fact[]> {
    this.calls.push(filter);
    return this.facts.filter(
      (fact) =>
        (!filter.park || fact.park === filter.park) &&
        (!filter.parks || filter.parks.includes(fact.park)) &&
        (!filter.period || fact.period === filter.period) &&
        (filter.year === undefined || fact.year === filter.year) &&
        (!filter.years || filter.years.includes(fact.year)) &&
        (!filter.indicatorKey || fact.indicatorKey === filter.indicatorKey) &&
        (!filter.indicatorKeys || filter.indicatorKeys.includes(fact.indicatorKey)) &&
        (!filter.status || fact.status === filter.status),
    );
  }
}

let counter = 0;
/** A stored fact from an input. */
export const stored = (input: FactInput): Fact => ({ ...input, id: `f${++counter}`, documentId: null, chunkId: null });

const UNIT_SCALE: Record<string, [number, string]> = { 亿元: [1e8, "元"], 万元: [1e4, "元"], 亿千瓦时: [1e8, "千瓦时"], 家: [1, "家"], 人: [1, "人"], 个: [1, "个"], 位: [1, "位"], "%": [1, "%"] };

/** A stats-origin fact, the way the CSV importer stores one. */
export function stat(park: string, period: string, indicatorKey: string, value: number, unit: string, extra: Partial<FactInput> = {}): Fact {
  const [scale, baseUnit] = UNIT_SCALE[unit];
  const decimals = (String(value).split(".")[1] ?? "").length;
  return stored({
    park, period, year: Number(period.slice(0, 4)), indicatorKey, label: indicatorKey, scope: "园区", value, unit,
    valueBase: Number((value * scale).toPrecision(15)), baseUnit, yoyPct: null, qualifier: "exact", status: "actual",
    decimals, spanStart: null, spanEnd: null, quote: "", origin: "stats", confidence: 1, ...extra,
  });
}

/** Facts extracted from a text, stored. */
export const fromText = (text: string, park: string, year: number) => extractFacts({ text, park, year }).map(stored);
