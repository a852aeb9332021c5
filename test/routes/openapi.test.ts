/**
 * /openapi.json against the app itself: every registered route is described with its method, request bodies and
 * queries are the routes' own zod schemas, the roles it names are the roles the routes enforce, and real responses
 * parse with the response schemas it is built from.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createApp } from "../../src/app.ts";
import {
  answerSchema, chatCompletionSchema, documentDetailSchema, documentListSchema, draftSchemaOut, draftSectionsSchema, factListSchema,
  healthSchema, modelListSchema, problemSchema, statsImportSchema, uploadResultSchema, verificationSchema,
} from "../../src/routes/api-schemas.ts";
import { askSchema } from "../../src/routes/ask.ts";
import { draftSchema, exportSchema } from "../../src/routes/drafts.ts";
import { listQuerySchema, textSchema } from "../../src/routes/documents.ts";
import { querySchema as factQuerySchema } from "../../src/routes/facts.ts";
import { completionSchema } from "../../src/routes/openai-request.ts";
import { verifySchema } from "../../src/routes/verify.ts";
import { PARK, seedDraftCorpus } from "../draft/fixture.ts";
import { createTestDeps } from "../helpers/test-deps.ts";

const TOKENS = { admin: "admin-token-0123456789", drafter: "drafter-token-0123456789", reader: "reader-token-0123456789" };
const API_TOKENS = Object.entries(TOKENS).map(([role, token]) => `${role}:${role}:${token}`).join(",");
const RANK = ["reader", "drafter", "admin"] as const;
type Role = (typeof RANK)[number];

/** Served files, not operations: the scripts the pages load. */
const STATIC = [/^\/assets\//];
/** Spec paths served by a registered route of another pattern. */
const SERVED_BY: Record<string, string> = { "/api/drafts/{id}.docx": "/api/drafts/{id}" };

interface Operation {
  tags?: string[];
  summary?: string;
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: unknown }>;
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, unknown>;
}
interface Document {
  openapi: string;
  info: { title: string; version: string };
  tags: Array<{ name: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string; scheme: string; description: string }> };
}

/** Hono's `/v1/models/:id{.+}` → OpenAPI's `/v1/models/{id}`. */
const toSpecPath = (path: string) => path.replace(/:([A-Za-z_]\w*)(\{[^}]*\})?/g, "{$1}");
/**
 * The route schema as JSON Schema, in the spelling zod-openapi uses for the same constraints: .int() without the
 * safe-integer bounds it implies, and a nullable scalar as `type: [t, "null"]` rather than `anyOf`. Every other
 * keyword must match.
 */
const jsonSchemaOf = (schema: z.ZodType) => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: "input" }) as Record<string, unknown>;
  const spelled = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(spelled);
    if (!node || typeof node !== "object") return node;
    const entries = Object.entries(node as Record<string, unknown>)
      .filter(([key, value]) => !((key === "maximum" && value === Number.MAX_SAFE_INTEGER) || (key === "minimum" && value === Number.MIN_SAFE_INTEGER)))
      .map(([key, value]) => [key, spelled(value)] as const);
    const object = Object.fromEntries(entries) as Record<string, unknown>;
    const anyOf = object.anyOf as Array<Record<string, unknown>> | undefined;
    if (anyOf?.length === 2 && Object.keys(object).length === 1 && typeof anyOf[0].type === "string" && Object.keys(anyOf[0]).length === 1 && anyOf[1].type === "null" && Object.keys(anyOf[1]).length === 1) {
      return { type: [anyOf[0].type, "null"] };
    }
    return object;
  };
  return spelled(rest);
};

describe("GET /openapi.json", () => {
  let deps: Awaited<ReturnType<typeof createTestDeps>>;
  let app: ReturnType<typeof createApp>;
  let spec: Document;
  const as = (role: Role | null, init: RequestInit = {}): RequestInit => ({
    ...init, headers: { ...(init.headers as Record<string, string>), ...(role ? { authorization: `Bearer ${TOKENS[role]}` } : {}) },
  });
  const postJson = (path: string, body: unknown, role: Role = "admin") =>
    app.request(path, as(role, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));
  const operations = () => Object.entries(spec.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ path, method, operation })));

  beforeAll(async () => {
    deps = await createTestDeps({ env: { API_TOKENS } });
    await seedDraftCorpus(deps);
    app = createApp(deps);
    // Public, like /healthz: no token although API_TOKENS is set.
    const response = await app.request("/openapi.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    spec = (await response.json()) as Document;
  });
  afterAll(() => deps.dispose());

  it("is an OpenAPI 3.1 document with info, tags, paths and the bearer scheme", () => {
    expect(spec.openapi).toBe("3.1.0");
    expect(spec.info.title).toBe("园区工作总结助手 API");
    expect(spec.info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Object.keys(spec.paths).length).toBeGreaterThan(20);
    for (const { path, method, operation } of operations()) {
      expect(["get", "post", "put", "patch", "delete"], `${method} ${path}`).toContain(method);
      expect(operation.summary, `${method} ${path} summary`).toMatch(/\p{Script=Han}/u);
      expect(spec.tags.map((tag) => tag.name), `${method} ${path} tag`).toContain(operation.tags?.[0]);
      expect(Object.keys(operation.responses).some((status) => /^2\d\d$/.test(status)), `${method} ${path} success response`).toBe(true);
    }
    const scheme = spec.components.securitySchemes.bearerAuth;
    expect(scheme).toMatchObject({ type: "http", scheme: "bearer" });
    for (const role of RANK) expect(scheme.description).toContain(role);
  });

  it("describes every route the app registers, with its method, and nothing it does not serve", () => {
    const registered = new Set(
      app.routes
        .filter((route) => !(route.method === "ALL" && route.path.endsWith("*")))
        .filter((route) => !STATIC.some((pattern) => pattern.test(route.path)))
        .map((route) => `${route.method.toLowerCase()} ${toSpecPath(route.path)}`),
    );
    expect(registered.size).toBeGreaterThan(25);
    const described = new Set(operations().map(({ path, method }) => `${method} ${path}`));
    expect([...registered].filter((route) => !described.has(route))).toEqual([]);
    const served = (key: string) => {
      const [method, path] = key.split(" ");
      return registered.has(`${method} ${SERVED_BY[path] ?? path}`);
    };
    expect([...described].filter((key) => !served(key))).toEqual([]);
    for (const path of ["/healthz", "/openapi.json", "/metrics", "/docs", "/api/ask", "/api/documents/{id}", "/v1/chat/completions", "/bots/feishu"]) {
      expect(spec.paths[path], path).toBeDefined();
    }
  });

  it("takes request bodies from the routes' own zod schemas", () => {
    const bodies: Array<[string, string, z.ZodType]> = [
      ["/api/ask", "post", askSchema], ["/api/verify", "post", verifySchema], ["/api/drafts", "post", draftSchema],
      ["/api/drafts/export", "post", exportSchema], ["/api/documents", "post", textSchema], ["/v1/chat/completions", "post", completionSchema],
    ];
    for (const [path, method, schema] of bodies) {
      expect(spec.paths[path][method].requestBody?.content["application/json"].schema, `${method} ${path}`).toEqual(jsonSchemaOf(schema));
    }
    const ask = spec.paths["/api/ask"].post.requestBody!.content["application/json"].schema as { required: string[]; properties: Record<string, { type: string; maxLength?: number }> };
    expect(ask.required).toEqual(["question"]);
    expect(ask.properties.question).toMatchObject({ type: "string", maxLength: 2000 });
    const draft = spec.paths["/api/drafts"].post.requestBody!.content["application/json"].schema as { required: string[]; properties: Record<string, { enum?: string[] }> };
    expect(draft.required.sort()).toEqual(["kind", "park", "year"]);
    expect(draft.properties.kind.enum).toEqual(["summary", "plan"]);
    const upload = spec.paths["/api/documents"].post.requestBody!.content["multipart/form-data"].schema as { required: string[]; properties: Record<string, { format?: string }> };
    expect(upload.required).toEqual(["file"]);
    expect(upload.properties.file.format).toBe("binary");
  });

  it("takes query and path parameters from the same schemas", () => {
    const names = (path: string, method = "get") => spec.paths[path][method].parameters?.map((parameter) => `${parameter.in}:${parameter.name}:${parameter.required ?? false}`);
    expect(names("/api/facts")).toEqual(Object.keys(factQuerySchema.shape).map((name) => `query:${name}:false`));
    expect(names("/api/documents")).toEqual(Object.keys(listQuerySchema.shape).map((name) => `query:${name}:false`));
    expect(names("/api/documents/{id}", "delete")).toEqual(["path:id:true"]);
    const period = spec.paths["/api/facts"].get.parameters!.find((parameter) => parameter.name === "period")!;
    expect(period.schema).toEqual(jsonSchemaOf(factQuerySchema.shape.period));
  });

  it("names the role each operation needs, and the routes enforce exactly that role", async () => {
    const protectedOps = operations().filter(({ operation }) => operation.security?.length);
    expect(protectedOps.length).toBeGreaterThan(15);
    for (const { path, method, operation } of operations()) {
      const needsToken = path.startsWith("/api/") || path.startsWith("/v1/") || path === "/metrics";
      expect(Boolean(operation.security?.length), `${method} ${path} security`).toBe(needsToken);
    }
    const roleOf = (operation: Operation) => operation.security![0].bearerAuth[0] as Role;
    expect(roleOf(spec.paths["/api/documents"].post)).toBe("admin");
    expect(roleOf(spec.paths["/api/drafts"].post)).toBe("drafter");
    expect(roleOf(spec.paths["/api/ask"].post)).toBe("reader");
    expect(roleOf(spec.paths["/metrics"].get)).toBe("admin");
    for (const { path, method, operation } of protectedOps) {
      const url = path.replace(/\{id\}/g, "no-such-id");
      const call = (role: Role | null) => app.request(url, as(role, { method: method.toUpperCase() }));
      const required = roleOf(operation);
      expect((await call(null)).status, `${method} ${path} without a token`).toBe(401);
      const below = RANK[RANK.indexOf(required) - 1];
      if (below) expect((await call(below)).status, `${method} ${path} as ${below}`).toBe(403);
      expect([401, 403], `${method} ${path} as ${required}`).not.toContain((await call(required)).status);
    }
  });

  it("describes responses that real responses parse as", async () => {
    const parse = async <Schema extends z.ZodType>(schema: Schema, response: Response | Promise<Response>, status = 200): Promise<z.infer<Schema>> => {
      const settled = await response;
      const body = await settled.json();
      expect(settled.status, JSON.stringify(body).slice(0, 300)).toBe(status);
      return schema.parse(body);
    };
    await parse(healthSchema, app.request("/healthz"));
    const uploaded = await parse(uploadResultSchema, postJson("/api/documents", { text: "星河园区2023年工作总结。全年实现工业总产值12.5亿元，同比增长8.1%。", title: "星河园区2023年工作总结" }), 201);
    await parse(documentListSchema, app.request("/api/documents", as("reader")));
    await parse(documentDetailSchema, app.request(`/api/documents/${uploaded.id}`, as("reader")));
    await parse(factListSchema, app.request(`/api/facts?park=${encodeURIComponent(PARK)}`, as("reader")));
    await parse(verificationSchema, postJson("/api/verify", { text: `${PARK}2021年工业总产值326.5亿元。` }, "reader"));
    const answer = await parse(answerSchema, postJson("/api/ask", { question: `${PARK}2021年工业总产值是多少？` }, "reader"));
    expect(answer.facts.length).toBeGreaterThan(0);
    await parse(draftSchemaOut, postJson("/api/drafts", { park: PARK, year: 2021, kind: "summary", sections: ["经济运行"] }, "drafter"), 201);
    await parse(draftSectionsSchema, app.request("/api/drafts/sections", as("reader")));
    const csv = "park,period,indicator,value,unit\n星河园区,2023,工业总产值,12.6,亿元\n";
    await parse(statsImportSchema, app.request("/api/stats", as("admin", { method: "POST", headers: { "content-type": "text/csv" }, body: csv })));
    await parse(modelListSchema, app.request("/v1/models", as("reader")));
    await parse(chatCompletionSchema, postJson("/v1/chat/completions", { model: "park-assistant", messages: [{ role: "user", content: `${PARK}2021年工业总产值是多少？` }] }, "reader"));
    await parse(problemSchema, postJson("/api/ask", { question: "" }, "reader"), 400);
  });
});
