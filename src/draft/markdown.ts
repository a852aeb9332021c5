/**
 * The draft as Markdown: # title, ## 一、group, ### （一）part, paragraphs. The .docx export reads the
 * same structure, so the two always say the same thing.
 */

export type Block =
  | { type: "title"; text: string }
  | { type: "heading1"; text: string }
  | { type: "heading2"; text: string }
  | { type: "paragraph"; text: string };

/** Paragraphs of a body: blank-line or line-break separated, trimmed, none empty. */
export function paragraphsOf(body: string): string[] {
  return body.split(/\n+/).map((line) => line.trim()).filter((line) => line.length > 0);
}

export function blocksToMarkdown(blocks: Block[]): string {
  return blocks
    .map((block) => {
      switch (block.type) {
        case "title":
          return `# ${block.text}`;
        case "heading1":
          return `## ${block.text}`;
        case "heading2":
          return `### ${block.text}`;
        default:
          return escapeParagraph(block.text);
      }
    })
    .join("\n\n") + "\n";
}

/** A line starting with "1." or "-" would turn into a list: escape the marker so it stays text. */
function escapeParagraph(text: string): string {
  return text.replace(/^(\d+)\.(?=\s)/, "$1\\.").replace(/^([-*+#>])/, "\\$1");
}

/** Markdown back to blocks (the subset written above). */
export function markdownToBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of markdown.split(/\n{2,}/)) {
    const line = chunk.trim();
    if (!line) continue;
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    if (heading) {
      const type = heading[1].length === 1 ? "title" : heading[1].length === 2 ? "heading1" : "heading2";
      blocks.push({ type, text: heading[2].trim() });
      continue;
    }
    for (const paragraph of line.split("\n")) {
      const text = unescapeParagraph(paragraph.trim());
      if (text) blocks.push({ type: "paragraph", text });
    }
  }
  return blocks;
}

function unescapeParagraph(text: string): string {
  return text.replace(/^(\d+)\\\./, "$1.").replace(/^\\([-*+#>])/, "$1");
}

/** Plain text of a Markdown draft: markers stripped, one block a line. */
export function markdownToPlainText(markdown: string): string {
  return markdownToBlocks(markdown).map((block) => block.text).join("\n");
}
