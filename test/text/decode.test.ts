import { describe, expect, it } from "vitest";
import { decodeBytes, isProbablyBinary } from "../../src/text/decode.ts";
import { encodeGbk } from "../../src/text/gbk.ts";

/** Big5 bytes for test input, from a reverse table of the runtime's Big5 decoder. */
function encodeBig5(text: string): Uint8Array {
  const decoder = new TextDecoder("big5");
  const table = new Map<string, number[]>();
  for (let lead = 0xa1; lead <= 0xf9; lead++) {
    for (const trail of [...Array(0x3f).keys()].map((i) => i + 0x40).concat([...Array(0x5e).keys()].map((i) => i + 0xa1))) {
      const char = decoder.decode(Uint8Array.of(lead, trail));
      if (char.length === 1 && char !== "\ufffd" && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  const out: number[] = [];
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else out.push(...(table.get(char) ?? [0x3f]));
  }
  return Uint8Array.from(out);
}

const SIMPLIFIED = "2023年，桐川园区规上工业总产值完成317亿元，同比增长8.4%；上缴税金4.75亿元。";
const TRADITIONAL = "2023年，桐川園區規上工業總產值完成317億元，同比增長8.4%；上繳稅金4.75億元。";

describe("decodeBytes", () => {
  it("reads UTF-8", () => {
    expect(decodeBytes(new TextEncoder().encode(SIMPLIFIED))).toEqual({ text: SIMPLIFIED, encoding: "utf-8" });
  });

  it("strips a UTF-8 BOM", () => {
    const bytes = Uint8Array.of(0xef, 0xbb, 0xbf, ...new TextEncoder().encode("园区"));
    expect(decodeBytes(bytes)).toEqual({ text: "园区", encoding: "utf-8" });
  });

  it("reads UTF-16LE and UTF-16BE with a BOM", () => {
    const le = [0xff, 0xfe];
    const be = [0xfe, 0xff];
    for (const char of "园区2020") {
      const code = char.charCodeAt(0);
      le.push(code & 0xff, code >> 8);
      be.push(code >> 8, code & 0xff);
    }
    expect(decodeBytes(Uint8Array.from(le))).toEqual({ text: "园区2020", encoding: "utf-16le" });
    expect(decodeBytes(Uint8Array.from(be))).toEqual({ text: "园区2020", encoding: "utf-16be" });
  });

  it("reads GBK (GB18030) bytes", () => {
    const bytes = encodeGbk(SIMPLIFIED)!;
    expect(bytes.length).toBeLessThan(new TextEncoder().encode(SIMPLIFIED).length);
    expect(decodeBytes(bytes)).toEqual({ text: SIMPLIFIED, encoding: "gb18030" });
  });

  it("reads Big5 bytes", () => {
    const bytes = encodeBig5(TRADITIONAL);
    expect(new TextDecoder("big5").decode(bytes)).toBe(TRADITIONAL);
    expect(decodeBytes(bytes)).toEqual({ text: TRADITIONAL, encoding: "big5" });
  });

  it("throws 'binary' for binary bytes", () => {
    const bytes = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d);
    expect(() => decodeBytes(bytes)).toThrow("binary");
  });
});

describe("isProbablyBinary", () => {
  const cases: Array<[string, Uint8Array, boolean]> = [
    ["PNG header", Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d), true],
    ["many control bytes", Uint8Array.from([...Array(100).keys()].map((i) => (i % 3 === 0 ? 0x01 : 0x41))), true],
    ["UTF-8 Chinese", new TextEncoder().encode(SIMPLIFIED), false],
    ["text with tabs and CRLF", new TextEncoder().encode("园区\t产值\r\n317亿元\r\n"), false],
    ["empty", new Uint8Array(0), false],
  ];
  it.each(cases)("%s", (_name, bytes, expected) => {
    expect(isProbablyBinary(bytes)).toBe(expected);
  });
});

describe("UTF-16 without a BOM", () => {
  it("reads ASCII-heavy UTF-16LE", () => {
    const text = "Park report 2020: output 202";
    const bytes = Uint8Array.from([...text].flatMap((char) => [char.charCodeAt(0), 0]));
    expect(decodeBytes(bytes)).toEqual({ text, encoding: "utf-16le" });
  });

  it("does not take short binary for UTF-16", () => {
    expect(isProbablyBinary(Uint8Array.of(0x00, 0x01, 0x02, 0x03, 0x00, 0xff))).toBe(true);
  });
});
