import { describe, expect, it } from "vitest";
import { displayWidth, formatTable, pad } from "../../scripts/text-table.ts";

describe("text-table", () => {
  it.each([
    ["abc", 3],
    ["请求/秒", 7],
    ["p50：", 5],
    ["（默认 10）", 11],
    ["", 0],
  ])("displayWidth(%j) = %i", (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it("pads Chinese text to its terminal width", () => {
    expect(pad("问答", 6)).toBe("问答  ");
    expect(pad("12", 5, "right")).toBe("   12");
  });

  it("aligns columns of mixed Chinese and ASCII, numbers right, blanks allowed", () => {
    const table = formatTable(["", "请求/秒", "p50 ms"], [
      ["POST /api/ask（数字问题）", "34.7", "280.9"],
      ["裸 Hono", "822.7", ""],
      ["比值", "0.04×", "29.3×"],
    ]);
    const lines = table.split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe(`${" ".repeat(25)}  请求/秒  p50 ms`);
    expect(lines[2]).toBe("POST /api/ask（数字问题）     34.7   280.9");
    expect(lines[3]).toBe("裸 Hono                      822.7");
    expect(lines[4]).toBe("比值                         0.04×   29.3×");
    // Every row but the blank-ended one has the header's width.
    expect(new Set([lines[0], lines[2], lines[4]].map(displayWidth)).size).toBe(1);
  });
});
