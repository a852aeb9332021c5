/** Error codes the app can return; each maps to one HTTP status and a problem `type`. */
export type ErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "unsupported_media"
  | "payload_too_large"
  | "conflict"
  | "too_many_requests"
  | "upstream"
  | "internal";

const statusOf: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  unsupported_media: 415,
  payload_too_large: 413,
  conflict: 409,
  too_many_requests: 429,
  upstream: 502,
  internal: 500,
};

const titleOf: Record<ErrorCode, string> = {
  bad_request: "请求无效",
  unauthorized: "未授权",
  forbidden: "无权限",
  not_found: "未找到",
  unsupported_media: "不支持的文件类型",
  payload_too_large: "内容过大",
  conflict: "冲突",
  too_many_requests: "请求过于频繁",
  upstream: "上游服务错误",
  internal: "服务器内部错误",
};

/**
 * The one error family of the app. Routes and verbs throw it; `app.onError` renders it as
 * `application/problem+json`.
 * @example throw new AppError("not_found", "文档不存在：abc")
 */
export class AppError extends Error {
  readonly status: number;
  /** Extension members of the problem body. */
  readonly extra?: Record<string, unknown>;
  /** A finer machine-readable reason than `code` (invalid_api_key, unsupported_parameter …), for `error.code`. */
  readonly reason?: string;
  /** The request parameter at fault, for `error.param`. */
  readonly param?: string;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    options?: { cause?: unknown; extra?: Record<string, unknown>; headers?: Record<string, string>; reason?: string; param?: string },
  ) {
    super(detail, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = "AppError";
    this.status = statusOf[code];
    this.extra = options?.extra;
    this.headers = options?.headers;
    this.reason = options?.reason;
    this.param = options?.param;
  }
  /** Response headers the problem carries (Retry-After of a 429). */
  readonly headers?: Record<string, string>;
  get title(): string {
    return titleOf[this.code];
  }
}

export class NotFoundError extends AppError {
  constructor(detail: string) {
    super("not_found", detail);
  }
}

export class BadRequestError extends AppError {
  constructor(detail: string, extra?: Record<string, unknown>) {
    super("bad_request", detail, { extra });
  }
}

/** A request parameter the service does not support (tools, n > 1 …): 400 naming it. */
export class UnsupportedParameterError extends AppError {
  constructor(param: string, detail: string) {
    super("bad_request", detail, { reason: "unsupported_parameter", param });
  }
}

/** OpenAI's error `type` for a status, so that OpenAI clients classify our errors as they classify OpenAI's. */
export function openaiErrorType(status: number): string {
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 404) return "not_found_error";
  if (status === 429) return "rate_limit_error";
  if (status >= 500) return "server_error";
  return "invalid_request_error";
}

/**
 * The problem+json body for an error (RFC 9457), with OpenAI's `error` object beside the problem members, so that
 * the openai SDK and LangChain raise it with its status and Chinese message.
 * @example problemBody(new AppError("not_found", "文档不存在：abc"))
 * // { type: "https://park-assistant.local/problems/not_found", title: "未找到", status: 404, detail: "文档不存在：abc",
 * //   error: { message: "文档不存在：abc", type: "not_found_error", code: "not_found", param: null } }
 */
export function problemBody(error: AppError, requestId?: string): Record<string, unknown> {
  return {
    type: `https://park-assistant.local/problems/${error.code}`,
    title: error.title,
    status: error.status,
    detail: error.detail,
    ...(requestId ? { requestId } : {}),
    ...(error.extra ?? {}),
    error: { message: error.detail, type: openaiErrorType(error.status), code: error.reason ?? error.code, param: error.param ?? null },
  };
}
