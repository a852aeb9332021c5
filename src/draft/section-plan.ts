/**
 * The section plans of the two genres: what a 工作总结 and a 工作计划 are made of, the headings they
 * carry, the words that find the same part in last year's text, and which indicators belong where.
 */

export type DraftKind = "summary" | "plan";

export interface SectionSpec {
  /** Stable id the caller names in `sections` (also the display title). */
  id: string;
  kind: DraftKind;
  /** Level-1 group heading (一、…), with {year} / {nextYear} placeholders. */
  group: string;
  /**
   * Heading of the section itself when no previous document gives one: a neutral name of the part, no
   * judgement (稳中有进, 成效明显) the figures would have to support; null when the section is the whole
   * group (二、存在的困难和问题). A previous year's own heading is used when there is one.
   */
  heading: string | null;
  /** Patterns that identify this part in a previous document's heading, most specific first. */
  match: RegExp[];
  /** Indicator keys this part states when composed from facts, in the order the genre states them. */
  indicators: string[];
}

const GROUP_WORK = "{year}年工作开展情况";
const GROUP_PROBLEMS = "存在的困难和问题";
const GROUP_NEXT = "{nextYear}年工作思路";

export const SUMMARY_SECTIONS: SectionSpec[] = [
  {
    id: "平台建设", kind: "summary", group: GROUP_WORK, heading: "平台建设和基础设施",
    match: [/平台|基础设施|承载|配套/], indicators: ["land_area"],
  },
  {
    id: "经济运行", kind: "summary", group: GROUP_WORK, heading: "经济运行情况",
    match: [/经济|运行|指标/],
    indicators: ["above_scale_enterprises", "industrial_output", "industrial_value_added", "revenue", "profit", "tax",
      "electricity", "employees", "exports", "output_per_mu", "tax_per_mu", "energy_consumption", "rank"],
  },
  {
    id: "发展难题破解", kind: "summary", group: GROUP_WORK, heading: "企业服务和要素保障",
    match: [/难题|融资|金融|惠企|服务企业|要素/], indicators: ["loan_enterprises", "loans", "subsidies", "tax_incentive_enterprises"],
  },
  {
    id: "项目建设与招商", kind: "summary", group: GROUP_WORK, heading: "项目建设和招商引资",
    match: [/项目|招商|后劲|投资/],
    indicators: ["projects", "project_investment", "investment_attracted", "foreign_investment", "fixed_investment",
      "hitech_enterprises", "enterprises", "rd_investment", "patents", "jobs"],
  },
  {
    id: "安全环保", kind: "summary", group: GROUP_WORK, heading: "安全生产和生态环保",
    match: [/安全|环保|安环|环境|生态/],
    indicators: ["safety_inspections", "hazards_fixed", "rectification_notices", "violations", "penalties", "petitions"],
  },
  { id: "存在的困难和问题", kind: "summary", group: GROUP_PROBLEMS, heading: null, match: [/困难|问题|不足|短板/], indicators: [] },
  { id: "下一年工作思路", kind: "summary", group: GROUP_NEXT, heading: null, match: [/工作思路|工作计划|工作打算|工作安排|下一步|重点工作/], indicators: [] },
];

export const PLAN_SECTIONS: SectionSpec[] = [
  {
    id: "目标任务", kind: "plan", group: "主要目标任务", heading: null, match: [/目标任务|主要目标|预期目标/, /目标/],
    indicators: ["industrial_output", "revenue", "tax", "profit", "fixed_investment", "investment_attracted", "projects",
      "project_investment", "hitech_enterprises", "above_scale_enterprises", "loans", "exports", "electricity", "rank"],
  },
  { id: "重点工作", kind: "plan", group: "重点工作", heading: null, match: [/重点工作|主要任务|工作措施|重点任务/], indicators: [] },
];

/** Names a caller may use for a group of sections. */
const GROUP_ALIASES: Record<string, string[]> = {
  工作开展情况: ["平台建设", "经济运行", "发展难题破解", "项目建设与招商", "安全环保"],
};

export function sectionsOf(kind: DraftKind): SectionSpec[] {
  return kind === "summary" ? SUMMARY_SECTIONS : PLAN_SECTIONS;
}

/**
 * The sections a request asks for, in document order; unknown names are returned for a 400.
 * @example selectSections("summary", ["经济运行", "存在的困难和问题"])
 */
export function selectSections(kind: DraftKind, names?: string[]): { sections: SectionSpec[]; unknown: string[] } {
  const all = sectionsOf(kind);
  if (!names || names.length === 0) return { sections: all, unknown: [] };
  const wanted = new Set<string>();
  const unknown: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    const expanded = GROUP_ALIASES[name] ?? [name];
    const found = expanded.filter((id) => all.some((spec) => spec.id === id || spec.id.includes(id) || (id.length >= 2 && spec.id.startsWith(id))));
    if (found.length === 0) {
      const byHeading = all.filter((spec) => spec.heading?.includes(name) || spec.match.some((pattern) => pattern.test(name)));
      if (byHeading.length === 1) wanted.add(byHeading[0].id);
      else unknown.push(name);
      continue;
    }
    for (const id of found) for (const spec of all) if (spec.id === id || spec.id.includes(id) || spec.id.startsWith(id)) wanted.add(spec.id);
  }
  return { sections: all.filter((spec) => wanted.has(spec.id)), unknown };
}

/** Fill {year} / {nextYear} in a group heading. */
export function groupTitle(spec: SectionSpec, year: number): string {
  return spec.group.replaceAll("{nextYear}", String(year + 1)).replaceAll("{year}", String(year));
}

/** Chinese ordinal for level-1 (一、) and level-2 (（一）) headings. */
export function chineseOrdinal(index: number): string {
  const digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
  const n = index + 1;
  if (n < 10) return digits[n];
  if (n === 10) return "十";
  if (n < 20) return `十${digits[n - 10]}`;
  return `${digits[Math.floor(n / 10)]}十${digits[n % 10]}`;
}
