/**
 * Chinese numerals: 十五, 一百二十, 两千, 三千五百万, 三亿五千万, 一百零五, 二〇二〇, 三点一四, and the
 * financial forms 壹贰叁. Strings that only look numeric (十四五, 三三两两) are rejected.
 */

export const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
  壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9,
};
export const CN_SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
export const CN_CHARS = new Set([...Object.keys(CN_DIGITS), ...Object.keys(CN_SMALL_UNITS), "万", "亿", "点"]);

/** Parses a value below 10,000 written with 十/百/千 (empty string → 0). */
function parseSection(s: string): number | null {
  let total = 0;
  let pending: number | null = null;
  let lastUnit = 1e4;
  let sawZero = false;
  for (const ch of s) {
    if (ch in CN_DIGITS) {
      const digit = CN_DIGITS[ch];
      if (digit === 0) {
        if (pending !== null) return null;
        sawZero = true;
        continue;
      }
      if (pending !== null) return null;
      pending = digit;
    } else if (ch in CN_SMALL_UNITS) {
      const unitValue = CN_SMALL_UNITS[ch];
      if (unitValue >= lastUnit) return null;
      if (pending === null) {
        if (unitValue === 10 && total === 0 && !sawZero) pending = 1;
        else return null;
      }
      total += pending * unitValue;
      pending = null;
      lastUnit = unitValue;
      sawZero = false;
    } else return null;
  }
  if (pending !== null) {
    // 三千五 = 3500, 一百二 = 120: a trailing digit right after 百/千 is the next place.
    total += !sawZero && lastUnit >= 100 && lastUnit < 1e4 ? (pending * lastUnit) / 10 : pending;
  }
  return total;
}

function parseBelowYi(s: string): number | null {
  const wan = s.indexOf("万");
  if (wan < 0) return parseSection(s);
  if (wan === 0 || s.indexOf("万", wan + 1) >= 0) return null;
  const high = parseSection(s.slice(0, wan));
  const lowText = s.slice(wan + 1);
  if (high === null) return null;
  if (lowText.length === 1 && CN_DIGITS[lowText]) return high * 1e4 + CN_DIGITS[lowText] * 1e3;
  const low = parseSection(lowText);
  return low === null ? null : high * 1e4 + low;
}

function parseInteger(s: string): number | null {
  const yi = s.lastIndexOf("亿");
  if (yi < 0) return parseBelowYi(s);
  if (yi === 0) return null;
  const high = parseInteger(s.slice(0, yi));
  const lowText = s.slice(yi + 1);
  if (high === null) return null;
  if (lowText.length === 1 && CN_DIGITS[lowText]) return high * 1e8 + CN_DIGITS[lowText] * 1e7;
  const low = parseBelowYi(lowText);
  return low === null ? null : high * 1e8 + low;
}

/**
 * Value of a Chinese numeral, or null when the string is not one.
 * @example parseChineseNumeral("三千五百万") // 35000000
 * @example parseChineseNumeral("二〇二〇") // 2020; parseChineseNumeral("十四五") // null
 */
export function parseChineseNumeral(s: string): number | null {
  const text = s.trim();
  if (!text || [...text].some((ch) => !CN_CHARS.has(ch))) return null;
  const point = text.indexOf("点");
  if (point >= 0) {
    const fraction = [...text.slice(point + 1)];
    if (!fraction.length || fraction.some((ch) => !(ch in CN_DIGITS))) return null;
    const whole = parseChineseNumeral(text.slice(0, point));
    if (whole === null) return null;
    return Number(`${whole}.${fraction.map((ch) => CN_DIGITS[ch]).join("")}`);
  }
  const chars = [...text];
  if (chars.every((ch) => ch in CN_DIGITS)) {
    if (chars.length === 1) return CN_DIGITS[text];
    // Digit-by-digit form (二〇二〇, 一〇五) always carries a zero; 三三两两 is not a number.
    if (!chars.some((ch) => CN_DIGITS[ch] === 0)) return null;
    return Number(chars.map((ch) => CN_DIGITS[ch]).join(""));
  }
  return parseInteger(text);
}
