import { insertFacts } from "../../src/db/facts-repo.ts";
import type { Deps } from "../../src/deps.ts";
import { importStats } from "../../src/ingest/import-stats.ts";
import type { FactInput } from "../../src/domain/fact-types.ts";
import type { Vocabulary } from "../../src/answer/vocabulary.ts";

export const PARK = "明湖经济开发区";
export const OTHER_PARK = "南溪工业园区";

/** Imported statistics of two fictional parks (2021 output deliberately without yoy: growth must be computed). */
export const STATS_CSV = `park,period,indicator,value,unit,yoy_pct,scope,note
${PARK},2020,工业总产值,180.0,亿元,6.2,规上企业,
${PARK},2021,工业总产值,202.3,亿元,,规上企业,
${PARK},2022,工业总产值,221.6,亿元,9.5,规上企业,
${PARK},2022H1,工业总产值,104.8,亿元,8.8,规上企业,
${PARK},2022,工业总产值,96.5,亿元,,其中：电子信息产业,
${PARK},2021,利润,12.4,亿元,10.1,规上企业,
${PARK},2022,利润,13.2,亿元,6.5,规上企业,
${PARK},2022,税金,8.06,亿元,3.1,园区,
${PARK},2021,排名,18,位,,全省开发区综合考核,
${PARK},2022,排名,15,位,,全省开发区综合考核,
${OTHER_PARK},2022,工业总产值,80.1,亿元,4.2,规上企业,
${OTHER_PARK},2022,利润,3.9,亿元,-2.5,规上企业,
`;

/** A text fact (extracted from a document) with sensible defaults. */
export function textFact(overrides: Partial<FactInput> & Pick<FactInput, "indicatorKey" | "label" | "value" | "unit" | "year">): FactInput & { documentId: null; chunkId: null } {
  const scale = overrides.unit.startsWith("亿") ? 1e8 : overrides.unit.startsWith("万") ? 1e4 : 1;
  return {
    park: PARK, period: String(overrides.year), scope: "园区", valueBase: overrides.value * scale,
    baseUnit: overrides.unit.replace(/^[亿万]/, ""), yoyPct: null, qualifier: "exact", status: "actual",
    decimals: (String(overrides.value).split(".")[1] ?? "").length, spanStart: 0, spanEnd: 10,
    quote: `${overrides.label}${overrides.value}${overrides.unit}`, origin: "text", confidence: 0.9,
    ...overrides, documentId: null, chunkId: null,
  };
}

/** Seed the statistics plus a few text facts: a conflicting text figure, and plan targets. */
export async function seedFacts(deps: Deps): Promise<void> {
  const imported = await importStats(deps.db, STATS_CSV);
  if (imported.imported < 12) throw new Error(`stats import failed: ${JSON.stringify(imported)}`);
  await deps.db.transaction((tx) =>
    insertFacts(tx, [
      // A text figure that disagrees with the statistics: the statistics must win.
      textFact({ indicatorKey: "industrial_output", label: "工业总产值", value: 221, unit: "亿元", year: 2022, quote: "全年完成工业总产值221亿元" }),
      textFact({ indicatorKey: "industrial_output", label: "规上工业总产值", value: 230, unit: "亿元", year: 2022, status: "plan", yoyPct: 13.7, scope: "规上企业", quote: "力争实现规上工业总产值230亿元，增长13.7%" }),
      textFact({ indicatorKey: "profit", label: "利润", value: 12, unit: "亿元", year: 2022, status: "plan", quote: "实现利润12亿元" }),
    ]),
  );
}

/** A vocabulary for parser tests, without a database. */
export function testVocabulary(): Vocabulary {
  return {
    parks: [PARK, OTHER_PARK],
    yearsByPark: new Map([[PARK, [2020, 2021, 2022, 2023]], [OTHER_PARK, [2021, 2022]]]),
    latestYear: 2023,
    latestYearByPark: new Map([[PARK, 2023], [OTHER_PARK, 2022]]),
    latestActualYear: 2022,
    latestActualYearByPark: new Map([[PARK, 2022], [OTHER_PARK, 2022]]),
    aliases: [],
    indicators: [
      { key: "industrial_output", label: "工业总产值", facts: 10 },
      { key: "profit", label: "利润", facts: 5 },
      { key: "label:标准厂房面积", label: "标准厂房面积", facts: 3 },
      { key: "label:方面", label: "方面", facts: 2 },
    ],
  };
}
