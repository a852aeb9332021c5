import { describe, expect, it } from "vitest";
import { annualGrowthPercent, formatDecimal, formatFixed, growthPercent, roundTo, roundedPercent, sharePercent } from "../../src/domain/figure-math.ts";
import { matchesRate } from "../../src/verify/match-figure.ts";

describe("figure math", () => {
  it("rounds half away from zero without float surprises", () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-2.35, 1)).toBe(-2.4);
    expect(formatFixed(-0.04, 1)).toBe("0.0");
    expect(formatFixed(2300, 0)).toBe("2300");
    expect(formatDecimal(29.04, 1)).toBe("29");
  });

  it("computes rates from base values and refuses a zero base", () => {
    expect(roundedPercent(growthPercent(115.9, 100))).toBe(15.9);
    expect(growthPercent(5, 0)).toBeNull();
    // A loss that narrows (−10 → −5) is a rise of half the base's magnitude.
    expect(growthPercent(-5, -10)).toBe(50);
    expect(roundedPercent(sharePercent(42, 100))).toBe(42);
    expect(roundedPercent(annualGrowthPercent(100, 121, 2))).toBe(10);
    expect(annualGrowthPercent(0, 5, 2)).toBeNull();
  });

  it("rounds a rate the way the verifier reads it, in both directions", () => {
    // 2.25% and −2.35% as computed: the written figure is what roundTo gives, and the verifier accepts exactly that.
    for (const computed of [2.25, -2.35, 12.05, -0.15]) {
      const written = roundTo(computed, 1);
      expect(matchesRate(written, 1, computed)).toBe(true);
      expect(matchesRate(roundTo(written - Math.sign(computed) * 0.1, 1), 1, computed)).toBe(false);
    }
  });
});
