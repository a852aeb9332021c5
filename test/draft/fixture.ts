import { ingestDocument } from "../../src/ingest/ingest-document.ts";
import { importStats } from "../../src/ingest/import-stats.ts";
import type { Deps } from "../../src/deps.ts";

export const PARK = "江屿经济开发区";

/** Last year's summary: the text the drafter rolls forward. */
export const SUMMARY_2020 = `# 江屿经济开发区2020年工作总结

2020年，江屿经济开发区坚持疫情防控和经济发展“两手抓”，现将有关情况总结如下。

一、2020年工作开展情况

（一）平台建设稳步推进。完成滨江大道东延段建设，新建改造雨污管网12.6公里。

（二）经济运行企稳回升。全年规上企业实现工业总产值281.7亿元，同比增长5%；实现利润16.9亿元，同比下降4%。园区在全省开发区综合考核中位列第18位。

（三）发展难题有效破解。依托“园区贷”融资平台，全年累计放贷6.82亿元。

（四）项目建设与招商引资逆势突破。实现招商引资到位资金61.7亿元，同比增长6%。

（五）安全环保底线守牢。排查整改隐患1132处。

二、存在的困难和问题

1.产业链抗风险能力不强。
2.要素保障仍有短板。

三、2021年工作思路

2021年，园区将着力抓好招商引资和项目建设。
`;

/** Statistics for 2020 and 2021; 利润 2021 deliberately missing. */
export const STATS = `park,period,indicator,value,unit,yoy_pct,scope,note
${PARK},2020,工业总产值,281.7,亿元,5,规上企业,
${PARK},2021,工业总产值,326.5,亿元,,规上企业,
${PARK},2020,利润,16.9,亿元,-4,规上企业,
${PARK},2020,排名,18,位,,全省开发区综合考核,
${PARK},2021,排名,15,位,,全省开发区综合考核,
${PARK},2020,招商引资到位资金,61.7,亿元,6,园区,
${PARK},2021,招商引资到位资金,72.4,亿元,17.3,园区,
`;

/** The 2021 plan set targets for 2021. */
export const PLAN_2021 = `# 江屿经济开发区2021年工作计划

一、主要目标任务

1.经济总量。力争实现规上工业总产值310亿元，增长10%；招商引资到位资金68亿元。

二、重点工作

（一）实施产业链精准招商。编制产业链招商图谱。
`;

export async function seedDraftCorpus(deps: Deps): Promise<void> {
  await ingestDocument(deps, { text: SUMMARY_2020, title: "江屿经济开发区2020年工作总结", park: PARK, year: 2020, kind: "summary" });
  await ingestDocument(deps, { text: PLAN_2021, title: "江屿经济开发区2021年工作计划", park: PARK, year: 2021, kind: "plan" });
  await importStats(deps.db, STATS);
}
