/** Small pieces the pages share: error messages, error boxes, card headings, value and year text. */
import { ApiError } from "./api.ts";
import { h } from "./dom.ts";

export const messageOf = (error: unknown, fallback: string) => (error instanceof ApiError ? error.message : error instanceof Error && error.message ? error.message : fallback);
export const errorBox = (message: string) => h("div", { class: "error", role: "alert" }, message);
export const heading = (text: string) => h("h2", { style: "font-size:17px;margin:0 0 10px" }, text);
export const yearText = (year: number | null) => (year === null || year === undefined || year === 0 ? "未注明" : String(year));
export const valueText = (value: number, unit: string) => `${value}${unit}`;
