/** Plain-text tables and alignment for the scripts' output, with Chinese text counted at its terminal width. */
import { eastAsianWidth } from "get-east-asian-width";

/** Columns a string takes in a terminal: wide and full-width characters (汉字, ：) take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += eastAsianWidth(character.codePointAt(0)!);
  return width;
}

/** `text` padded with spaces to `width` columns (at the end, or at the start for numbers). */
export function pad(text: string, width: number, align: "left" | "right" = "left"): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)));
  return align === "left" ? text + fill : fill + text;
}

/**
 * A table with a header row and a rule under it; columns are two spaces apart, numbers aligned right.
 * @example formatTable(["阶段", "请求/秒"], [["问答", "1234.5"]])
 */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((title, column) => Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[column] ?? ""))));
  // A column is numeric when every cell that is not blank is a number (with ×, %, or a unit such as ms).
  const numeric = header.map((_, column) => {
    const cells = rows.map((row) => row[column] ?? "").filter((cell) => cell !== "");
    return cells.length > 0 && cells.every((cell) => /^-?[\d.,]+ ?(×|%|ms|s)?$/.test(cell) || cell === "—");
  });
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => pad(cell, widths[column], numeric[column] ? "right" : "left")).join("  ").trimEnd();
  return [line(header), widths.map((width) => "─".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}
