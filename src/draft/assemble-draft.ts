/**
 * Assembling a draft: the title, the plan's numbered groups (一、二、…) and parts (（一）（二）…) around
 * the section bodies, as the markdown of the whole draft and of each section.
 */
import { blocksToMarkdown, paragraphsOf, type Block } from "./markdown.ts";
import type { SectionBody } from "./section-body.ts";
import { chineseOrdinal, groupTitle, type SectionSpec } from "./section-plan.ts";

/** Markdown of the whole draft and of each section (its own heading included). */
export function assembleDraft(title: string, specs: SectionSpec[], bodies: SectionBody[], year: number): { markdown: string; sectionMarkdown: string[] } {
  const blocks: Block[] = [{ type: "title", text: title }];
  const sectionMarkdown: string[] = [];
  let groupIndex = -1;
  let partIndex = 0;
  let currentGroup = "";
  specs.forEach((spec, index) => {
    const body = bodies[index];
    const group = groupTitle(spec, year);
    const own: Block[] = [];
    if (group !== currentGroup) {
      groupIndex++;
      partIndex = 0;
      currentGroup = group;
      const groupBlock: Block = { type: "heading1", text: `${chineseOrdinal(groupIndex)}、${group}` };
      blocks.push(groupBlock);
      if (spec.heading === null) own.push(groupBlock);
    }
    if (spec.heading !== null) own.push({ type: "heading2", text: `（${chineseOrdinal(partIndex++)}）${body.heading}` });
    own.push(...paragraphsOf(body.body).map((text): Block => ({ type: "paragraph", text })));
    blocks.push(...own.filter((block) => block.type !== "heading1"));
    sectionMarkdown.push(blocksToMarkdown(own));
  });
  return { markdown: blocksToMarkdown(blocks), sectionMarkdown };
}
