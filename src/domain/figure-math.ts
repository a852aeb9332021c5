/**
 * The one place numbers are computed and rounded: growth, share, completion and annual-average rates
 * from two stored values, and the 四舍五入 rounding and digit formats every channel prints. The answerer,
 * the drafter and the verifier all call these, so a rate a draft writes is the rate the verifier computes.
 */

/** Round half away from zero at `decimals`, without binary-float surprises (1.005 → 1.01). */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = Math.abs(value) * factor;
  const rounded = Math.round(Number(scaled.toPrecision(12))) / factor;
  return Math.sign(value) * rounded;
}

/** Digits at exactly `decimals` places (352.9, 14.18, 2300), rounded half up; never "-0". */
export function formatFixed(value: number, decimals: number): string {
  const places = Math.max(0, Math.min(decimals, 6));
  const fixed = roundTo(value, places).toFixed(places);
  return /^-0(\.0+)?$/.test(fixed) ? fixed.slice(1) : fixed;
}

/** Digits as written: rounded at `decimals`, trailing zeros after the point dropped (29.0 → "29"). */
export function formatDecimal(value: number, decimals: number): string {
  const text = formatFixed(value, decimals);
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

const finite = (...values: number[]) => values.every(Number.isFinite);

/** Percent change from `previous` to `current` (base values), unrounded; null when the base is zero. */
export function growthPercent(current: number, previous: number): number | null {
  if (!finite(current, previous) || previous === 0) return null;
  return ((current - previous) / Math.abs(previous)) * 100;
}

/** `part` as a percentage of `whole`, unrounded; null when the whole is zero. */
export function sharePercent(part: number, whole: number): number | null {
  if (!finite(part, whole) || whole === 0) return null;
  return (part / whole) * 100;
}

/** Compound annual growth from `first` to `last` over `years` years, in percent, unrounded. */
export function annualGrowthPercent(first: number, last: number, years: number): number | null {
  if (!finite(first, last) || first <= 0 || last < 0 || years <= 0) return null;
  return ((last / first) ** (1 / years) - 1) * 100;
}

/** A computed percentage at the precision the genre writes (one decimal unless told). */
export function roundedPercent(value: number | null, decimals = 1): number | null {
  return value === null ? null : roundTo(value, decimals);
}
