import { afterAll, beforeAll, expect } from "vitest";
import { createApp } from "../../src/app.ts";
import { countAll } from "../../src/db/documents-repo.ts";
import { createTestDeps } from "./test-deps.ts";

type TestDeps = Awaited<ReturnType<typeof createTestDeps>>;

/** A fresh test database and the app over it for one describe block; read `.deps` and `.app` inside tests. */
export function useTestApp(): { readonly deps: TestDeps; readonly app: ReturnType<typeof createApp> } {
  const holder = {} as { deps: TestDeps; app: ReturnType<typeof createApp> };
  beforeAll(async () => {
    holder.deps = await createTestDeps();
    holder.app = createApp(holder.deps);
  });
  afterAll(async () => holder.deps.dispose());
  return holder;
}

/** Sends a request that must be refused as a problem with `status`, and checks nothing was stored; returns its body. */
export async function refusedUnchanged(deps: TestDeps, send: () => Response | Promise<Response>, status = 400): Promise<{ detail: string }> {
  const before = await countAll(deps.db);
  const response = await send();
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  expect(await countAll(deps.db)).toEqual(before);
  return (await response.json()) as { detail: string };
}
