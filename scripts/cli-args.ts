/**
 * The one argument reader of the scripts (node:util parseArgs): `--help`/`-h` prints the Chinese usage and
 * exits 0 before anything else runs (no database is opened); an unknown option, a missing value or an
 * unexpected argument prints one line and exits 2.
 * @example
 * const command = defineCommand({
 *   name: "ask", summary: "回答一个问题", arguments: '"问题"', positionals: true,
 *   options: { park: { type: "string", value: "园区", description: "默认园区" } },
 *   examples: ['npm run ask -- "江屿经济开发区2022年工业总产值是多少？"'],
 * });
 * const { values, positionals } = parseCommand(command); // values.park: string | undefined
 */
import { parseArgs } from "node:util";
import { displayWidth, pad } from "./text-table.ts";

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  default?: string | boolean;
  /** The value's placeholder in the usage text (`--park <园区>`). */
  value?: string;
  /** What the option does, in Chinese (English may follow). */
  description: string;
}

export interface CommandSpec<Options extends Record<string, OptionSpec>> {
  /** The npm script (`npm run <name>`). */
  name: string;
  /** One line: what the command does. */
  summary: string;
  /** The positional arguments as the usage line shows them (`<文件或文件夹…>`). */
  arguments?: string;
  /** Whether positional arguments are accepted. */
  positionals?: boolean;
  options: Options;
  /** Further lines after the options (environment, exit codes). */
  notes?: readonly string[];
  examples: readonly string[];
}

type OptionValue<Option extends OptionSpec> = Option["multiple"] extends true
  ? Array<Option["type"] extends "boolean" ? boolean : string>
  : Option["type"] extends "boolean" ? boolean : string;

export type CommandValues<Options extends Record<string, OptionSpec>> = {
  [Name in keyof Options]: Options[Name] extends { default: string | boolean } ? OptionValue<Options[Name]> : OptionValue<Options[Name]> | undefined;
};

/** The note every command on the configured database prints. */
export const DATABASE_NOTE = "数据库：DATABASE_URL，未设置时为 DATA_DIR 下的内置 PGlite（默认 ./data）。";

const HELP: OptionSpec = { type: "boolean", short: "h", description: "显示本帮助 / show this help" };

/** A command's spec with its option types kept literal, so `parseCommand` types the values. */
export function defineCommand<const Options extends Record<string, OptionSpec>>(spec: CommandSpec<Options>): CommandSpec<Options> {
  return spec;
}

/** The usage text `--help` prints. */
export function formatUsage<Options extends Record<string, OptionSpec>>(spec: CommandSpec<Options>): string {
  const hasOptions = Object.keys(spec.options).length > 0;
  const synopsis = [`npm run ${spec.name}`, spec.arguments || hasOptions ? "--" : "", spec.arguments ?? "", hasOptions ? "[选项]" : ""]
    .filter(Boolean).join(" ");
  const rows = Object.entries({ ...spec.options, help: HELP }).map(([name, option]) => {
    const flag = `${option.short ? `-${option.short}, ` : ""}--${name}${option.type === "string" ? ` <${option.value ?? "值"}>` : ""}`;
    const fallback = option.default !== undefined && option.type === "string" ? `（默认 ${option.default}）` : "";
    return [flag, `${option.description}${fallback}`];
  });
  const width = Math.max(...rows.map(([flag]) => displayWidth(flag))) + 2;
  const lines = [
    `npm run ${spec.name} — ${spec.summary}`,
    "",
    `用法 / usage：${synopsis}`,
    "",
    "选项 / options：",
    ...rows.map(([flag, text]) => `  ${pad(flag, width)}${text}`),
  ];
  if (spec.notes?.length) lines.push("", ...spec.notes);
  lines.push("", "示例 / examples：", ...spec.examples.map((example) => `  ${example}`));
  return lines.join("\n");
}

/** Print one line naming the problem and where the usage is, then exit 2. */
export function usageError(spec: { name: string }, message: string): never {
  console.error(`错误：${message}\n用 npm run ${spec.name} -- --help 查看用法。`);
  process.exit(2);
}

/**
 * Read `argv` against `spec`: help first, then every token checked, then the values typed by parseArgs.
 * Never returns on `--help` (exit 0) or on a usage error (exit 2).
 */
export function parseCommand<Options extends Record<string, OptionSpec>>(
  spec: CommandSpec<Options>,
  argv: string[] = process.argv.slice(2),
): { values: CommandValues<Options>; positionals: string[] } {
  const options = Object.fromEntries(
    Object.entries({ ...spec.options, help: HELP }).map(([name, { type, short, multiple, default: fallback }]) => [
      name, { type, ...(short ? { short } : {}), ...(multiple ? { multiple } : {}), ...(fallback !== undefined ? { default: fallback } : {}) },
    ]),
  ) as Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean; default?: string | boolean }>;
  const { tokens } = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  if (tokens.some((token) => token.kind === "option" && token.name === "help")) {
    console.log(formatUsage(spec));
    process.exit(0);
  }
  for (const token of tokens) {
    if (token.kind === "positional" && !spec.positionals) usageError(spec, `此命令不接受参数：${token.value}`);
    if (token.kind !== "option") continue;
    const option = options[token.name];
    if (!option) usageError(spec, `未知选项：${token.rawName}`);
    if (option.type === "boolean" && token.value !== undefined) usageError(spec, `选项 --${token.name} 不带值：${token.rawName}=${token.value}`);
    // A value that looks like an option is a forgotten value (`--park --json`); a lone "-" means standard input.
    if (option.type === "string" && (token.value === undefined || (!token.inlineValue && token.value.startsWith("-") && token.value !== "-"))) {
      usageError(spec, `选项 --${token.name} 缺少值（以 - 开头的值请写成 --${token.name}=-值）`);
    }
  }
  const { values, positionals } = parseArgs({ args: argv, options, strict: true, allowPositionals: spec.positionals ?? false });
  return { values: values as CommandValues<Options>, positionals };
}

/** An integer option within bounds, or a usage error naming it; `undefined` stays undefined. */
export function readInteger(spec: { name: string }, option: string, text: string, bounds: { min: number; max?: number }): number;
export function readInteger(spec: { name: string }, option: string, text: string | undefined, bounds: { min: number; max?: number }): number | undefined;
export function readInteger(spec: { name: string }, option: string, text: string | undefined, bounds: { min: number; max?: number }): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || value < bounds.min || (bounds.max !== undefined && value > bounds.max)) {
    usageError(spec, `--${option} 须为 ${bounds.min}${bounds.max !== undefined ? `–${bounds.max}` : " 以上"} 的整数（收到 "${text}"）`);
  }
  return value;
}
