/**
 * Characters no text of ours may hold: NUL and the other C0 controls (tab, newline, carriage return and form feed
 * excepted), DEL, and lone UTF-16 surrogates. Postgres refuses NUL in text and lone surrogates are not Unicode,
 * so API fields holding them are refused and document text has them removed.
 */
const FORBIDDEN = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const FORBIDDEN_ONE = new RegExp(FORBIDDEN.source);

export function hasForbiddenChars(text: string): boolean {
  return FORBIDDEN_ONE.test(text);
}

/** The text with forbidden characters removed, and how many there were. */
export function stripForbiddenChars(text: string): { text: string; removed: number } {
  let removed = 0;
  const cleaned = text.replace(FORBIDDEN, () => {
    removed++;
    return "";
  });
  return { text: cleaned, removed };
}

/** The first string anywhere in a parsed JSON value that holds a forbidden character, as its path; else null. */
export function forbiddenPath(value: unknown, path = ""): string | null {
  if (typeof value === "string") return hasForbiddenChars(value) ? path || "(请求体)" : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = forbiddenPath(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (hasForbiddenChars(key)) return `${path}.${key.replace(FORBIDDEN, "?")}`;
      const found = forbiddenPath(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}
