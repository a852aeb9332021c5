/**
 * The park of each claim: named in the text (nearest before it in its sentence, else earlier), else the
 * request's, else the only one on record; never another park's fact for a park it does not refer to.
 */
import { describe, expect, it } from "vitest";
import { findParkMentions, parkOfClaim, type KnownPark } from "../../src/verify/parks.ts";
import { verifyText } from "../../src/verify/verify-text.ts";
import { MemoryFacts, stat } from "./memory-facts.ts";

const EAST = "东湖经济开发区";
const WEST = "西山工业园区";
const PARKS: KnownPark[] = [{ park: EAST, aliases: ["东湖"] }, { park: WEST, aliases: ["西山"] }];
const facts = [
  stat(EAST, "2022", "industrial_output", 120.5, "亿元"),
  stat(WEST, "2022", "industrial_output", 40.2, "亿元"),
  stat(EAST, "2022", "tax", 6.1, "亿元"),
];
const check = (text: string, options: { park?: string; parks?: KnownPark[] } = {}) =>
  verifyText({ facts: new MemoryFacts(facts), ...(options.parks ? { parks: async () => options.parks! } : {}) }, { text, park: options.park, year: 2022 });

describe("findParkMentions and parkOfClaim", () => {
  it("finds full and short names, the longer one winning, and ignores bare park types", () => {
    const mentions = findParkMentions("东湖经济开发区与西山相比，开发区整体", [...PARKS, { park: "开发区", aliases: ["开发区"] }]);
    expect(mentions.map((mention) => mention.park)).toEqual([EAST, WEST]);
    expect(mentions[0]).toMatchObject({ start: 0, end: 7 });
  });

  it("takes the nearest name before the claim in its sentence, else the last one before the sentence, else the defaults", () => {
    const text = "东湖经济开发区情况良好。西山工业园区和东湖的产值为1亿元。另计2亿元。";
    const mentions = findParkMentions(text, PARKS);
    const at = (figure: string) => {
      const start = text.indexOf(figure);
      const sentenceStart = text.lastIndexOf("。", start) + 1;
      return { start, sentence: { start: sentenceStart, end: text.indexOf("。", start) + 1 } };
    };
    expect(parkOfClaim(at("1亿元"), mentions, { parksOnRecord: [EAST, WEST] })).toEqual({ park: EAST, source: "text" });
    expect(parkOfClaim(at("2亿元"), mentions, { parksOnRecord: [EAST, WEST] })).toEqual({ park: EAST, source: "text" });
    expect(parkOfClaim({ start: 3, sentence: { start: 0, end: 9 } }, [], { park: WEST, parksOnRecord: [EAST, WEST] })).toEqual({ park: WEST, source: "request" });
    expect(parkOfClaim({ start: 3, sentence: { start: 0, end: 9 } }, [], { parksOnRecord: [WEST] })).toEqual({ park: WEST, source: "only" });
    expect(parkOfClaim({ start: 3, sentence: { start: 0, end: 9 } }, [], { parksOnRecord: [EAST, WEST] })).toBeNull();
  });
});

describe("verifyText with the parks on record", () => {
  it("never verifies with another park's figure when no park is named or given", async () => {
    const { claims } = await check("2022年园区工业总产值120.5亿元。", { parks: PARKS });
    expect(claims[0].status).toBe("unsupported");
    expect(claims[0].factIds).toHaveLength(2);
    expect(claims[0].reason).toMatch(/东湖经济开发区.*西山工业园区/);
  });

  it("uses the only park on record, the request's park, or the park the text names", async () => {
    expect((await check("2022年园区工业总产值40.2亿元。", { parks: [PARKS[1]] })).claims[0].status).toBe("verified");
    expect((await check("2022年园区工业总产值40.2亿元。", { parks: PARKS, park: WEST })).claims[0].status).toBe("verified");
    const named = await check("2022年东湖工业总产值40.2亿元。", { parks: PARKS, park: WEST });
    expect(named.claims[0]).toMatchObject({ status: "mismatch", expected: { value: 120.5 } });
    expect(named.claims[0].reason).toContain(EAST);
  });

  it("without a park list, the parks of the facts read stand in for it", async () => {
    expect((await check("2022年园区工业总产值120.5亿元。")).claims[0].status).toBe("unsupported");
    expect((await check("2022年东湖经济开发区工业总产值120.5亿元。")).claims[0].status).toBe("verified");
    expect((await check("2022年西山工业园区工业总产值120.5亿元。")).claims[0].status).toBe("mismatch");
  });

  it("fetches only the parks its claims need", async () => {
    const lookup = new MemoryFacts(facts);
    await verifyText({ facts: lookup, parks: async () => PARKS }, { text: "2022年西山工业园区工业总产值40.2亿元。" });
    expect(lookup.calls).toEqual([{ park: WEST, years: [2021, 2022] }]);
  });
});
