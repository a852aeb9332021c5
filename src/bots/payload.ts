/**
 * Reading the platforms' payloads: XML envelopes (WeCom, with and without CDATA) and JSON whose 64-bit ids
 * would lose digits as JS numbers (WeCom's MsgId 4561255354251345929 > 2^53): such integers are read as strings.
 */
import { XMLParser } from "fast-xml-parser";
import { AppError } from "../errors.ts";

const xml = new XMLParser({ parseTagValue: false, parseAttributeValue: false, ignoreAttributes: true, trimValues: false });

/** The children of the root element as strings (`<xml><A><![CDATA[x]]></A><B>1</B></xml>` → { A: "x", B: "1" }). */
export function readXmlFields(text: string): Record<string, string> {
  let parsed: Record<string, unknown>;
  try {
    parsed = xml.parse(text, true) as Record<string, unknown>;
  } catch {
    throw new AppError("bad_request", "消息体不是有效的 XML");
  }
  const root = parsed.xml;
  if (!root || typeof root !== "object") throw new AppError("bad_request", "消息体缺少 <xml> 根元素");
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(root)) {
    if (typeof value === "string") fields[name] = value.trim();
    else if (typeof value === "number" || typeof value === "boolean") fields[name] = String(value);
  }
  return fields;
}

/** A CDATA section holding `text` as is (a "]]>" inside is split across two sections). */
export function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}

const TOKENS = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/** JSON.parse, with integers beyond Number.MAX_SAFE_INTEGER kept as their digits (strings). */
export function parseJsonKeepingIds(text: string): unknown {
  const guarded = text.replace(TOKENS, (token) => {
    if (token.startsWith('"') || !/^-?\d+$/.test(token)) return token;
    return Number.isSafeInteger(Number(token)) ? token : `"${token}"`;
  });
  try {
    return JSON.parse(guarded);
  } catch {
    throw new AppError("bad_request", "消息体不是有效的 JSON");
  }
}
