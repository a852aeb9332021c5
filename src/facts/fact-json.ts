import type { Fact } from "../domain/fact-types.ts";

/** The API.md fact shape (snake_case, with source). */
export function toApiFact(fact: Fact) {
  return {
    id: fact.id,
    park: fact.park,
    period: fact.period,
    indicator: fact.indicatorKey,
    label: fact.label,
    scope: fact.scope,
    value: fact.value,
    unit: fact.unit,
    yoy_pct: fact.yoyPct,
    qualifier: fact.qualifier,
    status: fact.status,
    origin: fact.origin,
    span: fact.spanStart === null || fact.spanEnd === null ? null : { start: fact.spanStart, end: fact.spanEnd },
    source: { document_id: fact.documentId, title: fact.documentTitle ?? (fact.origin === "stats" ? "统计数据导入" : null), quote: fact.quote },
  };
}
