/**
 * A section drafted without a model: last year's part rolled forward to this year's figures (its
 * heading fitted to the new year's direction), or, with no previous text, composed from the facts.
 */
import { composeSection } from "./compose.ts";
import type { PreviousDocument } from "./previous-text.ts";
import type { FigureChange } from "./roll-context.ts";
import { rollForward } from "./roll-forward.ts";
import { yoyOf } from "./rewrite-direction.ts";
import type { DraftMethod, SectionBody } from "./section-body.ts";
import { groupTitle, type SectionSpec } from "./section-plan.ts";
import type { YearFacts } from "./year-facts.ts";

/** A section without a model: roll last year's part forward, or compose from facts; add target checks. */
export function offlineSection(spec: SectionSpec, previous: PreviousDocument | null, facts: YearFacts, year: number): SectionBody {
  const part = previous?.parts.get(spec.id);
  const notes: string[] = [];
  let body: string;
  let heading = spec.heading ?? groupTitle(spec, year);
  let changes: FigureChange[] = [];
  let method: DraftMethod;
  if (part && previous) {
    const rolled = rollForward({
      text: part.body, fromYear: previous.year, toYear: year, facts,
      sectionPath: spec.group, reportsActuals: spec.kind === "summary" && spec.heading !== null,
      strictScopes: spec.indicators.length === 0,
    });
    body = rolled.text;
    changes = rolled.changes;
    if (spec.heading !== null) heading = fitHeading(rollForward({ text: part.heading, fromYear: previous.year, toYear: year, facts, reportsActuals: true }).text, spec, facts, year);
    method = "roll-forward";
    const missingCount = changes.filter((change) => change.outcome === "missing").length;
    if (missingCount) notes.push(`上年原文中${missingCount}处数字在数据库中没有${year}年数值，已标注【待补充】。`);
    if (spec.heading === null && spec.indicators.length === 0) notes.push("本部分沿用上年原文结构，请结合本年实际修改表述。");
  } else {
    body = composeSection(spec, facts, year);
    method = "compose";
  }
  return { heading, body, method, changes, notes };
}

const RISING = /回升|向好|增长|稳中有进|稳中向好|提升|攀升|突破|量质齐升|好转/;
const FALLING = /下滑|下降|回落|承压|放缓|减少|滑坡/;

/**
 * Last year's heading judged last year's figures (经济运行有所下滑): kept only when the new year's
 * headline change points the same way, else the plan's neutral heading (a judgement the figures do not
 * support is not written).
 */
export function fitHeading(heading: string, spec: SectionSpec, facts: YearFacts, year: number): string {
  if (spec.id !== "经济运行") return heading;
  const judged = RISING.test(heading) || FALLING.test(heading);
  if (!judged) return heading;
  const output = facts.actual("industrial_output", year);
  const yoy = output ? yoyOf(facts.all(), output) : null;
  const neutral = spec.heading ?? heading.replace(new RegExp(`(${RISING.source}|${FALLING.source}).*$`), "") ?? heading;
  if (!yoy) return neutral;
  if (yoy.pct >= 0 && FALLING.test(heading)) return neutral;
  if (yoy.pct < 0 && RISING.test(heading)) return neutral;
  return heading;
}
