/**
 * Which park a claim speaks of. A claim is judged against the park the text names for it (the nearest
 * park name before it in its sentence, else the last one named earlier in the text), else the request's
 * park, else the only park on record. With several parks on record and none named or given, no park's
 * fact may verify it: it is unsupported, with every park's candidate facts listed.
 */
import { isGenericParkName } from "../domain/park-names.ts";
import type { Decision } from "./judge-stored.ts";

/** A park on record and the names a text may call it by (江屿经济开发区 → 江屿经济开发区, 江屿). */
export interface KnownPark {
  park: string;
  aliases: string[];
}

/** A park name found in the text. */
export interface ParkMention {
  start: number;
  end: number;
  park: string;
}

/** Where the park of a claim came from. */
export interface ClaimPark {
  park: string;
  source: "text" | "request" | "only";
}

/** The aliases worth looking for: two characters or more, not a bare park type. */
function usableAliases(park: KnownPark): string[] {
  return [...new Set([park.park, ...park.aliases])].filter((alias) => alias.length >= 2 && !isGenericParkName(alias));
}

/**
 * Park names in a text, in order; a longer name wins over a shorter one inside it (江屿经济开发区 over 江屿).
 * @example findParkMentions("石岭工业园区2022年…", [{ park: "石岭工业园区", aliases: ["石岭"] }])
 * // → [{ start: 0, end: 6, park: "石岭工业园区" }]
 */
export function findParkMentions(text: string, parks: KnownPark[]): ParkMention[] {
  const names = parks
    .flatMap((park) => usableAliases(park).map((alias) => ({ park: park.park, alias })))
    .sort((a, b) => b.alias.length - a.alias.length);
  const taken = new Array<boolean>(text.length).fill(false);
  const mentions: ParkMention[] = [];
  for (const { park, alias } of names) {
    for (let at = text.indexOf(alias); at >= 0; at = text.indexOf(alias, at + alias.length)) {
      const end = at + alias.length;
      if (taken.slice(at, end).some(Boolean)) continue;
      taken.fill(true, at, end);
      mentions.push({ start: at, end, park });
    }
  }
  return mentions.sort((a, b) => a.start - b.start);
}

/**
 * The park a claim is judged against, or null when it cannot be told.
 * @example parkOfClaim({ start: 20, sentence: { start: 0, end: 30 } }, mentions, { park: "江屿经济开发区" })
 */
export function parkOfClaim(
  claim: { start: number; sentence: { start: number; end: number } },
  mentions: ParkMention[],
  defaults: { park?: string; parksOnRecord: string[] },
): ClaimPark | null {
  const before = mentions.filter((mention) => mention.end <= claim.start);
  const named = before.filter((mention) => mention.start >= claim.sentence.start).pop() ?? before.pop();
  if (named) return { park: named.park, source: "text" };
  if (defaults.park) return { park: defaults.park, source: "request" };
  if (defaults.parksOnRecord.length === 1) return { park: defaults.parksOnRecord[0], source: "only" };
  return null;
}

/**
 * The verdict on a claim whose park cannot be told: unsupported, with the facts each park would have
 * compared it with (`perPark`: every park's own verdict) and a reason naming the candidate parks.
 */
export function undecidedPark(perPark: Array<{ park: string; decision: Decision }>, parksOnRecord: string[]): Decision {
  const candidates = perPark.filter(({ decision }) => decision.status !== "unsupported" && decision.factIds.length);
  const ask = "请在文中写明园区，或在请求中提供 park";
  const named = parksOnRecord.length ? `（${parksOnRecord.join("、")}）` : "";
  if (!candidates.length) {
    return { status: "unsupported", factIds: [], reason: `文中未写明园区，请求也未指定园区，数据库中有多个园区${named}，且均无可比较的数据；${ask}` };
  }
  const each = candidates.map(({ park, decision }) => `${park}：${decision.reason}`).join("；");
  return {
    status: "unsupported",
    factIds: [...new Set(candidates.flatMap(({ decision }) => decision.factIds))],
    reason: `文中未写明园区，请求也未指定园区，不能用某一园区的数据核实；候选园区为${candidates.map(({ park }) => park).join("、")}（${each}）；${ask}`,
  };
}
