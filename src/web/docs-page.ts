/**
 * `/docs`: the API reference, rendered from /openapi.json on the service's own origin (no asset from anywhere
 * else). Operations grouped by tag, each with method, path, summary, the role it needs, its parameters, its body
 * fields with types, and its responses. A filter narrows the list by path or summary.
 */
import { append, clear, h } from "./dom.ts";
import {
  METHODS, fieldRows, limitsText, resolve, typeText, type FieldRow, type OpenApiDocument, type Operation,
} from "./docs-schema.ts";
import { errorBox, heading } from "./messages.ts";
import { pageFrame } from "./page.ts";

const { main } = pageFrame("/docs", "接口文档");

const ROLE_TEXT: Record<string, string> = { admin: "admin（管理）", drafter: "drafter（起草）", reader: "reader（只读）" };
const PLACE_TEXT: Record<string, string> = { query: "查询参数", path: "路径参数", header: "请求头", cookie: "Cookie" };

interface Entry {
  method: string;
  path: string;
  operation: Operation;
}

function roleOf(operation: Operation): string {
  const roles = (operation.security ?? []).flatMap((requirement) => Object.values(requirement).flat());
  return roles.length ? roles.map((role) => ROLE_TEXT[role] ?? role).join("、") : "无需令牌";
}

/** A table of plain cells; names and types in code. */
function table(label: string, headers: string[], rows: Array<Array<string | HTMLElement>>): HTMLElement {
  return h("table", { class: "docs-fields", "aria-label": label },
    h("thead", {}, h("tr", {}, ...headers.map((text) => h("th", {}, text)))),
    h("tbody", {}, ...rows.map((cells) => h("tr", {}, ...cells.map((cell) => h("td", {}, cell))))));
}

const code = (text: string) => h("code", {}, text);

function fieldTable(label: string, rows: FieldRow[]): HTMLElement {
  return table(label, ["字段", "类型", "必填", "说明"], rows.map((row) => [code(row.name), code(row.type), row.required ? "是" : "否", row.description]));
}

function parametersPart(document: OpenApiDocument, operation: Operation): HTMLElement | null {
  const parameters = (operation.parameters ?? []).map((parameter) => resolve(document, parameter) ?? parameter);
  if (!parameters.length) return null;
  return h("div", {}, h("h4", {}, "参数"), table("参数", ["参数", "位置", "类型", "必填", "说明"], parameters.map((parameter) => [
    code(parameter.name), PLACE_TEXT[parameter.in] ?? parameter.in, code(typeText(parameter.schema)), parameter.required ? "是" : "否",
    [parameter.description ?? parameter.schema?.description, limitsText(parameter.schema)].filter(Boolean).join("；"),
  ])));
}

function bodyPart(document: OpenApiDocument, operation: Operation): HTMLElement | null {
  const content = operation.requestBody?.content;
  if (!content) return null;
  const part = h("div", {}, h("h4", {}, `请求体${operation.requestBody?.required ? "（必填）" : ""}`));
  for (const [type, media] of Object.entries(content)) {
    const rows = fieldRows(document, media.schema);
    append(part, h("p", { class: "docs-media" }, h("code", {}, type), rows.length ? "" : `：${typeText(media.schema)}`));
    if (rows.length) append(part, fieldTable(`请求体 ${type}`, rows));
  }
  return part;
}

function responsesPart(document: OpenApiDocument, operation: Operation): HTMLElement {
  const items = Object.entries(operation.responses ?? {}).map(([status, response]) => {
    const resolved = resolve(document, response) ?? response;
    const types = Object.entries(resolved.content ?? {}).map(([type, media]) => `${type}${media.schema ? `（${typeText(media.schema)}）` : ""}`);
    return h("li", {}, h("code", {}, status), ` ${resolved.description ?? ""}`, types.length ? h("span", { class: "muted" }, ` — ${types.join("，")}`) : null);
  });
  return h("div", {}, h("h4", {}, "响应"), h("ul", { class: "docs-responses" }, ...items));
}

function operationCard(document: OpenApiDocument, { method, path, operation }: Entry): HTMLElement {
  return h("article", { class: "card docs-op", "data-operation": `${method.toUpperCase()} ${path}` },
    h("h3", { class: "docs-op-head" },
      h("span", { class: `docs-method docs-${method}` }, method.toUpperCase()), h("code", { class: "docs-path" }, path),
      h("span", { class: "docs-summary" }, operation.summary ?? "")),
    h("p", { class: "docs-role" }, "所需角色：", h("strong", {}, roleOf(operation))),
    operation.description ? h("p", {}, operation.description) : null,
    parametersPart(document, operation),
    bodyPart(document, operation),
    responsesPart(document, operation));
}

function schemaList(document: OpenApiDocument): HTMLElement {
  const schemas = Object.entries(document.components?.schemas ?? {});
  return h("section", { class: "card", id: "schemas", "aria-label": "数据结构" }, heading("数据结构"),
    ...schemas.map(([name, schema]) => h("details", { class: "docs-schema" },
      h("summary", {}, h("code", {}, name), schema.description ? ` ${schema.description}` : ""),
      fieldTable(name, fieldRows(document, schema)))));
}

function render(document: OpenApiDocument): void {
  clear(main);
  const entries: Entry[] = Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ method, path, operation: item[method] })));
  const tags = [...(document.tags ?? [])];
  for (const entry of entries) {
    const tag = entry.operation.tags?.[0] ?? "其他";
    if (!tags.some((known) => known.name === tag)) tags.push({ name: tag });
  }
  const security = Object.values(document.components?.securitySchemes ?? {}).map((scheme) => scheme.description).filter(Boolean).join("\n");
  const filter = h("input", { type: "search", placeholder: "按路径或说明筛选，如 /api/ask、起草", "aria-label": "筛选接口" });
  const sections = tags.map((tag, index) => {
    const ofTag = entries.filter((entry) => (entry.operation.tags?.[0] ?? "其他") === tag.name);
    return h("section", { id: `tag-${index}`, "data-tag": tag.name, "aria-label": tag.name },
      h("h2", { class: "docs-tag" }, tag.name, h("span", { class: "muted" }, `（${ofTag.length}）`)),
      tag.description ? h("p", { class: "muted" }, tag.description) : null,
      ...ofTag.map((entry) => operationCard(document, entry)));
  });
  filter.addEventListener("input", () => {
    const words = filter.value.trim().toLowerCase();
    for (const card of main.querySelectorAll<HTMLElement>(".docs-op")) card.hidden = Boolean(words) && !(card.textContent ?? "").toLowerCase().includes(words);
    for (const section of sections) section.hidden = ![...section.querySelectorAll<HTMLElement>(".docs-op")].some((card) => !card.hidden);
  });
  append(main,
    h("section", { class: "card" },
      h("h2", { style: "font-size:18px;margin:0 0 6px" }, `${document.info.title} `, h("span", { class: "muted" }, `v${document.info.version} · OpenAPI ${document.openapi}`)),
      h("p", {}, document.info.description ?? ""),
      h("p", { class: "docs-security" }, security),
      h("p", {}, "机器可读的描述：", h("a", { href: "/openapi.json" }, "/openapi.json"), `，共 ${entries.length} 个接口。`)),
    h("nav", { class: "docs-toc", "aria-label": "接口分组" },
      ...tags.map((tag, index) => h("a", { href: `#tag-${index}` }, tag.name)), h("a", { href: "#schemas" }, "数据结构"), filter),
    ...sections,
    schemaList(document));
}

append(main, h("p", { class: "muted" }, "正在载入接口描述…"));
fetch("/openapi.json", { headers: { Accept: "application/json" } })
  .then(async (response) => {
    if (!response.ok) throw new Error(`读取 /openapi.json 失败：HTTP ${response.status}`);
    render((await response.json()) as OpenApiDocument);
  })
  .catch((error: unknown) => {
    clear(main);
    append(main, errorBox(error instanceof Error ? error.message : "读取接口描述失败"));
  });

