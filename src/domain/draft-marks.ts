/**
 * The mark a draft puts after a figure the verifier cannot support, and the text read without those marks
 * (a mark is an annotation: it must not become the label of the next figure). Shared by the drafter and the
 * drafting page, so both check a draft the same way.
 */
export const CHECK_MARK = "【待核实】";

/**
 * The text without its bare 【待核实】 marks, and for each character of it the offset it had in `text`
 * (`kept[plain.length]` is `text.length`), so claim offsets can be mapped back.
 * @example withoutCheckMarks("12亿元【待核实】。").plain // "12亿元。"
 */
export function withoutCheckMarks(text: string): { plain: string; kept: number[] } {
  const kept: number[] = [];
  let plain = "";
  for (let at = 0; at < text.length;) {
    if (text.startsWith(CHECK_MARK, at)) {
      at += CHECK_MARK.length;
      continue;
    }
    kept.push(at);
    plain += text[at];
    at++;
  }
  kept.push(text.length);
  return { plain, kept };
}
