/**
 * GET /metrics: the Prometheus text format (checked by a strict parser written here from the format's
 * specification, not by the writer's own code), request counters labelled by route pattern, the latency histogram,
 * the in-flight gauge, the counts of the last /healthz, and admin-only access when API_TOKENS is set.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { createMetrics } from "../../src/routes/metrics.ts";
import { Counter, Histogram, Registry, formatValue } from "../../src/routes/metrics-registry.ts";
import { createTestDeps } from "../helpers/test-deps.ts";

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
interface Family {
  type: string;
  help: string;
  samples: Sample[];
}

const NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const VALUE = String.raw`(?:[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|[+-]?Inf|NaN)`;
const SAMPLE = new RegExp(String.raw`^(${NAME})(\{(?:[^"}]|"(?:[^"\\]|\\.)*")*\})? (${VALUE})(?: (-?\d+))?$`);
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(,|$)/y;

const numberOf = (text: string) => (text.endsWith("Inf") ? (text.startsWith("-") ? -Infinity : Infinity) : Number(text));
const unescape = (text: string) => text.replace(/\\(.)/g, (_, char: string) => (char === "n" ? "\n" : char));

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  const body = text.slice(1, -1);
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < body.length) {
    const start = LABEL.lastIndex;
    const match = LABEL.exec(body);
    if (!match || match.index !== start) throw new Error(`bad labels in: ${line}`);
    if (match[1] in labels) throw new Error(`label repeated in: ${line}`);
    labels[match[1]] = unescape(match[2]);
    if (!match[3]) break;
  }
  return labels;
}

/**
 * The text exposition format 0.0.4: HELP and TYPE at most once per family and before its samples; samples of a
 * family together; histogram samples only as _bucket (with le), _sum and _count, buckets cumulative, +Inf = count.
 */
function parseExposition(text: string): Map<string, Family> {
  expect(text.endsWith("\n"), "ends with a newline").toBe(true);
  const families = new Map<string, Family>();
  const closed = new Set<string>();
  let current: string | undefined;
  const familyOf = (name: string) => {
    for (const suffix of ["_bucket", "_sum", "_count"]) {
      const base = name.slice(0, -suffix.length);
      if (name.endsWith(suffix) && families.get(base)?.type === "histogram") return base;
    }
    return name;
  };
  const open = (name: string) => {
    if (current !== name) {
      if (current) closed.add(current);
      if (closed.has(name)) throw new Error(`family ${name} is split`);
      current = name;
    }
    if (!families.has(name)) families.set(name, { type: "untyped", help: "", samples: [] });
    return families.get(name)!;
  };
  for (const line of text.slice(0, -1).split("\n")) {
    const comment = line.match(new RegExp(`^# (HELP|TYPE) (${NAME}) ?(.*)$`));
    if (comment) {
      const [, keyword, name, rest] = comment;
      const known = families.get(name);
      if (keyword === "TYPE") {
        if (!/^(counter|gauge|histogram|summary|untyped)$/.test(rest)) throw new Error(`bad type: ${line}`);
        if (known?.samples.length || (known && known.type !== "untyped")) throw new Error(`TYPE after samples or twice: ${line}`);
        open(name).type = rest;
      } else {
        if (known?.help) throw new Error(`HELP twice: ${line}`);
        open(name).help = unescape(rest);
      }
      continue;
    }
    if (line.startsWith("#") || line === "") continue;
    const match = line.match(SAMPLE);
    if (!match) throw new Error(`not a sample line: ${JSON.stringify(line)}`);
    const [, name, labelText, value] = match;
    const family = open(familyOf(name));
    family.samples.push({ name, labels: labelText ? parseLabels(labelText, line) : {}, value: numberOf(value) });
  }
  for (const [name, family] of families) {
    if (family.type === "counter") for (const sample of family.samples) expect(sample.value, name).toBeGreaterThanOrEqual(0);
    if (family.type !== "histogram") continue;
    const series = new Map<string, Sample[]>();
    for (const sample of family.samples) {
      const { le, ...rest } = sample.labels;
      if (sample.name === `${name}_bucket` && le === undefined) throw new Error(`${name}: bucket without le`);
      const key = JSON.stringify(rest);
      series.set(key, [...(series.get(key) ?? []), sample]);
    }
    for (const samples of series.values()) {
      const buckets = samples.filter((sample) => sample.name === `${name}_bucket`);
      const bounds = buckets.map((sample) => numberOf(sample.labels.le));
      expect(bounds, `${name} buckets ascending`).toEqual([...bounds].sort((a, b) => a - b));
      expect(bounds.at(-1), `${name} has +Inf`).toBe(Infinity);
      const counts = buckets.map((sample) => sample.value);
      expect(counts, `${name} cumulative`).toEqual([...counts].sort((a, b) => a - b));
      expect(samples.find((sample) => sample.name === `${name}_count`)?.value, `${name} +Inf = count`).toBe(counts.at(-1));
      expect(samples.some((sample) => sample.name === `${name}_sum`), `${name}_sum`).toBe(true);
    }
  }
  return families;
}

const value = (families: Map<string, Family>, name: string, labels: Record<string, string> = {}) =>
  families.get(name.replace(/_(bucket|sum|count)$/, ""))?.samples
    .filter((sample) => sample.name === name && Object.entries(labels).every(([key, expected]) => sample.labels[key] === expected))
    .reduce((sum, sample) => sum + sample.value, 0) ?? 0;

describe("the exposition writer", () => {
  it("escapes label values and help text, and writes histograms cumulatively", () => {
    const registry = new Registry();
    const counter = registry.register(new Counter("odd_total", 'help with \\ and\nnewline', ["path"]));
    counter.inc({ path: 'a"b\\c\nd' }, 2);
    const histogram = registry.register(new Histogram("latency_seconds", "latency", ["route"], [1, 0.1]));
    for (const seconds of [0.05, 0.5, 5]) histogram.observe({ route: "/x" }, seconds);
    const families = parseExposition(registry.text());
    expect(families.get("odd_total")!.help).toBe("help with \\ and\nnewline");
    expect(families.get("odd_total")!.samples[0]).toEqual({ name: "odd_total", labels: { path: 'a"b\\c\nd' }, value: 2 });
    expect(families.get("latency_seconds")!.samples.map((sample) => [sample.labels.le ?? sample.name, sample.value])).toEqual([
      ["0.1", 1], ["1", 2], ["+Inf", 3], ["latency_seconds_sum", 5.55], ["latency_seconds_count", 3],
    ]);
    expect([formatValue(Infinity), formatValue(-Infinity), formatValue(NaN), formatValue(1e21)]).toEqual(["+Inf", "-Inf", "NaN", "1e+21"]);
    expect(() => counter.inc({ path: "x" }, -1)).toThrow(/decrease/);
    expect(() => registry.register(new Counter("odd_total", "again"))).toThrow(/twice/);
    expect(() => new Counter("bad-name", "x")).toThrow(/name/);
  });
});

describe("GET /metrics", () => {
  let deps: Awaited<ReturnType<typeof createTestDeps>>;
  let app: ReturnType<typeof createApp>;
  const scrape = async () => {
    const response = await app.request("/metrics");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    return parseExposition(await response.text());
  };

  beforeAll(async () => {
    deps = await createTestDeps();
    app = createApp(deps);
  });
  afterAll(() => deps.dispose());

  it("counts requests by method, route pattern and status class, never by raw path", async () => {
    const before = await scrape();
    const healthz = { method: "GET", route: "/healthz", status: "2xx" };
    const missingDocument = { method: "GET", route: "/api/documents/:id", status: "4xx" };
    for (let i = 0; i < 3; i++) expect((await app.request("/healthz")).status).toBe(200);
    expect((await app.request("/api/documents/no-such-document")).status).toBe(404);
    expect((await app.request("/api/documents/another-missing-one")).status).toBe(404);
    expect((await app.request("/no/such/path/12345")).status).toBe(404);
    expect((await app.request("/api/ask", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status).toBe(400);
    const after = await scrape();
    expect(after.get("http_requests_total")!.type).toBe("counter");
    expect(value(after, "http_requests_total", healthz) - value(before, "http_requests_total", healthz)).toBe(3);
    expect(value(after, "http_requests_total", missingDocument) - value(before, "http_requests_total", missingDocument)).toBe(2);
    expect(value(after, "http_requests_total", { method: "POST", route: "/api/ask", status: "4xx" })).toBe(1);
    expect(value(after, "http_requests_total", { route: "unmatched", status: "4xx" })).toBe(1);
    const routes = new Set(after.get("http_requests_total")!.samples.map((sample) => sample.labels.route));
    expect([...routes].filter((route) => /no-such|another-missing|12345/.test(route))).toEqual([]);
    expect(routes).toContain("/metrics");
  });

  it("times requests in a histogram and counts the request in flight", async () => {
    const before = await scrape();
    await app.request("/healthz");
    const after = await scrape();
    expect(after.get("http_request_duration_seconds")!.type).toBe("histogram");
    const labels = { method: "GET", route: "/healthz" };
    expect(value(after, "http_request_duration_seconds_count", labels) - value(before, "http_request_duration_seconds_count", labels)).toBe(1);
    expect(value(after, "http_request_duration_seconds_bucket", { ...labels, le: "+Inf" })).toBe(value(after, "http_request_duration_seconds_count", labels));
    expect(value(after, "http_request_duration_seconds_sum", labels)).toBeGreaterThan(0);
    // The scrape itself is the one request in flight; the earlier ones have been counted out again.
    expect(after.get("http_requests_in_flight")!.type).toBe("gauge");
    expect(value(after, "http_requests_in_flight")).toBe(1);
  });

  it("reports the counts of the last /healthz and what the service runs on", async () => {
    await app.request("/api/documents", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "星河园区2023年工作总结。全年实现工业总产值12.5亿元。", title: "星河园区2023年工作总结" }) });
    const health = (await (await app.request("/healthz")).json()) as { documents: number; chunks: number; facts: number };
    expect(health.documents).toBe(1);
    const families = await scrape();
    expect(value(families, "park_assistant_documents")).toBe(health.documents);
    expect(value(families, "park_assistant_chunks")).toBe(health.chunks);
    expect(value(families, "park_assistant_facts")).toBe(health.facts);
    expect(health.facts).toBeGreaterThan(0);
    expect(families.get("park_assistant_info")!.samples).toEqual([{ name: "park_assistant_info", labels: { db: "pglite", llm: "offline", embedder: deps.embedder.name }, value: 1 }]);
  });

  it("keeps counting across apps that share one set of metrics (Workers build an app per request)", async () => {
    const metrics = createMetrics();
    for (let i = 0; i < 2; i++) await createApp(deps, { metrics }).request("/healthz");
    expect(metrics.requests.get({ method: "GET", route: "/healthz", status: "2xx" })).toBe(2);
  });

  it("needs an admin token when API_TOKENS is set", async () => {
    const tokened = createApp({ ...deps, config: { ...deps.config, apiTokens: [
      { name: "ops", role: "admin", token: "admin-token-0123456789" },
      { name: "widget", role: "reader", token: "reader-token-0123456789" },
    ] } });
    const scrapeWith = (token?: string) => tokened.request("/metrics", { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const anonymous = await scrapeWith();
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toContain("application/problem+json");
    expect((await scrapeWith("wrong-token-0123456789")).status).toBe(401);
    const reader = await scrapeWith("reader-token-0123456789");
    expect(reader.status).toBe(403);
    expect(((await reader.json()) as { detail: string }).detail).toContain("admin");
    const admin = await scrapeWith("admin-token-0123456789");
    expect(admin.status).toBe(200);
    expect(parseExposition(await admin.text()).has("http_requests_total")).toBe(true);
  });
});
