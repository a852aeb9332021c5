/**
 * The drafter's second pass over the offline sections: the year's figures on record that no section
 * states yet, the changes of stocks (排名前移, 净增), and the targets-vs-actuals sentences, each stated
 * once across the whole draft.
 */
import type { Fact } from "../domain/fact-types.ts";
import { composeSection, netChange, rankMove, supplementParagraph, type StatedFigures } from "./compose.ts";
import { formatDecimal } from "../domain/figure-math.ts";
import { formatFact, formatPercent } from "./format-number.ts";
import type { SectionBody } from "./section-body.ts";
import type { SectionSpec } from "./section-plan.ts";
import { checkTargets, recordedRatios, targetsParagraph, type RecordedRatio, type TargetCheck } from "./targets.ts";
import type { YearFacts } from "./year-facts.ts";

/**
 * Second pass over the whole draft: the year's figures on record that no rolled-forward section states
 * (此外，…), then the targets-vs-actuals sentences no section states yet. Looks across sections so that a
 * figure stated in one part is not repeated in another.
 */
export function completeSections(specs: SectionSpec[], bodies: SectionBody[], facts: YearFacts, year: number): void {
  const updated = bodies.flatMap((body) => body.changes.filter((change) => change.outcome === "updated"));
  const factIds = new Set(updated.flatMap((change) => (change.factId ? [change.factId] : [])));
  const ratioStated = new Set(updated.filter((change) => change.label.endsWith("目标完成率")).map((change) => change.indicatorKey));
  const stated: StatedFigures = { factIds, text: "" };
  const allText = () => bodies.map((body) => body.body).join("\n");
  specs.forEach((spec, index) => {
    if (spec.kind !== "summary" || spec.indicators.length === 0) return;
    const body = bodies[index];
    stated.text = allText();
    if (body.method === "roll-forward") {
      const supplement = supplementParagraph(spec, facts, year, stated);
      if (supplement) body.body = `${body.body}\n\n${supplement}`;
    } else if (body.method === "compose") {
      // Composed after the rolled-forward parts, so a figure one of them states is not repeated here.
      body.body = composeSection(spec, facts, year, stated);
    }
    body.body = attachChanges(spec, body.body, facts, year);
    const checks = checkTargets(spec, facts, year).filter((check) => !ratioStated.has(check.key));
    for (const check of checks) ratioStated.add(check.key);
    const recorded = recordedRatios(spec, facts, year).filter((ratio) => !ratioStated.has(ratio.key));
    for (const ratio of recorded) ratioStated.add(ratio.key);
    // The genre (and the verifier) reads a completion rate right after the value it completes:
    // 「实现工业总产值326.5亿元，同比增长15.9%，完成年度目标的105.3%」.
    const left: TargetCheck[] = [];
    for (const check of checks) {
      const attached = attachRatio(body.body, check.actual, `完成年度目标的${formatPercent(check.ratio)}%`);
      if (attached === null) left.push({ ...check, withValue: true });
      else body.body = attached;
    }
    const leftRecorded: RecordedRatio[] = [];
    for (const ratio of recorded) {
      const actual = facts.actual(ratio.key, year);
      const attached = actual ? attachRatio(body.body, actual, `完成年度目标的${formatPercent(ratio.fact.value, ratio.fact.decimals)}%`) : null;
      if (attached === null) leftRecorded.push(ratio);
      else body.body = attached;
    }
    const paragraph = targetsParagraph(left, leftRecorded);
    if (paragraph) body.body = `${body.body}\n\n${paragraph}`;
  });
}

/**
 * The year's change of a stock the genre states with it, where the body states the stock but not its
 * change: 「排名第15位，较上年前移3位」, 「年末规上企业258家，比上年净增17家」 — computed from the two years.
 */
function attachChanges(spec: SectionSpec, body: string, facts: YearFacts, year: number): string {
  let out = body;
  const rank = spec.indicators.includes("rank") ? facts.actual("rank", year) : null;
  const move = rank ? rankMove(rank, facts.all()) : null;
  if (rank && move) {
    const text = `第${formatDecimal(rank.value, rank.decimals)}位`;
    const at = out.indexOf(text);
    if (at >= 0 && !/^[，,]?(较上年|比上年|较去年|比去年)?(前移|后退|后移|上升|下降|持平|与上年持平)/.test(out.slice(at + text.length))) {
      out = `${out.slice(0, at + text.length)}，${move}${out.slice(at + text.length)}`;
    }
  }
  const stock = spec.indicators.includes("above_scale_enterprises") ? facts.actual("above_scale_enterprises", year) : null;
  const change = stock ? netChange(stock, facts.all()) : null;
  if (stock && change) {
    const text = formatFact(stock);
    const at = out.indexOf(text);
    // Only where the count ends its clause (年末规上企业71家。), not inside a phrase (258家规上企业实现…).
    if (at >= 0 && !/[\d.]$/.test(out.slice(0, at)) && /^[。；]/.test(out.slice(at + text.length))) {
      out = `${out.slice(0, at + text.length)}，${change}${out.slice(at + text.length)}`;
    }
  }
  return out;
}

/**
 * Put 「，完成年度目标的X%」 after the clause stating `actual` (its value, then its 同比 if any). The body
 * unchanged when it already gives a completion rate there; null when it does not state the value.
 */
export function attachRatio(body: string, actual: Fact, phrase: string): string | null {
  const written = [formatFact(actual), formatFact(actual, { unit: "亿元", scale: 1e8 }), formatFact(actual, { unit: "万元", scale: 1e4 })];
  for (const text of new Set(written)) {
    let at = body.indexOf(text);
    while (at >= 0) {
      const before = body[at - 1] ?? "";
      if (!/[\d.]/.test(before)) {
        const end = at + text.length;
        const rate = /^(，(同比)?(增长|下降|增加|减少|提高|降低)[\d.]+%)?/.exec(body.slice(end))?.[0] ?? "";
        const rest = body.slice(end + rate.length);
        if (/^，?(完成|超额完成|仅完成|达到)(了)?(年度|全年)?(目标|计划)/.test(rest)) return body;
        return body.slice(0, end + rate.length) + `，${phrase}` + rest;
      }
      at = body.indexOf(text, at + 1);
    }
  }
  return null;
}
