/**
 * Uploaded file → raw text. .txt/.md are decoded here; .docx (mammoth) and
 * .pdf (pdfjs-dist) load their parsers on first use so edge bundles stay small.
 */
import { unzipSync } from "fflate";
import { decodeBytes, isProbablyBinary } from "../text/decode.ts";

/**
 * The most text one document may hold, however it arrives (JSON text or an unpacked file): a 20 MB upload of
 * plain text, about three times the longest yearbook a park office publishes.
 */
export const MAX_DOCUMENT_CHARS = 8_000_000;
/**
 * The most a .docx's XML parts may unpack to, by the sizes its zip directory declares. Markup runs to about ten
 * times the text, so this admits any document under {@link MAX_DOCUMENT_CHARS} and refuses a zip bomb before inflating.
 */
export const MAX_DOCX_XML_BYTES = 160 * 1024 * 1024;

/** The upload is not a format we read (the HTTP layer answers 415). */
export class UnsupportedMediaError extends Error {
  readonly code = "unsupported_media";

  constructor(message: string) {
    super(message);
    this.name = "UnsupportedMediaError";
  }
}

/** Formats {@link loadFile} reads. */
export type LoadedFormat = "txt" | "md" | "docx" | "pdf";

/** Result of {@link loadFile}. */
export interface LoadedFile {
  text: string;
  format: LoadedFormat;
  /** Detected text encoding (txt/md only). */
  encoding?: string;
}

/** The file unpacks to more than a document may hold (the HTTP layer answers 413). */
export class UnpackedTooLargeError extends Error {
  readonly code = "payload_too_large";

  constructor(message: string) {
    super(message);
    this.name = "UnpackedTooLargeError";
  }
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot === -1 ? "" : name.slice(dot + 1).toLowerCase();
}

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

async function loadDocx(bytes: Uint8Array): Promise<string> {
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) throw new UnsupportedMediaError("不是有效的 .docx 文件");
  refuseZipBomb(bytes);
  const mammoth = await import("mammoth");
  const extract = (mammoth.default ?? mammoth).extractRawText;
  // The Node build reads `buffer`, the browser build `arrayBuffer`; both accept a Uint8Array's bytes.
  const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    const result = await extract({ buffer: bytes, arrayBuffer } as unknown as { arrayBuffer: ArrayBuffer });
    return capText(result.value);
  } catch (error) {
    if (error instanceof UnpackedTooLargeError) throw error;
    throw new UnsupportedMediaError(`无法读取 .docx 文件：${(error as Error).message}`);
  }
}

/** Sums what the zip directory says the XML parts inflate to, without inflating anything. */
function refuseZipBomb(bytes: Uint8Array): void {
  let xmlBytes = 0;
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        if (/\.(xml|rels)$/i.test(entry.name)) xmlBytes += entry.originalSize;
        return false;
      },
    });
  } catch (error) {
    throw new UnsupportedMediaError(`无法读取 .docx 文件：${(error as Error).message}`);
  }
  if (xmlBytes > MAX_DOCX_XML_BYTES) {
    throw new UnpackedTooLargeError(`.docx 解压后内容过大（约 ${Math.round(xmlBytes / 1024 / 1024)} MB，上限 ${MAX_DOCX_XML_BYTES / 1024 / 1024} MB）`);
  }
}

/** Text past the document limit is refused, never truncated (a zip whose directory lied, a PDF of inflated streams). */
function capText(text: string): string {
  if (text.length > MAX_DOCUMENT_CHARS) throw tooMuchText(text.length);
  return text;
}

function tooMuchText(chars: number): UnpackedTooLargeError {
  return new UnpackedTooLargeError(`文件解压后的文字超过 ${MAX_DOCUMENT_CHARS / 10_000} 万字（已读到 ${Math.floor(chars / 10_000)} 万字以上）`);
}

interface PdfTextItem {
  str?: string;
  hasEOL?: boolean;
}

async function loadPdf(bytes: Uint8Array): Promise<string> {
  if (!startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) throw new UnsupportedMediaError("不是有效的 .pdf 文件");
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  // pdfjs takes ownership of (and detaches) the buffer it is given: pass a copy.
  const task = pdfjs.getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    useWorkerFetch: false,
    useSystemFonts: false,
    verbosity: 0,
  });
  try {
    const document = await task.promise;
    const pages: string[] = [];
    let chars = 0;
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      let pageText = "";
      for (const item of content.items as PdfTextItem[]) {
        if (typeof item.str !== "string") continue;
        pageText += item.str;
        if (item.hasEOL) pageText += "\n";
      }
      pages.push(pageText.trim());
      chars += pageText.length;
      if (chars > MAX_DOCUMENT_CHARS) throw tooMuchText(chars);
    }
    return pages.join("\n");
  } catch (error) {
    if (error instanceof UnsupportedMediaError || error instanceof UnpackedTooLargeError) throw error;
    throw new UnsupportedMediaError(`无法读取 .pdf 文件：${(error as Error).message}`);
  } finally {
    await task.destroy();
  }
}

/**
 * Reads an uploaded file by its extension. Throws {@link UnsupportedMediaError}
 * for other extensions, binary .txt/.md, or files its parser rejects.
 *
 * @example
 * await loadFile("2020年总结.txt", bytes) // { text: "…", format: "txt", encoding: "gb18030" }
 */
export async function loadFile(name: string, bytes: Uint8Array): Promise<LoadedFile> {
  const extension = extensionOf(name);
  switch (extension) {
    case "txt":
    case "md":
    case "markdown": {
      if (isProbablyBinary(bytes)) throw new UnsupportedMediaError("文件内容不是文本（疑似二进制文件）");
      const { text, encoding } = decodeBytes(bytes);
      return { text: capText(text), format: extension === "txt" ? "txt" : "md", encoding };
    }
    case "docx":
      return { text: await loadDocx(bytes), format: "docx" };
    case "pdf":
      return { text: await loadPdf(bytes), format: "pdf" };
    default:
      throw new UnsupportedMediaError(
        extension === "doc"
          ? "暂不支持旧版 .doc 文件，请另存为 .docx 后上传"
          : `不支持的文件类型：${extension ? `.${extension}` : "（无扩展名）"}；支持 .txt、.md、.docx、.pdf`,
      );
  }
}
