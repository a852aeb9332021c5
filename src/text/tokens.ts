/**
 * Tokens for Postgres full-text search with the `simple` configuration:
 * Chinese runs become character bigrams, Latin words and numbers stay whole.
 */

const TOKEN = /[\u3400-\u9fff\uf900-\ufaff]+|[a-z]+|\d+(?:\.\d+)?/g;

/**
 * Question words and particles dropped from queries: they match everything.
 * Single characters that start real words (是, 有 as in 有色金属) are kept.
 */
const QUERY_STOP_WORDS = [
  "为什么",
  "怎么样",
  "是多少",
  "有哪些",
  "是什么",
  "请问",
  "什么",
  "多少",
  "哪些",
  "哪个",
  "哪里",
  "是否",
  "怎么",
  "怎样",
  "如何",
  "一下",
  "告诉",
  "帮我",
  "查询",
  "查一下",
  "我们",
  "你们",
  "吗",
  "呢",
  "吧",
  "的",
  "了",
];
const STOP_PATTERN = new RegExp([...QUERY_STOP_WORDS].sort((a, b) => b.length - a.length).join("|"), "g");

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const folded = text.normalize("NFKC").toLowerCase();
  for (const match of folded.matchAll(TOKEN)) {
    const run = match[0];
    if (!/[\u3400-\u9fff\uf900-\ufaff]/.test(run)) {
      tokens.push(run);
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) {
      tokens.push(chars[0]);
      continue;
    }
    for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i] + chars[i + 1]);
  }
  return tokens;
}

/**
 * A space-joined token string for `to_tsvector('simple', …)`.
 *
 * @example
 * searchTokens("工业总产值202亿元") // "工业 业总 总产 产值 202 亿元"
 */
export function searchTokens(text: string): string {
  return tokenize(text).join(" ");
}

/**
 * Query tokens for a question: same tokenizer, question words removed first,
 * duplicates dropped (order kept).
 *
 * @example
 * queryTokens("2020年工业总产值是多少？") // ["2020", "年", "工业", "业总", "总产", "产值"]
 */
export function queryTokens(question: string): string[] {
  const stripped = question.normalize("NFKC").replace(STOP_PATTERN, " ");
  return [...new Set(tokenize(stripped))];
}
