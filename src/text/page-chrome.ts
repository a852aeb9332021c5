/**
 * Scraped-page cleanup: download banners, "温馨提示 / 最新文档 / 评论" footers and
 * the page-number fragments (`\n2、`) document-sharing sites glue into the text.
 * Markers are matched on a simplified copy of each line, so traditional and
 * simplified pages are handled alike.
 */
import { type Edit, type MappedText, applyEdits } from "./mapped-text.ts";

/** Lines near the top that belong to the page, not the document. */
const BANNER_LINE =
  /^(?:下载本文档|下载文档|立即下载|免费下载|文档简介|文档介绍|内容简介|资料简介|版权说明|版权声明|本文档由用户提供|收藏|分享|举报|打印|阅读全文|展开全文|VIP|下载积分|页数|文档页数|文档大小|上传者|上传时间|文档格式|本文档共\d+页|格式[:：]|页数[:：])/;

/** Sentences that mark a line as site chrome wherever it appears. */
const CHROME_ANYWHERE = /本文档由用户提供并上传|收益归属内容提供方|若内容存在侵权|请进行举报或认领|本站所有资源如无特殊说明/;

/** A whole line like this starts the page footer: it and everything after go. */
const FOOTER_START =
  /^(?:温馨提示|最新文档|相关文档|相关资源|相关推荐|猜你喜欢|热门文档|精品文档|推荐文档|文档评论|网友评论|评论|提交评论|下载须知|版权提示|推荐阅读|本文关键词)[:：]?$/;

/**
 * Every CHROME_ANYWHERE phrase holds one of these, written alike in simplified and traditional characters (举 and
 * 舉 both listed): a line without any cannot match, converted or not.
 */
const CHROME_HINT = /提供|收益|侵|举|舉|本站/;
/** FOOTER_START lines are a word and a colon: longer lines are no footer start. */
const FOOTER_MAX_CHARS = 12;

const BANNER_SCAN_LINES = 12;
const BANNER_MAX_CHARS = 160;

interface Line {
  start: number; // offset of first char
  end: number; // offset of the "\n" (or text end)
  text: string;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    lines.push({ start, end, text: text.slice(start, end) });
    if (newline === -1) break;
    start = newline + 1;
  }
  return lines;
}

/** What {@link stripChrome} removed, for warnings. */
export interface ChromeReport {
  bannerLines: number;
  footerChars: number;
  /** True when the last kept line stops mid-sentence (a truncated web preview). */
  truncated: boolean;
}

/**
 * Removes banner lines at the top, chrome lines anywhere, and the footer.
 * `toSimplified` converts a line for marker matching only.
 */
export function stripChrome(
  input: MappedText,
  toSimplified: (text: string) => string,
): { result: MappedText; report: ChromeReport } {
  const lines = splitLines(input.text);
  const edits: Edit[] = [];
  let bannerLines = 0;
  let footerChars = 0;
  let inBanner = true;
  let seenContent = false;
  let lastContent: Line | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    // Only a line that could be a marker is converted (opencc is the costly part of reading a long document).
    const plain = line.text.trim();
    const mayBeMarker = (inBanner && index < BANNER_SCAN_LINES) || plain.length <= FOOTER_MAX_CHARS || CHROME_HINT.test(plain);
    const trimmed = mayBeMarker ? toSimplified(plain) : plain;
    const removeLine = (): void => {
      edits.push({ start: line.start, end: Math.min(line.end + 1, input.text.length), text: "" });
    };
    if (trimmed === "") continue;
    if (seenContent && FOOTER_START.test(trimmed)) {
      const from = line.start > 0 ? line.start - 1 : 0; // take the preceding newline too
      footerChars = input.text.length - from;
      edits.push({ start: from, end: input.text.length, text: "" });
      break;
    }
    const banner =
      inBanner && index < BANNER_SCAN_LINES && trimmed.length <= BANNER_MAX_CHARS && BANNER_LINE.test(trimmed);
    if (banner || CHROME_ANYWHERE.test(trimmed)) {
      bannerLines++;
      removeLine();
      continue;
    }
    inBanner = false;
    seenContent = true;
    lastContent = line;
  }
  const tail = lastContent?.text.trim() ?? "";
  const truncated = footerChars > 0 && tail !== "" && !/[。！？；.!?;”」』）)]$/.test(tail);
  return { result: applyEdits(input, edits), report: { bannerLines, footerChars, truncated } };
}

const SENTENCE_END = /[。！？；：.!?;:”」』）)]$/;

/**
 * Removes page-number fragments: lines starting `N、` that split a sentence,
 * e.g. `…东一环道路、电\n2、子产业园…` → `…电子产业园…`. A line-start `N、`
 * counts as a page number when it breaks a sentence, or when it belongs to a
 * 1, 2, 3 … run of line-start numbers most of which break sentences (that run
 * includes a leading `1、` on the first line). Real lists (`1、…。\n2、…。`) stay.
 */
export function joinPageFragments(input: MappedText): { result: MappedText; removed: number } {
  const lines = splitLines(input.text);
  interface Candidate {
    line: Line;
    number: number;
    markerLength: number;
    midSentence: boolean;
    first: boolean;
  }
  const candidates: Candidate[] = [];
  let previous: Line | undefined;
  for (const line of lines) {
    const match = /^(\d{1,3})、/.exec(line.text);
    if (match && !/^\d{1,3}、\s*$/.test(line.text)) {
      const before = previous?.text.trimEnd() ?? "";
      candidates.push({
        line,
        number: Number(match[1]),
        markerLength: match[0].length,
        midSentence: previous !== undefined && before !== "" && !SENTENCE_END.test(before),
        first: previous === undefined,
      });
    }
    if (line.text.trim() !== "") previous = line;
  }
  // Find runs of consecutive numbers (1, 2, 3 …) in document order.
  const pageMarkers = new Set<Candidate>();
  let run: Candidate[] = [];
  const flush = (): void => {
    const broken = run.filter((candidate) => candidate.midSentence).length;
    if (run.length >= 2 && broken * 2 >= run.length) run.forEach((candidate) => pageMarkers.add(candidate));
    else run.filter((candidate) => candidate.midSentence).forEach((candidate) => pageMarkers.add(candidate));
    run = [];
  };
  for (const candidate of candidates) {
    const last = run[run.length - 1];
    if (last && candidate.number !== last.number + 1) flush();
    run.push(candidate);
  }
  flush();
  const edits: Edit[] = [];
  for (const candidate of pageMarkers) {
    const { line } = candidate;
    // Join with the previous line unless this is the first line.
    const start = candidate.first || line.start === 0 ? line.start : line.start - 1;
    edits.push({ start, end: line.start + candidate.markerLength, text: "" });
  }
  return { result: applyEdits(input, edits), removed: edits.length };
}
