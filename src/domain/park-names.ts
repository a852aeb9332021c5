/**
 * The one park-name module: what a park name looks like, where a text names parks, and the short forms a
 * user may type. Documents, questions and the verifier all read park names through these functions.
 */
import { LEADING_NON_NAME, NON_NAME_WORDS, PARK_SUFFIXES, TITLE_CUES } from "./park-lexicon.ts";

/** A place in a text that refers to a park: a proper name (云塘高新区) or a generic reference (该园区, 开发区). */
export interface ParkMention {
  /** The name as it should be stored: core + suffix (empty core for generic references). */
  name: string;
  /** The proper part before the suffix; "" for a generic reference. */
  core: string;
  suffix: string;
  /** Offsets of the whole mention (core and suffix) in the text. */
  start: number;
  end: number;
  generic: boolean;
  /** An anonymised name (XX工业园区): a name the text uses for a park, though no proper one. */
  placeholder: boolean;
  /** Stated as an honour or a category (被评为“省级工业园区”): not the text's own name for a park. */
  title: boolean;
}

const SUFFIX_PATTERN = new RegExp(`(?:${PARK_SUFFIXES.join("|")})`, "g");
const NAME_CHAR = /[\u4e00-\u9fa5A-Za-z·]/;
const MAX_CORE = 10;
/** Placeholders of anonymised copies (XX工业园区, ××开发区, __经济开发区): a reference, not a name. */
const PLACEHOLDER = /^(?:[XxＸｘ×*＊_＿]+|某+|[Xx]{2,}[市县区]?)$/;
const NON_NAME = new RegExp(NON_NAME_WORDS.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
const LEADING = new RegExp(`^(?:[一二三四五六七八九十0-9]*(?:${LEADING_NON_NAME.join("|")}))+`);
const TITLE_BEFORE = new RegExp(`(?:${TITLE_CUES.join("|")})[^，。；！？,;]{0,12}$`);

/** The proper part of the characters before a suffix: text after the last non-name word, leading levels stripped. */
function coreBefore(text: string, suffixStart: number): { core: string; start: number; placeholder: boolean } {
  let start = suffixStart;
  while (start > 0 && suffixStart - start < MAX_CORE && NAME_CHAR.test(text[start - 1])) start--;
  let core = text.slice(start, suffixStart);
  const placeholder = /(?:^|[^\u4e00-\u9fa5])([XxＸｘ×*＊_＿]{2,}|某+)$/.exec(text.slice(Math.max(0, suffixStart - 6), suffixStart));
  if (placeholder) return { core: placeholder[1], start: suffixStart - placeholder[1].length, placeholder: true };
  // Cut after the last word that cannot stand in a name (加快推进县域 → 县域).
  let cut = 0;
  for (const match of core.matchAll(NON_NAME)) cut = Math.max(cut, (match.index ?? 0) + match[0].length);
  core = core.slice(cut);
  const leading = LEADING.exec(core);
  if (leading) core = core.slice(leading[0].length);
  // A province is no park's name (浙江省经济开发区 speaks of the province's zones as a class).
  if (/省$/.test(core)) core = "";
  if (core.length < 2 || PLACEHOLDER.test(core)) core = "";
  return { core, start: core ? suffixStart - core.length : suffixStart, placeholder: false };
}

/**
 * Every park reference of a text, in order. A proper name needs a core of two or more name characters that
 * holds no verb, function word or level word; anything else ending in a park suffix is a generic reference.
 * @example findParkMentions("2025年1-9月云塘高新区实现GDP") // [{ name: "云塘高新区", core: "云塘", generic: false, … }]
 * @example findParkMentions("加快推进全域工业园区发展")[0].generic // true
 */
export function findParkMentions(text: string): ParkMention[] {
  const mentions: ParkMention[] = [];
  for (const match of text.matchAll(SUFFIX_PATTERN)) {
    const at = match.index ?? 0;
    const suffix = match[0];
    // 开发区 inside 经济开发区 is found once, with the longest suffix (the alternation is longest first).
    const { core, start, placeholder } = coreBefore(text, at);
    // Inside quotes, or listed after 评为/授予…, a park phrase is an honour or a category (“省级生态工业园区”).
    const before = text.slice(Math.max(0, start - 24), start);
    const title = /[“「『][^”」』]*$/.test(before) || TITLE_BEFORE.test(before);
    mentions.push({ name: core ? `${core}${suffix}` : suffix, core, suffix, start, end: at + suffix.length, generic: !core || placeholder, placeholder, title });
  }
  return mentions;
}

/** Whether a stored or typed park name is a proper name (not 园区, 该开发区, XX工业园区). */
export function isProperParkName(name: string): boolean {
  const mentions = findParkMentions(name);
  const last = mentions[mentions.length - 1];
  return Boolean(last && !last.generic && last.end === name.length && last.start === 0);
}

/** A bare park type (开发区, 园区, 工业集中区): a name no park owns. */
export function isGenericParkName(name: string): boolean {
  return (PARK_SUFFIXES as readonly string[]).includes(name) || /^(?:示范区|新区)$/.test(name);
}

/** The core of a park name without its suffix (江屿经济开发区 → 江屿), or null for a generic name. */
export function parkCore(name: string): string | null {
  for (const suffix of PARK_SUFFIXES) {
    if (name.endsWith(suffix) && name.length - suffix.length >= 2) return name.slice(0, -suffix.length);
  }
  return null;
}

/**
 * Short forms of a park name a user may type: 明湖经济开发区 → 明湖经济开发区, 明湖. Longest first.
 * @example parkAliases("江屿经济开发区") // ["江屿经济开发区", "江屿"]
 */
export function parkAliases(park: string): string[] {
  const aliases = new Set<string>([park]);
  const core = parkCore(park);
  if (core) aliases.add(core);
  return [...aliases].sort((a, b) => b.length - a.length);
}

/**
 * The proper names a document uses for parks, most used first: its own name and the sub-parks it speaks of.
 * Honours and categories (评为“省级工业园区”) are left out; anonymised names (XX工业园区) only when asked for.
 */
export function properParkNames(text: string, options: { placeholders?: boolean } = {}): Array<{ name: string; count: number; first: number; placeholder: boolean }> {
  const counts = new Map<string, { name: string; count: number; first: number; placeholder: boolean }>();
  for (const mention of findParkMentions(text)) {
    if (mention.title || (mention.generic && !(options.placeholders && mention.placeholder))) continue;
    const entry = counts.get(mention.name) ?? { name: mention.name, count: 0, first: mention.start, placeholder: mention.placeholder };
    entry.count++;
    counts.set(mention.name, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.first - b.first);
}

/** Parks and the names documents use for them, as name resolution needs them. */
export interface KnownParks {
  parks: string[];
  aliases: Array<{ alias: string; park: string; mentions: number }>;
}

/**
 * The stored park a name refers to: a park itself, its short form (江屿 → 江屿经济开发区), or a name documents use
 * for it (桐山高新区 for a park stored as P-07; 青溪开发区 beside 青溪经济开发区, by their common core). A name
 * several parks' documents use goes to `preferred` when it is one of them, else to the one with most mentions.
 * Null when nothing on record goes by that name.
 */
export function resolveParkName(name: string, known: KnownParks, preferred?: string): string | null {
  const text = name.trim();
  if (!text) return null;
  if (known.parks.includes(text)) return text;
  for (const park of known.parks) if (parkAliases(park).some((alias) => alias.length >= 2 && alias === text)) return park;
  const core = parkCore(text);
  const candidates = known.aliases.filter((entry) => entry.alias === text || (core !== null && parkCore(entry.alias) === core));
  for (const park of known.parks) if (core !== null && parkCore(park) === core) candidates.push({ alias: park, park, mentions: Number.MAX_SAFE_INTEGER });
  if (candidates.length === 0) return null;
  if (preferred && candidates.some((entry) => entry.park === preferred)) return preferred;
  return [...candidates].sort((a, b) => b.mentions - a.mentions)[0].park;
}

/**
 * Every park with the names a text may call it by: its short forms and the names its documents use. A name
 * documents use for several parks goes with the one that uses it most.
 */
export function knownParkNames(known: KnownParks): Array<{ park: string; aliases: string[] }> {
  const owner = new Map<string, { park: string; mentions: number }>();
  for (const entry of known.aliases) {
    if (known.parks.includes(entry.alias)) continue;
    const current = owner.get(entry.alias);
    if (!current || entry.mentions > current.mentions) owner.set(entry.alias, { park: entry.park, mentions: entry.mentions });
  }
  return known.parks.map((park) => ({
    park,
    aliases: [...new Set([...parkAliases(park), ...[...owner].filter(([, entry]) => entry.park === park).map(([alias]) => alias)])],
  }));
}

/** The park of a document that names none is stored as 未命名园区（its title）. */
export const UNNAMED_PARK = "未命名园区";

/**
 * Names that stand for no park: an anonymised copy's XX工业园区 / ××园区 / 某某园区, and 未命名园区（…）. Their facts
 * stay answerable by that name, but park lists (pickers, "the parks on record are …") leave them out.
 */
export function isPlaceholderPark(name: string): boolean {
  return name.startsWith(UNNAMED_PARK) || /^(?:[XxＸｘ×*＊_＿]{2,}|某+)/.test(name.trim());
}

/** A park list as people see it: placeholders left out. */
export function listedParks(parks: readonly string[]): string[] {
  return parks.filter((park) => !isPlaceholderPark(park));
}
