/**
 * The reading of a figure that is a value in its own right (not a rate of another): its indicator
 * and label from the words before it (or the noun it counts), its 口径, and the special cases of the
 * genre — a milestone restating the value before it (首次突破400亿元), a target named after the figure
 * (12亿元的年度目标), a count that names the set later figures speak of.
 */
import { isPlainName, unknownIndicatorKey } from "../domain/indicators.ts";
import { PROJECT_SETTLED, PROJECT_SETTLED_SCOPE, PROJECT_STAGE, carriesEnterpriseScope } from "../domain/lexicon.ts";
import {
  ABOVE_SCALE_SCOPE,
  DEFAULT_SCOPE,
  clauseEnd,
  nounPhrase,
  scopeInClause,
  stripLabel,
} from "./sentence-context.ts";
import { ASPIRATION_AFTER, GENERIC_LABEL, INCREMENT, SET_OF, TARGET_AFTER, fittingAlias, type FigureMention, type MentionBase } from "./figure-mention.ts";

function nounAfter(text: string, end: number, ceiling: number): string {
  const stop = clauseEnd(text, end, Math.min(ceiling, end + 14));
  return text.slice(end, stop).replace(/^[的是]/, "");
}

export function readValue(
  text: string,
  base: MentionBase,
  local: string,
  clauseText: string,
  sentence: { start: number; end: number },
  runningScope: string,
  previous: FigureMention[],
  lastOfSentence?: FigureMention,
): FigureMention & { scopeIsLocal: boolean } {
  const { figure } = base;
  const after = nounAfter(text, figure.end, sentence.end);
  const setNoun = figure.kind === "quantity" ? SET_OF.exec(after)?.[1] : undefined;
  const stripped = stripLabel(local);
  const last = previous[previous.length - 1];
  const increment = INCREMENT.test(local);
  let scope: string | null = null;
  let scopeIsLocal = false;
  // Thresholds of the same clause qualify its scope: 其中10亿元以上项目2个 → 其中10亿元以上项目.
  const threshold = /((?:\d+(?:\.\d+)?)?(?:亿|万|千万)?元)(以上|以下)/.exec(clauseText);
  if (threshold && !local.includes("总投资")) {
    const counted = nounPhrase(clauseText.slice((threshold.index ?? 0) + threshold[0].length).replace(/^[的是为]+/, "")).replace(/的/g, "");
    // 其中A项目1个、B项目2个: the 其中 of the list carries to its later items.
    const part = /其中/.test(text.slice(sentence.start, figure.start).split(/[；;]/).pop() ?? "");
    scope = `${part ? "其中" : ""}${threshold[0]}${counted}`;
    scopeIsLocal = true;
  }
  const perUnit = PER_UNIT.exec(local)?.[1];
  const make = (fields: Pick<FigureMention, "indicatorKey" | "known" | "label" | "confidence"> & { scope?: string | null; increment?: boolean; namesScope?: boolean; status?: FigureMention["status"] }) => {
    // 规上企业实现产值…，新签约项目12个: the sentence's 规上企业 subject does not carry to a figure that is no sum over
    // enterprises (projects, jobs, land); that figure is the park's, and the subject runs on past it.
    const own = fields.scope ?? scope;
    const notCarried = own == null && /^(规上|规模以上)/.test(runningScope) && !carriesEnterpriseScope(fields.indicatorKey);
    const mention = {
      ...base, role: "value" as const, direction: 1 as const, increment: fields.increment ?? increment, ...fields,
      scope: notCarried ? DEFAULT_SCOPE : own ?? runningScope, scopeIsLocal: scopeIsLocal || notCarried,
    };
    if (/向$/.test(local) && ASPIRATION_AFTER.test(text.slice(figure.end, figure.end + 5))) Object.assign(mention, { aspiration: true });
    // 每人联系5家企业: a figure per person (or per enterprise…) is no total; its 口径 says per what.
    if (perUnit) return { ...mention, scope: perUnit, scopeIsLocal: true };
    // A park-wide count of projects carries its stage as its 口径 (新落户项目, 竣工投产项目).
    const defining = mention.scope === DEFAULT_SCOPE ? definingScope(mention, local, after, last) : null;
    return defining ? { ...mention, scope: defining, scopeIsLocal: true } : mention;
  };

  // 首次突破400亿元大关: the value before it, restated as a round milestone.
  const milestone = last && last.role === "value" && last.figure.baseUnit === figure.baseUnit && figure.qualifier === "more_than" &&
    (/(首次|历史性|一举|成功)$/.test(local.replace(/(突破|跨越|迈上|站上|超过|超)$/, "")) || /^(大关|台阶|关口)/.test(text.slice(figure.end, figure.end + 2)));
  if (milestone) {
    return { ...make({ indicatorKey: last.indicatorKey, known: last.known, label: last.label, confidence: 0.6, scope: last.scope, increment: last.increment, status: last.status }), milestone: true };
  }

  // 超额完成12亿元的年度目标: the figure is the target of the value before it.
  const target = last && last.role === "value" && last.figure.baseUnit === figure.baseUnit && TARGET_AFTER.test(text.slice(figure.end, figure.end + 8));
  if (target) {
    return make({ indicatorKey: last.indicatorKey, known: last.known, label: last.label, confidence: 0.7, scope: last.scope, increment: last.increment, status: "plan" });
  }

  // 15.3574公顷林地报批和煤球厂43.399亩…: words before 和 belong to the previous figure.
  const sameClause = local.length < clauseText.length;
  const aliasText = sameClause ? local.split(/[和及与]/).pop() ?? local : local;
  const alias = fittingAlias(aliasText, figure);
  if (alias) {
    if (!scope) {
      scope = scopeInClause(clauseText.slice(0, Math.max(0, clauseText.lastIndexOf(alias.alias))), alias.indicator.key);
      if (!scope && /规上|规模以上/.test(alias.alias) && alias.indicator.key !== "above_scale_enterprises") scope = ABOVE_SCALE_SCOPE;
    }
    let label = labelFrom(aliasText, alias.start, alias.alias.length);
    if (increment && !label.startsWith("新")) label = `新增${label}`;
    return make({ indicatorKey: alias.indicator.key, known: true, label, confidence: 0.9, ...(setNoun ? { namesScope: true } : {}) });
  }
  if (!scope) scope = scopeInClause(clauseText, null);
  // 固定资产投资增长8%，达到122.7亿元: the value of the growth stated just before it.
  const growthBefore = lastOfSentence && lastOfSentence.role === "yoy" && lastOfSentence.parent === undefined && lastOfSentence.known ? lastOfSentence : undefined;
  if (growthBefore && GENERIC_LABEL.test(stripped) && !local.includes("其中")) {
    return make({ indicatorKey: growthBefore.indicatorKey, known: true, label: growthBefore.label, confidence: 0.75, scope: scope ?? growthBefore.scope });
  }
  // No label of its own: 总数达到68家 continues the indicator of the value before it.
  // A bare count with no word before it (新落户项目20个，3个) names nothing: it is no second value of the same thing.
  const bare = !/[\u4e00-\u9fa5]/.test(local);
  if (GENERIC_LABEL.test(stripped) && !bare && !local.includes("其中") && last && last.role === "value" && last.figure.baseUnit === figure.baseUnit) {
    const total = /总数|总量|累计|共计|合计|总计|增至|[到至]/.test(local);
    return make({
      indicatorKey: last.indicatorKey, known: last.known, label: total ? last.label.replace(/^新增/, "") : last.label,
      confidence: 0.75, scope: scope ?? last.scope, increment: total ? false : last.increment,
    });
  }
  // The counted noun follows: 其中10家有色金属加工企业…, 36户企业, 七栋厂房.
  // 落户的16个项目中…: the count names a set (its noun follows), and the figures after it are its parts.
  if (setNoun) {
    const own = fittingAlias(setNoun, figure);
    return own
      ? make({ indicatorKey: own.indicator.key, known: true, label: setNoun, confidence: 0.7, namesScope: true })
      : make({ indicatorKey: unknownIndicatorKey(setNoun), known: false, label: setNoun, confidence: 0.5, namesScope: true });
  }
  const noun = nounPhrase(after.replace(/[均已正将在进行同比的每\dA-Za-z].*$/, ""));
  if (/的$/.test(local) && noun) {
    // 使用中频炉的4家企业: the clause before describes a subset; no vocabulary indicator.
    const label = `${stripped}的${noun}`.slice(-16);
    return make({ indicatorKey: unknownIndicatorKey(label), known: false, label, confidence: 0.5 });
  }
  const afterAlias = fittingAlias(noun, figure);
  if (afterAlias) {
    const label = noun.slice(0, afterAlias.start + afterAlias.alias.length);
    const namesScope = local.includes("其中");
    if (namesScope) scopeIsLocal = true;
    return make({ indicatorKey: afterAlias.indicator.key, known: true, label, confidence: 0.7, scope: namesScope ? `其中${label}` : scope, namesScope });
  }
  const countUnit = figure.kind === "quantity" && !/^(元|美元|欧元|港元|千瓦时|%|)$/.test(figure.baseUnit);
  const label = ((countUnit && noun.length >= 2 ? noun : stripped) || stripped || noun || figure.unit || "数值").slice(-12);
  return make({ indicatorKey: unknownIndicatorKey(label), known: false, label, confidence: 0.5 });
}

/** 每人, 每家, 人均, 户均 before a figure: a quantity per unit, not the total (亩均 names indicators of its own). */
const PER_UNIT = /(每(?:人|家|户|个|名|位|位成员|个项目|家企业)|人均|户均|企均)/;

/** The 口径 a park-wide count of projects carries: its stage (新落户项目, 竣工投产项目) or its kind; null when none. */
function definingScope(mention: Pick<FigureMention, "indicatorKey" | "label" | "increment">, local: string, after: string, last: FigureMention | undefined): string | null {
  switch (mention.indicatorKey) {
    case "projects": {
      if (PROJECT_SETTLED.test(local)) return PROJECT_SETTLED_SCOPE;
      // 9个项目建成投产, 新开工项目8个: projects in another stage than the newly settled ones.
      const stage = PROJECT_STAGE.exec(`${local}${mention.label}`) ?? PROJECT_STAGE.exec(after);
      if (stage) return `${stage[0]}项目`;
      // 智能化改造项目12个, 重点项目30个: a kind of project of its own.
      return isPlainName(mention.label, "projects") ? null : mention.label.replace(/^.*(?:实施|开展|推进|推动|组织|指导|帮助|引导|建设|完成|实现|谋划|储备|共|有)/, "") || mention.label;
    }
    case "project_investment":
      // 新落户项目8个，总投资32亿元: the investment of the projects just counted.
      return last?.indicatorKey === "projects" && (last.scope === PROJECT_SETTLED_SCOPE || PROJECT_STAGE.test(last.scope)) ? last.scope : null;
    default:
      return null;
  }
}

/** The noun phrase ending with the alias: 累计发放企业复工复产补助资金 → 企业复工复产补助资金. */
function labelFrom(source: string, aliasStart: number, aliasLength: number): string {
  const aliasText = source.slice(aliasStart, aliasStart + aliasLength);
  const phrase = stripLabel(source.slice(0, aliasStart + aliasLength), { trailing: false }) || aliasText;
  return phrase.length > 16 ? aliasText : phrase;
}
