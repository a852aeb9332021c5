/**
 * Shared types for figures, facts and claims. Every stage (extraction, stats import, verifier,
 * answerer, drafter) speaks these shapes, so keep them stable; add optional fields freely.
 */

/** How a figure was qualified in the text: 余/多/超/以上 = more_than, 近 = less_than, 约/左右 = about. */
export type Qualifier = "exact" | "more_than" | "less_than" | "about" | "at_least" | "at_most" | "range";

/** What kind of number a figure is. */
export type FigureKind = "quantity" | "percent" | "percentage_point" | "rank";

/**
 * One figure found in text by the parser (`src/text/parse-number.ts`).
 * Offsets are UTF-16 code-unit offsets into the text that was parsed.
 * @example 「202亿元」 → { value: 202, unit: "亿元", baseUnit: "元", scale: 1e8, valueBase: 2.02e10, decimals: 0 }
 */
export interface ParsedFigure {
  text: string;
  start: number;
  end: number;
  /** The number as written (in the written unit). For ranges, the low end. */
  value: number;
  /** For ranges (3—5亿元): the high end. */
  valueHigh?: number;
  /** Unit as written, including the scale: "亿元", "万千瓦时", "%", "家", "位". */
  unit: string;
  /** Base unit without scale: "元", "千瓦时", "%", "家". Empty string for a bare number. */
  baseUnit: string;
  /** Multiplier from the written unit to the base unit (亿 = 1e8, 万 = 1e4, 千 = 1e3 when a scale word). */
  scale: number;
  /** value × scale. */
  valueBase: number;
  qualifier: Qualifier;
  kind: FigureKind;
  /** Digits after the decimal point as stated (precision): "2.385" → 3, "202" → 0. */
  decimals: number;
}

/** Whether a figure states what happened or what is planned. */
export type FactStatus = "actual" | "plan" | "forecast";

/**
 * A fact ready to store: who (park, scope), what (indicator), when (period), how much.
 * `period` is "2020" for a whole year, "2020H1" for 上半年, "2020M01-11" for 1—11月, "2020Q1" for 一季度.
 */
export interface FactInput {
  park: string;
  period: string;
  year: number;
  /** Canonical indicator key from the vocabulary (`src/facts/indicators.ts`), or "label:<label>" when outside it. */
  indicatorKey: string;
  /** The label as written in the text ("规上企业实现工业总产值" → "工业总产值"). */
  label: string;
  /** 口径: "园区" by default, "规上企业", "其中10家有色金属加工企业" … */
  scope: string;
  value: number;
  unit: string;
  valueBase: number;
  baseUnit: string;
  /** Year-on-year change in percent (同比增长16.6% → 16.6, 下降3% → -3), null when not stated. */
  yoyPct: number | null;
  qualifier: Qualifier;
  status: FactStatus;
  /** Precision of the stated value (digits after the point). */
  decimals: number;
  /** Character span in the normalized document text, and the quoted sentence. */
  spanStart: number | null;
  spanEnd: number | null;
  quote: string;
  /** The words the figure is stated with (the clause before it): what question matching reads. */
  context?: string;
  origin: "text" | "stats";
  confidence: number;
  note?: string | null;
}

/** A stored fact. */
export interface Fact extends FactInput {
  id: string;
  documentId: string | null;
  chunkId: string | null;
  documentTitle?: string | null;
}

/** Filter for looking facts up; every field optional, arrays mean "any of". */
export interface FactFilter {
  park?: string;
  parks?: string[];
  period?: string;
  year?: number;
  years?: number[];
  indicatorKey?: string;
  indicatorKeys?: string[];
  status?: FactStatus;
  limit?: number;
}

/** The port the verifier, answerer and drafter use to read facts. The SQL store implements it. */
export interface FactLookup {
  findFacts(filter: FactFilter): Promise<Fact[]>;
}

export type ClaimStatus = "verified" | "mismatch" | "unsupported" | "derived";

/** One checked figure claim, exactly the API.md shape (camelCase fact_ids is mapped at the route). */
export interface Claim {
  text: string;
  start: number;
  end: number;
  value: number;
  unit: string;
  indicator?: string;
  period?: string;
  status: ClaimStatus;
  expected?: { value: number; unit: string };
  factIds: string[];
  /** Why the verifier decided as it did, in Chinese, for display. */
  reason?: string;
}

export interface VerificationSummary {
  verified: number;
  mismatch: number;
  unsupported: number;
  derived: number;
}

export interface Verification {
  claims: Claim[];
  summary: VerificationSummary;
}
