import { describe, expect, it } from "vitest";
import { useTestApp } from "../helpers/test-app.ts";

describe("a placeholder park (an anonymised copy's XX工业园区) is answerable but never listed", () => {
  const ctx = useTestApp();
  const post = (path: string, body: unknown) => ctx.app.request(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("leaves it out of the refusal's park list and the draft page's, and still answers for it by name", async () => {
    expect((await post("/api/documents", { text: "XX工业园区2023年工作总结\n2023年，XX工业园区实现工业总产值88.8亿元，同比增长3.2%。XX工业园区新签约项目9个。" })).status).toBe(201);
    expect((await post("/api/documents", { text: "青石工业园区2023年工作总结\n2023年，青石工业园区实现工业总产值120.5亿元，同比增长6.1%。青石工业园区新签约项目12个。" })).status).toBe(201);
    const { documents } = (await (await ctx.app.request("/api/documents")).json()) as { documents: Array<{ park: string }> };
    expect(documents.map((document) => document.park).sort()).toEqual(["XX工业园区", "青石工业园区"]);

    const refusal = (await (await post("/api/ask", { question: "星河工业园区2023年工业总产值是多少？" })).json()) as { answer: string };
    expect(refusal.answer).toContain("青石工业园区");
    expect(refusal.answer).not.toContain("XX");

    const own = (await (await post("/api/ask", { question: "XX工业园区2023年工业总产值是多少？" })).json()) as { answer: string };
    expect(own.answer).toContain("88.8亿元");

    const draft = await post("/api/drafts", { park: "星河工业园区", year: 2024, kind: "summary" });
    expect(draft.status).toBe(404);
    const detail = ((await draft.json()) as { detail: string }).detail;
    expect(detail).toContain("青石工业园区");
    expect(detail).not.toContain("XX");
  });
});
