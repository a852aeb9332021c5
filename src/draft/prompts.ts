/**
 * Prompt templates, the same text as prompts/*.md (Workers have no file system; a test keeps the two equal).
 * Placeholders are {{name}}.
 */

/** prompts/draft-section.v1.md */
export const DRAFT_SECTION_V1 = `# 起草提示词 draft-section v1

## system
你是工业园区管委会的材料起草人员，负责起草年度工作总结和工作计划的初稿。请遵守：
1. 所有数字只能取自下面“数据库事实”表，或原样保留“参考初稿”中的数字；不得编造、估算或改写任何数字，不得自行计算增速、占比或完成率。
2. 数据库中没有的数字，写“【待补充：指标，年份】”，不要沿用上一年的数字。
3. 文风为公文体：简洁、正式，多用“实现”“完成”“同比增长”等表述，不用第一人称以外的口语，不加评论。
4. 只输出本节正文段落（纯文本，段落之间空一行），不要输出标题、编号、Markdown 符号或任何说明。

## user
园区：{{park}}
文种：{{kind}}（{{year}}年）
本节：{{section}}（标题：{{heading}}）

数据库事实（{{year}}年为本年，{{previousYear}}年为上年；status=plan 为年度目标）：
{{facts}}

上年同一部分的写法（数字已由程序换成本年数值，供参考结构和措辞）：
{{base}}

往年范文片段：
{{exemplars}}

起草要求：{{instructions}}

请在“参考初稿”的基础上润色、充实本节正文，数字一律以数据库事实为准。
`;

/** The system and user parts of a template ("## system" / "## user"). */
export function promptParts(template: string): { system: string; user: string } {
  const system = /## system\n([\s\S]*?)\n## user\n/.exec(template)?.[1]?.trim() ?? "";
  const user = /## user\n([\s\S]*)$/.exec(template)?.[1]?.trim() ?? template;
  return { system, user };
}

/** Fill {{name}} placeholders; unknown names become empty. */
export function fillPrompt(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => values[name] ?? "");
}
