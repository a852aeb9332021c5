import { Document, Packer, Paragraph } from "docx";
import { describe, expect, it } from "vitest";
import { UnsupportedMediaError, loadFile } from "../../src/ingest/load-file.ts";
import { encodeGbk } from "../../src/text/gbk.ts";

/** A minimal one-page PDF showing one ASCII line in Helvetica, with a correct xref table. */
function tinyPdf(line: string): Uint8Array {
  const stream = `BT /F1 18 Tf 20 80 Td (${line}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(pdf.length);
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}

describe("loadFile", () => {
  it("loads UTF-8 .txt and .md", async () => {
    const bytes = new TextEncoder().encode("一、2023年工作完成情况\n工业总产值317亿元。");
    expect(await loadFile("总结.txt", bytes)).toEqual({
      text: "一、2023年工作完成情况\n工业总产值317亿元。",
      format: "txt",
      encoding: "utf-8",
    });
    expect((await loadFile("README.MD", bytes)).format).toBe("md");
  });

  it("loads a GBK-encoded .txt", async () => {
    const text = "2023年，桐川工业园区规上工业总产值完成317亿元，同比增长8.4%。";
    const loaded = await loadFile("gbk.txt", encodeGbk(text)!);
    expect(loaded).toEqual({ text, format: "txt", encoding: "gb18030" });
  });

  it("loads a .docx built with the docx package", async () => {
    const document = new Document({
      sections: [
        {
          children: [
            new Paragraph("2021年明湖经济开发区工作总结"),
            new Paragraph("一、2021年工作开展情况"),
            new Paragraph("全年完成工业总产值317亿元，同比增长8.4%。"),
          ],
        },
      ],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(document));
    const loaded = await loadFile("总结.docx", bytes);
    expect(loaded.format).toBe("docx");
    expect(loaded.text.split(/\n+/).filter(Boolean)).toEqual([
      "2021年明湖经济开发区工作总结",
      "一、2021年工作开展情况",
      "全年完成工业总产值317亿元，同比增长8.4%。",
    ]);
  });

  it("loads the text of a tiny hand-made PDF", async () => {
    const loaded = await loadFile("report.pdf", tinyPdf("Output 317 yi yuan, up 8.4%"));
    expect(loaded).toEqual({ text: "Output 317 yi yuan, up 8.4%", format: "pdf" });
  });

  it.each([
    ["an unknown extension", "photo.png", Uint8Array.of(0x89, 0x50, 0x4e, 0x47)],
    ["an old .doc", "old.doc", Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0)],
    ["binary bytes named .txt", "fake.txt", Uint8Array.of(0x00, 0x01, 0x02, 0x03, 0x00, 0xff)],
    ["a .docx that is not a zip", "fake.docx", new TextEncoder().encode("not a zip")],
    ["a .pdf that is not a PDF", "fake.pdf", new TextEncoder().encode("not a pdf")],
    ["a broken zip named .docx", "broken.docx", Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0, 0, 0)],
  ])("rejects %s with UnsupportedMediaError", async (_name, name, bytes) => {
    const error = await loadFile(name, bytes).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UnsupportedMediaError);
    expect((error as UnsupportedMediaError).code).toBe("unsupported_media");
    expect((error as Error).message).toMatch(/[\u4e00-\u9fff]/);
  });
});
