/**
 * The browser's client of the HTTP API (API.md). Every call sends the token in the Authorization header (never
 * in a URL), reads problem+json errors into a Chinese message, and tells a refused token and an unreachable
 * service apart. Browser code: imports nothing outside src/web/.
 */

export interface ApiFact {
  id: string;
  park: string;
  period: string;
  indicator: string;
  label: string;
  scope: string;
  value: number;
  unit: string;
  yoy_pct: number | null;
  qualifier: string;
  status: string;
  origin?: string;
  source: { document_id: string | null; title: string | null; quote: string | null };
}

export interface ApiClaim {
  text: string;
  start: number;
  end: number;
  value: number;
  unit: string;
  status: "verified" | "mismatch" | "unsupported" | "derived";
  expected?: { value: number; unit: string };
  fact_ids: string[];
  reason?: string;
}

export interface ApiVerification {
  claims: ApiClaim[];
  summary: { verified: number; mismatch: number; unsupported: number; derived: number };
}

export interface ApiCitation {
  document_id: string | null;
  title: string;
  section: string;
  quote: string;
}

export interface AskResult {
  answer: string;
  conversationId: string;
  citations: ApiCitation[];
  facts: ApiFact[];
  verification: ApiVerification;
  mode: "figure" | "retrieval" | "refusal";
}

export interface ApiDocument {
  id: string;
  park: string;
  year: number | null;
  kind: string;
  title: string;
  chunks: number;
  facts: number;
}

/** An error a person can read: the service's own detail, or what went wrong on the way. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body?: unknown,
  ) {
    super(message);
  }
}

const UNREACHABLE = "无法连接园区助手服务，请检查网络或稍后再试。";

export interface ClientOptions {
  /** Service origin, e.g. http://localhost:8787 ("" for the page's own origin). */
  base: string;
  /** A reader (or drafter, admin) token; omitted when the service runs without tokens. */
  token?: () => string | undefined;
}

export function createClient(options: ClientOptions) {
  const url = (path: string) => `${options.base}${path}`;
  const headers = (extra: Record<string, string> = {}) => {
    const token = options.token?.();
    return token ? { ...extra, Authorization: `Bearer ${token}` } : extra;
  };

  async function send(path: string, init: RequestInit = {}): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(url(path), { ...init, headers: headers(init.headers as Record<string, string> | undefined) });
    } catch {
      throw new ApiError(UNREACHABLE, 0);
    }
    if (response.ok) return response;
    let body: { detail?: string; title?: string } | undefined;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    if (response.status === 401) throw new ApiError("访问令牌无效或已过期，请联系管理员获取有效的令牌。", 401, body);
    if (response.status === 403) throw new ApiError(body?.detail ?? "没有权限执行此操作。", 403, body);
    throw new ApiError(body?.detail ?? body?.title ?? `请求失败（${response.status}）`, response.status, body);
  }

  const json = async <T>(path: string, init?: RequestInit): Promise<T> => (await send(path, init)).json() as Promise<T>;
  const post = <T>(path: string, body: unknown) =>
    json<T>(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

  return {
    /** Ask over SSE: `onToken` gets each piece as it arrives; resolves with the `done` object. */
    async ask(input: { question: string; park?: string; conversationId?: string }, onToken: (text: string) => void): Promise<AskResult> {
      const response = await send("/api/ask", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
        body: JSON.stringify(input),
      });
      if (!response.body) throw new ApiError(UNREACHABLE, 0);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      let result: AskResult | null = null;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, "");
          const event = /^event: ?(.*)$/m.exec(block)?.[1]?.trim() ?? "message";
          const data = block.split(/\r?\n/).filter((line) => line.startsWith("data:")).map((line) => line.replace(/^data: ?/, "")).join("\n");
          if (!data) continue;
          const parsed = JSON.parse(data);
          if (event === "token") onToken(parsed.text as string);
          else if (event === "done") result = parsed as AskResult;
          else if (event === "error") throw new ApiError(parsed.detail ?? "回答中途出错，请重试。", parsed.status ?? 500, parsed);
        }
      }
      if (!result) throw new ApiError("回答中断，请重试。", 0);
      return result;
    },
    verify: (input: { text: string; park?: string; year?: number }) => post<ApiVerification>("/api/verify", input),
    facts: (query: { park?: string; period?: string; indicator?: string }) => {
      const params = new URLSearchParams(Object.entries(query).filter(([, value]) => value) as Array<[string, string]>);
      return json<{ facts: ApiFact[] }>(`/api/facts?${params}`);
    },
    documents: () => json<{ documents: ApiDocument[] }>("/api/documents"),
    document: (id: string) => json<ApiDocument & { text: string; facts: ApiFact[] }>(`/api/documents/${encodeURIComponent(id)}`),
    deleteDocument: (id: string) => send(`/api/documents/${encodeURIComponent(id)}`, { method: "DELETE" }),
    /** Upload one file (multipart), reporting upload progress 0…1 (XMLHttpRequest: fetch has no upload progress). */
    upload(file: File, onProgress: (share: number) => void): Promise<{ id: string; park: string; year: number | null; facts: number; chunks: number; warnings: string[]; duplicate: boolean; conflicts?: unknown[] }> {
      return new Promise((resolve, reject) => {
        const request = new XMLHttpRequest();
        request.open("POST", url("/api/documents"));
        for (const [name, value] of Object.entries(headers())) request.setRequestHeader(name, value);
        request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
        request.onerror = () => reject(new ApiError(UNREACHABLE, 0));
        request.onload = () => {
          let body: any;
          try {
            body = JSON.parse(request.responseText);
          } catch {
            body = undefined;
          }
          if (request.status >= 200 && request.status < 300) resolve(body);
          else reject(new ApiError(body?.detail ?? `上传失败（${request.status}）`, request.status, body));
        };
        const form = new FormData();
        form.append("file", file);
        request.send(form);
      });
    },
    importStats: async (file: File) => {
      const form = new FormData();
      form.append("file", file);
      return json<{ imported: number; conflicts: unknown[] }>("/api/stats", { method: "POST", body: form });
    },
    draft: (input: { park: string; year: number; kind: "summary" | "plan"; sections?: string[] }) =>
      post<{ id: string; markdown: string; sections: Array<{ title: string; markdown: string; verification: ApiVerification }>; verification: ApiVerification; notes?: string[] }>("/api/drafts", input),
    /** The sections a draft may name, per kind. */
    draftSections: () => json<{ summary: string[]; plan: string[] }>("/api/drafts/sections"),
    /** An edited draft's text as a Word file (POST /api/drafts/export). */
    exportDraft: async (title: string, markdown: string) =>
      (await send("/api/drafts/export", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ title, markdown }) })).blob(),
    /** The stored draft as a Word file (fetched with the token, then saved by the browser). */
    draftDocx: async (id: string) => (await send(`/api/drafts/${encodeURIComponent(id)}.docx`)).blob(),
  };
}

export type Client = ReturnType<typeof createClient>;
