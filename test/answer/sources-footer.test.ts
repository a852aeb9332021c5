import { describe, expect, it } from "vitest";
import { sourcesLine } from "../../src/answer/sources-footer.ts";
import type { AnswerResult } from "../../src/answer/types.ts";

const citation = (document_id: string | null, title: string) => ({ document_id, title, section: "", quote: "" });
const fact = (document_id: string | null, period: string) => ({ period, source: { document_id, title: null, quote: "" } }) as unknown as AnswerResult["facts"][number];

describe("sourcesLine: the 数据来源 line under an answer", () => {
  it("names each document once, adds the years of the figures used where the title names none", () => {
    const line = sourcesLine({
      citations: [citation("d1", "示范园区2023年工作总结"), citation(null, "统计数据导入"), citation("d2", "招商工作汇报"), citation(null, "统计数据导入")],
      facts: [fact("d1", "2023"), fact(null, "2022H1"), fact(null, "2021"), fact("d2", "2022"), fact("d2", "0000")],
    });
    expect(line).toBe("数据来源：《示范园区2023年工作总结》；统计数据导入（2021、2022）；《招商工作汇报》（2022）");
  });

  it("shows three sources and counts the rest; says nothing without citations", () => {
    const citations = ["甲", "乙", "丙", "丁", "戊"].map((name, index) => citation(`d${index}`, `${name}园区总结`));
    expect(sourcesLine({ citations, facts: [] })).toBe("数据来源：《甲园区总结》；《乙园区总结》；《丙园区总结》 等5项");
    expect(sourcesLine({ citations: [], facts: [] })).toBe("");
  });
});
