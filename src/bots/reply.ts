/**
 * What every bot says: the same answer verb as every other channel, phrased for a chat message — short and
 * plain, any figure the verifier could not confirm named as such, the figures' sources as a 数据来源 footer and a
 * link to the full answer page. `帮助` lists what can be asked.
 */
import type { Deps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { answerQuestion } from "../answer/answer-question.ts";
import { sourcesLine } from "../answer/sources-footer.ts";
import type { AnswerInput, AnswerResult } from "../answer/types.ts";
import { sha256Hex } from "./crypto.ts";

export type AnswerFn = (deps: Deps, input: AnswerInput) => Promise<AnswerResult>;

export interface BotQuestion {
  /** "wecom", "wecom-aibot", "dingtalk", "feishu", "telegram". */
  platform: string;
  /** The chat (group or one-to-one) and the sender: one conversation each, so follow-ups resolve. */
  chatId: string;
  userId: string;
  /** The question, mention already stripped. */
  text: string;
}

export interface ReplyOptions {
  /** Where people open the service (PUBLIC_BASE_URL, else the callback's own origin). */
  baseUrl: string;
  /** The platform's limit on a message, in UTF-8 bytes (WeCom 2048) or in UTF-16 units (Telegram 4096). */
  maxBytes?: number;
  maxChars?: number;
  answer?: AnswerFn;
}

const HELP_WORDS = /^(?:帮助|幫助|help|\/help|\/start|菜单|使用说明|\?|？)$/i;

export function helpText(park: string | undefined): string {
  const subject = park ?? "园区";
  return [
    `我是园区工作总结助手，可以查询${subject}历年工作总结、工作计划中的数字和统计数据。可以这样问：`,
    "· 2023年工业总产值是多少？",
    "· 近三年税金的变化",
    "· 2024年主营业务收入的目标是多少？",
    "· 那2022年呢？（接着上一个问题问）",
    park ? "问其他园区时请在问题中写明园区名称。" : "请在问题中写明园区名称。",
    "回答中的数字均来自数据库并经过核对，未能核实的数字会注明。",
  ].join("\n");
}

/** The question's conversation: one per platform, chat and sender (ids hashed: they may hold any characters). */
async function conversationOf(question: BotQuestion): Promise<string> {
  return `bot-${question.platform}-${(await sha256Hex(`${question.chatId}\u0000${question.userId}`)).slice(0, 32)}`;
}

function unconfirmed(result: AnswerResult): string[] {
  return result.verification.claims.filter((claim) => claim.status === "mismatch" || claim.status === "unsupported").map((claim) => claim.text);
}

const byteLength = (text: string) => new TextEncoder().encode(text).length;

/** Cut the body (never the footer) so that body + footer fits the platform's limit. */
function fit(body: string, footer: string, options: ReplyOptions): string {
  const fits = (text: string) =>
    (options.maxBytes === undefined || byteLength(text) <= options.maxBytes) && (options.maxChars === undefined || text.length <= options.maxChars);
  const whole = footer ? `${body}\n\n${footer}` : body;
  if (fits(whole)) return whole;
  const characters = [...body];
  let low = 0;
  let high = characters.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(`${characters.slice(0, middle).join("")}…\n\n${footer}`)) low = middle;
    else high = middle - 1;
  }
  return `${characters.slice(0, low).join("")}…\n\n${footer}`;
}

/** The answer page for this question: the chat page asks it again and shows chips and citations. */
export function answerLink(baseUrl: string, text: string, park: string | undefined): string {
  const query = new URLSearchParams({ q: text });
  if (park) query.set("park", park);
  return `${baseUrl}/?${query}`;
}

/**
 * The question the answer page should ask: a figure answer's own parks, years and indicators (a follow-up such as
 * 那2022年呢 means nothing out of its conversation); any other answer's question as asked.
 */
export function pageQuestion(text: string, result: AnswerResult): string {
  if (result.mode !== "figure" || !result.facts.length) return text;
  const unique = <T>(values: T[]) => [...new Set(values)];
  const parks = unique(result.facts.map((fact) => fact.park));
  const years = unique(result.facts.map((fact) => Number(fact.period.slice(0, 4)))).filter((year) => year > 0).sort((a, b) => a - b);
  const labels = unique(result.facts.map((fact) => fact.label));
  const span = years.length === 1 ? `${years[0]}年` : years.length > 1 ? `${years[0]}至${years.at(-1)}年` : "";
  return `${parks.join("、")}${span}${labels.join("、")}`;
}

/** The reply to one question (or to 帮助). Refusals and bad questions are replies too; only failures throw. */
export async function botReply(deps: Deps, question: BotQuestion, options: ReplyOptions): Promise<string> {
  const park = deps.config.bots.park;
  const text = question.text.trim();
  if (!text || HELP_WORDS.test(text)) return fit(helpText(park), "", options);
  let result: AnswerResult;
  try {
    result = await (options.answer ?? answerQuestion)(deps, {
      question: text, park, conversationId: await conversationOf(question), channel: question.platform,
    });
  } catch (error) {
    if (error instanceof AppError && error.status < 500) return fit(error.message, "", options);
    throw error;
  }
  const warnings = unconfirmed(result);
  const body = warnings.length ? `${result.answer}\n（以下数字未能在数据库中核实：${warnings.join("、")}）` : result.answer;
  const footer = [
    sourcesLine(result),
    `完整回答：${answerLink(options.baseUrl, pageQuestion(text, result), park)}`,
  ].filter(Boolean).join("\n");
  return fit(body, footer, options);
}

/** A reply when answering failed (logged): the user is never left without word. */
export const FAILURE_TEXT = "抱歉，查询时出现错误，请稍后再试。";
