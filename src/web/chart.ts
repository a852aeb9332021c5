/**
 * A small SVG chart for trend and comparison answers, drawn from the answer's own facts: one indicator over
 * several periods (a line), or one indicator across parks in one period (bars). Null when the facts are neither.
 */
import type { ApiFact } from "./api.ts";
import { periodLabel } from "./dom.ts";

const SVG = "http://www.w3.org/2000/svg";

function el(tag: string, attributes: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

interface Point {
  label: string;
  value: number;
}

/** The series to chart: the facts of the most frequent indicator and unit, one per period or per park. */
export function chartSeries(facts: ApiFact[]): { kind: "trend" | "compare"; title: string; unit: string; points: Point[] } | null {
  const groups = new Map<string, ApiFact[]>();
  for (const fact of facts) {
    if (fact.indicator.startsWith("yoy:") || fact.unit === "%") continue;
    const key = `${fact.indicator}|${fact.unit}|${fact.scope}|${fact.status}`;
    groups.set(key, [...(groups.get(key) ?? []), fact]);
  }
  const group = [...groups.values()].sort((a, b) => b.length - a.length)[0];
  if (!group || group.length < 2) return null;
  const periods = new Set(group.map((fact) => fact.period));
  const parks = new Set(group.map((fact) => fact.park));
  if (periods.size >= 2 && parks.size === 1) {
    const byPeriod = new Map(group.map((fact) => [fact.period, fact]));
    const points = [...byPeriod.values()].sort((a, b) => a.period.localeCompare(b.period)).map((fact) => ({ label: periodLabel(fact.period), value: fact.value }));
    return { kind: "trend", title: `${group[0].park}${group[0].label}`, unit: group[0].unit, points };
  }
  if (parks.size >= 2 && periods.size === 1) {
    const byPark = new Map(group.map((fact) => [fact.park, fact]));
    const points = [...byPark.values()].map((fact) => ({ label: fact.park, value: fact.value }));
    return { kind: "compare", title: `${periodLabel(group[0].period)}${group[0].label}`, unit: group[0].unit, points };
  }
  return null;
}

/** The chart as an SVG element with a text title and a data table fallback in its <desc>. */
export function renderChart(facts: ApiFact[]): SVGElement | null {
  const series = chartSeries(facts);
  if (!series) return null;
  const width = 320;
  const height = 180;
  const pad = { left: 28, right: 28, top: 26, bottom: 34 };
  const max = Math.max(...series.points.map((point) => point.value), 0) || 1;
  const x = (index: number) => pad.left + (series.points.length === 1 ? 0 : (index * (width - pad.left - pad.right)) / (series.points.length - 1));
  const y = (value: number) => height - pad.bottom - (value / max) * (height - pad.top - pad.bottom);
  const svg = el("svg", { class: `chart chart-${series.kind}`, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": `${series.title}（${series.unit}）图表` });
  svg.appendChild(el("title", {}, `${series.title}（${series.unit}）`));
  svg.appendChild(el("desc", {}, series.points.map((point) => `${point.label}：${point.value}${series.unit}`).join("；")));
  svg.appendChild(el("text", { x: pad.left, y: 14, class: "chart-title" }, `${series.title}（${series.unit}）`));
  svg.appendChild(el("line", { x1: pad.left, y1: height - pad.bottom, x2: width - pad.right, y2: height - pad.bottom, class: "axis" }));
  if (series.kind === "trend") {
    const path = series.points.map((point, index) => `${index ? "L" : "M"}${x(index).toFixed(1)},${y(point.value).toFixed(1)}`).join(" ");
    svg.appendChild(el("path", { d: path, class: "line", fill: "none" }));
    series.points.forEach((point, index) => {
      svg.appendChild(el("circle", { cx: x(index), cy: y(point.value), r: 3, class: "dot" }));
      svg.appendChild(el("text", { x: x(index), y: y(point.value) - 6, class: "value", "text-anchor": "middle" }, String(point.value)));
      svg.appendChild(el("text", { x: x(index), y: height - pad.bottom + 14, class: "tick", "text-anchor": "middle" }, point.label));
    });
  } else {
    const slot = (width - pad.left - pad.right) / series.points.length;
    series.points.forEach((point, index) => {
      const left = pad.left + index * slot + slot * 0.15;
      svg.appendChild(el("rect", { x: left, y: y(point.value), width: slot * 0.7, height: height - pad.bottom - y(point.value), class: "bar" }));
      svg.appendChild(el("text", { x: left + slot * 0.35, y: y(point.value) - 4, class: "value", "text-anchor": "middle" }, String(point.value)));
      svg.appendChild(el("text", { x: left + slot * 0.35, y: height - pad.bottom + 14, class: "tick", "text-anchor": "middle" }, point.label.slice(0, 8)));
    });
  }
  return svg;
}
