/**
 * Calls to the platforms' APIs: JSON over fetch with a timeout, errors that say which platform refused what,
 * and a cache for the access tokens they hand out (WeCom access_token, Feishu tenant_access_token: 7200 s).
 */

const TIMEOUT_MS = 10_000;
/** Refresh this long before the platform says a token expires. */
const EARLY_REFRESH_S = 300;

export class OutboundError extends Error {
  constructor(message: string, readonly retryWithNewToken = false) {
    super(message);
    this.name = "OutboundError";
  }
}

export interface CallOptions {
  method?: "GET" | "POST";
  body?: unknown;
  headers?: Record<string, string>;
  /** The platform's way of saying the access token is stale (WeCom 42001, Feishu 99991663 — Feishu with HTTP 400). */
  staleToken?: (body: unknown) => boolean;
}

/**
 * POST (or GET without body) JSON; returns the parsed response. A stale-token answer, whatever its HTTP status,
 * throws an OutboundError that TokenCache.with retries with a new token; any other non-2xx status throws too.
 */
export async function callJson(url: string, init: CallOptions = {}): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: { ...(init.body === undefined ? {} : { "Content-Type": "application/json; charset=utf-8" }), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new OutboundError(`${new URL(url).host}: ${(error as Error).message}`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    throw new OutboundError(`${new URL(url).host} answered ${response.status} with no JSON: ${text.slice(0, 200)}`);
  }
  if (init.staleToken?.(body)) throw new OutboundError(`${new URL(url).host}: access token no longer valid`, true);
  if (!response.ok) throw new OutboundError(`${new URL(url).host} answered ${response.status}: ${text.slice(0, 200)}`);
  return body;
}

/** One token per credential set, shared by every request of this process (or Workers isolate). */
export class TokenCache {
  private value?: { token: string; expiresAt: number };
  private pending?: Promise<string>;

  constructor(private readonly fetchToken: () => Promise<{ token: string; expiresInS: number }>) {}

  async get(): Promise<string> {
    if (this.value && Date.now() < this.value.expiresAt) return this.value.token;
    this.pending ??= this.fetchToken()
      .then(({ token, expiresInS }) => {
        this.value = { token, expiresAt: Date.now() + Math.max(60, expiresInS - EARLY_REFRESH_S) * 1000 };
        return token;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  invalidate(): void {
    this.value = undefined;
  }

  /** Run `call` with the token; when the platform says the token is no longer valid, once more with a new one. */
  async with<T>(call: (token: string) => Promise<T>): Promise<T> {
    try {
      return await call(await this.get());
    } catch (error) {
      if (!(error instanceof OutboundError && error.retryWithNewToken)) throw error;
      this.invalidate();
      return call(await this.get());
    }
  }
}

const caches = new Map<string, TokenCache>();

/** The cache for one credential set (keyed by platform, API base and app id). */
export function tokenCache(key: string, fetchToken: () => Promise<{ token: string; expiresInS: number }>): TokenCache {
  let cache = caches.get(key);
  if (!cache) {
    cache = new TokenCache(fetchToken);
    caches.set(key, cache);
  }
  return cache;
}

const identities = new Map<string, Promise<string | null>>();
/** A callback waits no longer than this for the first identity lookup (the platforms' deadlines are 3–5 s). */
const IDENTITY_WAIT_MS = 800;

/**
 * The bot's own identity on a platform (Telegram username, Feishu open_id), asked once per process; null when
 * the platform could not say in time (callers then accept any mention). A failed lookup is asked again next time.
 */
export async function botIdentity(key: string, lookup: () => Promise<string>): Promise<string | null> {
  let identity = identities.get(key);
  if (!identity) {
    identity = lookup().catch(() => {
      identities.delete(key);
      return null;
    });
    identities.set(key, identity);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), IDENTITY_WAIT_MS);
  });
  const found = await Promise.race([identity, late]);
  clearTimeout(timer);
  return found;
}
