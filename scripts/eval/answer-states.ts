/** How the evaluation scripts decide that an answer text states an expected value. */
import { findFigures } from "../../src/text/parse-number.ts";

const NEGATIVE_WORDS = /(下降|减少|降低|回落|下滑|负增长|后退|降幅|减)$/;

/** Whether the answer states this value, at the expected value's precision, in any unit of the same base. */
export function answerStates(answer: string, expected: { value: number; unit: string }): boolean {
  const [target] = findFigures(`${expected.value}${expected.unit}`);
  const decimals = (String(expected.value).split(".")[1] ?? "").length;
  const step = 10 ** -decimals;
  for (const figure of findFigures(answer)) {
    const rank = expected.unit === "位" || expected.unit === "名";
    if (rank) {
      if ((figure.kind === "rank" || figure.unit === expected.unit) && figure.value === expected.value) return true;
      continue;
    }
    if (!target || figure.baseUnit !== target.baseUnit) continue;
    const before = answer.slice(Math.max(0, figure.start - 4), figure.start);
    const signed = expected.value < 0 && figure.value > 0 && NEGATIVE_WORDS.test(before) ? -figure.valueBase : figure.valueBase;
    // Compare in the expected unit, at the expected precision (42% matches 42.0%; 2.385亿元 needs 2.385).
    const inExpectedUnit = signed / target.scale;
    if (Math.abs(inExpectedUnit - expected.value) < step / 2 + 1e-9) return true;
  }
  return false;
}
