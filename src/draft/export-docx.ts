/**
 * Word export in 公文 layout (GB/T 9704): title 方正小标宋简体 22pt centred; 一、 headings 黑体 16pt;
 * （一） headings 楷体_GB2312 16pt; body 仿宋_GB2312 16pt (三号); fixed 28pt line spacing; first-line
 * indent of two characters; A4 with margins 3.7 / 3.5 / 2.8 / 2.6 cm (top / bottom / left / right).
 */
import { AlignmentType, Document, LineRuleType, Packer, Paragraph, TextRun } from "docx";
import { markdownToBlocks, type Block } from "./markdown.ts";

const TWIPS_PER_CM = 566.93;
const cm = (value: number) => Math.round(value * TWIPS_PER_CM);
/** Half-points: 16pt = 32, 22pt = 44. */
const SIZE_BODY = 32;
const SIZE_TITLE = 44;
/** Fixed 28pt line spacing, in twentieths of a point. */
const LINE_EXACT = 28 * 20;
/** Two characters of 16pt text. */
const INDENT_TWO_CHARS = 2 * 16 * 20;

const FONTS = {
  title: "方正小标宋简体",
  heading1: "黑体",
  heading2: "楷体_GB2312",
  body: "仿宋_GB2312",
} as const;

function font(name: string) {
  return { ascii: name, eastAsia: name, hAnsi: name, cs: name };
}

function paragraphOf(block: Block): Paragraph {
  const spacing = { line: LINE_EXACT, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  switch (block.type) {
    case "title":
      return new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { ...spacing, line: 22 * 20 * 1.6, after: LINE_EXACT },
        children: [new TextRun({ text: block.text, font: font(FONTS.title), size: SIZE_TITLE })],
      });
    case "heading1":
      return new Paragraph({
        spacing, indent: { firstLine: INDENT_TWO_CHARS },
        children: [new TextRun({ text: block.text, font: font(FONTS.heading1), size: SIZE_BODY })],
      });
    case "heading2":
      return new Paragraph({
        spacing, indent: { firstLine: INDENT_TWO_CHARS },
        children: [new TextRun({ text: block.text, font: font(FONTS.heading2), size: SIZE_BODY })],
      });
    default:
      return new Paragraph({
        spacing, alignment: AlignmentType.JUSTIFIED, indent: { firstLine: INDENT_TWO_CHARS },
        children: [new TextRun({ text: block.text, font: font(FONTS.body), size: SIZE_BODY })],
      });
  }
}

/**
 * A .docx of a Markdown draft (the subset the drafter writes: #, ##, ###, paragraphs).
 * @example const bytes = await draftToDocx(draft.markdown, draft.title)
 */
export async function draftToDocx(markdown: string, title: string): Promise<Uint8Array> {
  const document = new Document({
    title,
    creator: "园区工作总结助手",
    styles: {
      default: { document: { run: { font: font(FONTS.body), size: SIZE_BODY } } },
    },
    sections: [{
      properties: {
        page: {
          size: { width: cm(21), height: cm(29.7) },
          margin: { top: cm(3.7), bottom: cm(3.5), left: cm(2.8), right: cm(2.6) },
        },
      },
      children: markdownToBlocks(markdown).map(paragraphOf),
    }],
  });
  // toArrayBuffer works on Node and Workers alike (no Buffer).
  return new Uint8Array(await Packer.toArrayBuffer(document));
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
