/**
 * Reading the OpenAPI document for the /docs page: `$ref`s resolved against its components, a schema's type in
 * words, and an object's fields flattened to rows (`messages[].role`). Pure functions over plain JSON.
 */

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
};

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  tags?: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, Operation>>;
  components?: {
    schemas?: Record<string, JsonSchema>;
    responses?: Record<string, ResponseObject>;
    securitySchemes?: Record<string, { description?: string }>;
  };
}

export interface Parameter {
  $ref?: string;
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
}

export interface ResponseObject {
  $ref?: string;
  description?: string;
  content?: Record<string, { schema?: JsonSchema }>;
}

export interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, ResponseObject>;
}

export const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** The name a `$ref` points to (`#/components/schemas/Fact` → `Fact`). */
export const refName = (ref: string) => ref.split("/").at(-1) ?? ref;

/** Follow a `$ref` into the document's components (one level at a time, as often as needed). */
export function resolve<T extends { $ref?: string }>(document: OpenApiDocument, value: T | undefined): T | undefined {
  let current = value;
  for (let depth = 0; current?.$ref && depth < 10; depth++) {
    const [, , section, name] = current.$ref.split("/");
    const components = document.components as Record<string, Record<string, T>> | undefined;
    current = components?.[section]?.[name];
  }
  return current;
}

/** A schema's type in words: `string`, `integer | null`, `Fact[]`, `"summary" | "plan"`, `文件`. */
export function typeText(schema: JsonSchema | undefined): string {
  if (!schema) return "任意";
  if (schema.$ref) return refName(schema.$ref);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map(typeText).join(" | ");
  if (schema.format === "binary") return "文件";
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (!types.length) return "任意";
  return types.map((type) => (type === "array" ? `${typeText(schema.items)}[]` : type)).join(" | ");
}

/** Limits in words: 长度 1–2000, 范围 1949–2100, 格式 …. */
export function limitsText(schema: JsonSchema | undefined): string {
  if (!schema) return "";
  const range = (low: number | undefined, high: number | undefined) =>
    low !== undefined && high !== undefined ? `${low}–${high}` : low !== undefined ? `≥ ${low}` : high !== undefined ? `≤ ${high}` : "";
  const parts = [
    range(schema.minLength, schema.maxLength) && `长度 ${range(schema.minLength, schema.maxLength)}`,
    range(schema.minimum, schema.maximum) && `范围 ${range(schema.minimum, schema.maximum)}`,
    range(schema.minItems, schema.maxItems) && `条数 ${range(schema.minItems, schema.maxItems)}`,
    schema.pattern && `格式 ${schema.pattern}`,
  ];
  return parts.filter(Boolean).join("；");
}

export interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

/**
 * The fields of an object schema as rows, nested objects and arrays of objects flattened with dotted names
 * (`stream_options.include_usage`, `messages[].content`). Named components are not expanded (their name is the type).
 */
export function fieldRows(document: OpenApiDocument, schema: JsonSchema | undefined, prefix = "", depth = 0): FieldRow[] {
  const object = schema?.$ref && depth === 0 ? resolve(document, schema) : schema;
  if (!object?.properties) return [];
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties).flatMap(([key, property]) => {
    const name = `${prefix}${key}`;
    const limits = limitsText(property);
    const row: FieldRow = { name, type: typeText(property), required: required.has(key), description: [property.description, limits].filter(Boolean).join("；") };
    if (depth >= 3 || property.$ref) return [row];
    const nested = objectPart(property);
    if (nested?.properties) return [row, ...fieldRows(document, nested, `${name}.`, depth + 1)];
    if (property.items?.properties) return [row, ...fieldRows(document, property.items, `${name}[].`, depth + 1)];
    return [row];
  });
}

/** The object member of `T | null` (an optional nested object). */
function objectPart(schema: JsonSchema): JsonSchema | undefined {
  if (schema.properties) return schema;
  return (schema.anyOf ?? schema.oneOf)?.find((member) => member.properties);
}
