/**
 * The /v1/chat/completions request: which of OpenAI's parameters are honoured, which are accepted because they
 * cannot change an answer computed from the database, and which are refused with a 400 naming them.
 */
import { z } from "zod";
import { UnsupportedParameterError } from "../errors.ts";
import type { ContentLimits } from "./openai-content.ts";

const contentPart = z.object({ type: z.string(), text: z.string().optional() });
const messageSchema = z.object({
  role: z.enum(["system", "developer", "user", "assistant", "tool", "function"]),
  content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
});
/** One message of the transcript. */
export type Message = z.infer<typeof messageSchema>;

const optional = <Schema extends z.ZodType>(schema: Schema) => schema.nullable().optional();
const tokenLimit = optional(z.number().int().min(1, "须为正整数"));

/** Sampling and bookkeeping parameters: accepted, and without effect on an answer the code computes. */
const ACCEPTED = {
  temperature: optional(z.number()),
  top_p: optional(z.number()),
  presence_penalty: optional(z.number()),
  frequency_penalty: optional(z.number()),
  logit_bias: optional(z.record(z.string(), z.number())),
  seed: optional(z.number().int()),
  user: z.string().max(200).optional(),
  metadata: optional(z.record(z.string(), z.string())),
  store: optional(z.boolean()),
  service_tier: optional(z.string()),
  reasoning_effort: optional(z.string()),
  verbosity: optional(z.string()),
  prediction: optional(z.unknown()),
  prompt_cache_key: optional(z.string()),
  prompt_cache_retention: optional(z.string()),
  safety_identifier: optional(z.string()),
  parallel_tool_calls: optional(z.boolean()),
};

/** Parameters that would ask for something the service does not do: read by `refuseUnsupported`. */
const CHECKED = {
  n: optional(z.number().int()),
  tools: optional(z.array(z.unknown())),
  functions: optional(z.array(z.unknown())),
  tool_choice: optional(z.unknown()),
  function_call: optional(z.unknown()),
  response_format: optional(z.object({ type: z.string() }).loose()),
  logprobs: optional(z.boolean()),
  top_logprobs: optional(z.number().int()),
  audio: optional(z.unknown()),
  modalities: optional(z.array(z.string())),
  web_search_options: optional(z.unknown()),
};

export const completionSchema = z.object({
  model: z.string().trim().min(1, "需要 model"),
  messages: z.array(messageSchema).min(1, "messages 不能为空"),
  stream: optional(z.boolean()),
  stream_options: optional(z.object({ include_usage: optional(z.boolean()), include_obfuscation: optional(z.boolean()) })),
  max_tokens: tokenLimit,
  max_completion_tokens: tokenLimit,
  stop: optional(z.union([z.string(), z.array(z.string()).max(4, "最多 4 个停止序列")])),
  ...ACCEPTED,
  ...CHECKED,
  /** Extension: restrict answers to one park. */
  park: z.string().trim().min(1).max(100).optional(),
}).loose();
/** A validated request; fields outside the schema are kept, for `unknownParameters`. */
export type CompletionRequest = z.infer<typeof completionSchema>;

const NO_TOOLS = "本服务只回答园区数据问题，不调用工具或函数";
const present = (value: unknown) => value !== undefined && value !== null;

/**
 * Refuse, with a 400 naming the parameter, what the service cannot do rather than ignore it: tools and functions,
 * a forced tool or function call, structured output (response_format other than text, as LangChain's
 * withStructuredOutput asks), log probabilities, several choices, audio.
 */
export function refuseUnsupported(body: CompletionRequest): void {
  const refuse = (param: string, reason: string): never => {
    throw new UnsupportedParameterError(param, `不支持参数 ${param}：${reason}`);
  };
  if (present(body.n) && body.n !== 1) throw new UnsupportedParameterError("n", `参数 n 只能为 1（收到 ${body.n}）：每个问题只有一个依据数据库的回答`);
  if (body.tools?.length) refuse("tools", NO_TOOLS);
  if (body.functions?.length) refuse("functions", NO_TOOLS);
  if (present(body.tool_choice) && body.tool_choice !== "none") refuse("tool_choice", NO_TOOLS);
  if (present(body.function_call) && body.function_call !== "none") refuse("function_call", NO_TOOLS);
  if (body.response_format && body.response_format.type !== "text") {
    refuse("response_format", `回答只能是纯文本（type 为 "text"），不能按 ${body.response_format.type} 输出结构化结果`);
  }
  if (body.logprobs) refuse("logprobs", "回答由程序依据数据库生成，没有逐词概率");
  if (present(body.top_logprobs) && body.top_logprobs !== 0) refuse("top_logprobs", "回答由程序依据数据库生成，没有逐词概率");
  if (present(body.audio)) refuse("audio", "只能以文字回答");
  const other = body.modalities?.find((modality) => modality !== "text");
  if (other) refuse("modalities", `只能以文字回答，不支持 ${other}`);
  if (present(body.web_search_options)) refuse("web_search_options", "回答只依据本服务的数据库，不联网搜索");
}

const KNOWN = new Set(Object.keys(completionSchema.shape));

/** Fields the request carries that this service does not know (accepted, and logged by the route). */
export function unknownParameters(body: CompletionRequest): string[] {
  return Object.keys(body).filter((key) => !KNOWN.has(key));
}

/** The limits the client set on the content: the smaller of max_tokens and max_completion_tokens, and stop. */
export function contentLimits(body: CompletionRequest): ContentLimits {
  const budgets = [body.max_tokens, body.max_completion_tokens].filter((value): value is number => typeof value === "number");
  const stop = typeof body.stop === "string" ? [body.stop] : body.stop ?? [];
  return {
    ...(budgets.length ? { maxTokens: Math.min(...budgets) } : {}),
    ...(stop.some((sequence) => sequence.length > 0) ? { stop } : {}),
  };
}
