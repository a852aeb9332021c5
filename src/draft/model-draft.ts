/**
 * The model drafter: the year's facts, last year's rolled-forward text and exemplar passages in the
 * prompt; the model phrases, the verifier checks, and every figure the database contradicts is put
 * back to the stored value (or marked 【待核实】). Numbers never come from the model unchecked.
 */
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { indicatorByKey } from "../domain/indicators.ts";
import type { Claim, Fact, Verification } from "../domain/fact-types.ts";
import { verifyText, type VerifyDeps } from "../verify/verify-text.ts";
import { formatDecimal } from "../domain/figure-math.ts";
import { unverified } from "./format-number.ts";
import { DRAFT_SECTION_V1, fillPrompt, promptParts } from "./prompts.ts";

export interface ModelSectionInput {
  park: string;
  year: number;
  kind: "summary" | "plan";
  section: string;
  heading: string;
  facts: readonly Fact[];
  /** The offline draft of the section (rolled forward or composed): the model's starting point. */
  base: string;
  exemplars: string[];
  instructions?: string;
}

/** The facts table of the prompt: one line a fact, the year's and the year before, targets marked. */
export function factsTable(facts: readonly Fact[], year: number): string {
  const lines = ["| 指标 | 口径 | 期间 | 状态 | 数值 | 同比 |", "|---|---|---|---|---|---|"];
  const seen = new Set<string>();
  for (const fact of facts) {
    if (fact.year < year - 1 || fact.year > year) continue;
    const label = indicatorByKey(fact.indicatorKey)?.label ?? fact.label;
    const key = `${fact.indicatorKey}|${fact.scope}|${fact.period}|${fact.status}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const yoy = fact.yoyPct === null ? "" : `${fact.yoyPct}%`;
    lines.push(`| ${label} | ${fact.scope} | ${fact.period} | ${fact.status} | ${formatDecimal(fact.value, fact.decimals)}${fact.unit} | ${yoy} |`);
    if (lines.length > 80) break;
  }
  return lines.join("\n");
}

/** Ask the model for a section body. Throws on model failure or an empty answer. */
export async function askModel(chat: BaseChatModel, input: ModelSectionInput): Promise<string> {
  const { system, user } = promptParts(DRAFT_SECTION_V1);
  const values = {
    park: input.park, year: String(input.year), previousYear: String(input.year - 1),
    kind: input.kind === "summary" ? "工作总结" : "工作计划", section: input.section, heading: input.heading,
    facts: factsTable(input.facts, input.year), base: input.base,
    exemplars: input.exemplars.length ? input.exemplars.map((text, index) => `${index + 1}. ${text}`).join("\n") : "（无）",
    instructions: input.instructions?.trim() || "无",
  };
  const response = await chat.invoke([new SystemMessage(fillPrompt(system, values)), new HumanMessage(fillPrompt(user, values))]);
  const content = typeof response.content === "string"
    ? response.content
    : response.content.map((part) => (typeof part === "string" ? part : "text" in part ? String(part.text) : "")).join("");
  const text = content.replace(/^```[a-z]*\n?|```$/g, "").replace(/^#+\s.*$/gm, "").trim();
  if (text.length < 10) throw new Error("模型未返回正文");
  return text;
}

/** The stored value as the genre writes it, in the claim's unit. */
function expectedText(claim: Claim): string | null {
  if (!claim.expected) return null;
  const decimals = (String(claim.expected.value).split(".")[1] ?? "").length;
  return `${formatDecimal(claim.expected.value, Math.min(decimals, 4))}${claim.expected.unit}`;
}

/**
 * Put every mismatched figure back to the database value; mark figures with nothing to check against
 * 【待核实】, unless the offline draft (computed by code) states them too.
 */
export function correctText(text: string, verification: Verification, options: { year: number; trusted: string }): { text: string; corrected: number; marked: number } {
  let out = text;
  let corrected = 0;
  let marked = 0;
  const claims = [...verification.claims].sort((a, b) => b.start - a.start);
  for (const claim of claims) {
    let replacement: string | null = null;
    if (claim.status === "mismatch") {
      replacement = expectedText(claim);
      if (replacement) corrected++;
    }
    if (claim.status === "unsupported" || (claim.status === "mismatch" && replacement === null)) {
      if (options.trusted.includes(claim.text)) continue;
      const label = (claim.indicator && indicatorByKey(claim.indicator.replace(/^\w+:/, ""))?.label) || "该数字";
      replacement = unverified(label, options.year);
      marked++;
    }
    if (replacement === null) continue;
    out = out.slice(0, claim.start) + replacement + out.slice(claim.end);
  }
  return { text: out, corrected, marked };
}

/**
 * Model section: ask, verify, correct, verify again.
 * @returns the corrected text, its verification and what was changed
 */
export async function draftWithModel(
  chat: BaseChatModel,
  verifier: VerifyDeps,
  input: ModelSectionInput,
): Promise<{ text: string; corrected: number; marked: number }> {
  const raw = await askModel(chat, input);
  const verification = await verifyText(verifier, { text: raw, park: input.park, year: input.year });
  return correctText(raw, verification, { year: input.year, trusted: input.base });
}
