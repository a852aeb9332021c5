/**
 * `/admin`: the documents and statistics of the park office. Upload files (drag and drop or pick several:
 * .txt .md .docx .pdf) with progress and outcome per file; the documents on record with their facts (a fact's
 * quote as the text says it) and delete; a statistics CSV import with its conflicts and row errors; and a
 * browser of the facts database. Everything a document holds is shown as text, never parsed as HTML.
 */
import type { ApiDocument, ApiFact } from "./api.ts";
import { FACT_STATUS_TEXT, append, clear, h, periodLabel } from "./dom.ts";
import { errorBox, heading, messageOf, valueText, yearText } from "./messages.ts";
import { factsBrowser } from "./admin-facts.ts";
import { statsImportCard } from "./admin-stats.ts";
import { pageFrame } from "./page.ts";

const { main, client } = pageFrame("/admin", "资料管理");

const KIND_TEXT: Record<string, string> = { summary: "工作总结", plan: "工作计划", report: "报告", other: "其他" };
const ACCEPTED = [".txt", ".md", ".docx", ".pdf"];

// ── Upload ──────────────────────────────────────────────────────────────────────────────────────────
const fileInput = h("input", { type: "file", multiple: true, accept: ACCEPTED.join(","), "aria-label": "选择文件" });
const dropzone = h("div", { class: "dropzone" },
  h("p", { style: "margin:0 0 8px" }, "把工作总结、工作计划等文件拖到这里（可一次拖入多个），或"),
  fileInput,
  h("p", { class: "muted", style: "margin:8px 0 0;font-size:13px" }, `支持 ${ACCEPTED.join(" ")}，单个文件不超过 20 MB；园区、年份和类型从标题和正文中识别。`));
const uploadBody = h("tbody", {});
const uploadTable = h("table", { hidden: true, style: "margin-top:12px", "aria-label": "上传进度" },
  h("thead", {}, h("tr", {}, h("th", {}, "文件"), h("th", {}, "进度"), h("th", {}, "结果"))), uploadBody);
const uploadCard = h("section", { class: "card", "aria-label": "上传资料" }, heading("上传资料"), dropzone, uploadTable);

let dragDepth = 0;
dropzone.addEventListener("dragenter", (event) => {
  event.preventDefault();
  dragDepth++;
  dropzone.classList.add("over");
});
dropzone.addEventListener("dragover", (event) => {
  event.preventDefault();
  if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
});
dropzone.addEventListener("dragleave", () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) dropzone.classList.remove("over");
});
dropzone.addEventListener("drop", (event) => {
  event.preventDefault();
  dragDepth = 0;
  dropzone.classList.remove("over");
  enqueue([...(event.dataTransfer?.files ?? [])]);
});
// A file dropped beside the zone must not make the browser leave the page to open it.
window.addEventListener("dragover", (event) => event.preventDefault());
window.addEventListener("drop", (event) => event.preventDefault());
fileInput.addEventListener("change", () => {
  enqueue([...(fileInput.files ?? [])]);
  fileInput.value = "";
});

interface UploadRow {
  file: File;
  progress: HTMLProgressElement;
  outcome: HTMLElement;
}
const queue: UploadRow[] = [];
let uploading = false;

function enqueue(files: File[]): void {
  if (!files.length) return;
  uploadTable.hidden = false;
  for (const file of files) {
    const progress = h("progress", { max: 1, value: 0, "aria-label": `${file.name} 上传进度` });
    const outcome = h("td", { "aria-live": "polite" }, h("span", { class: "muted" }, "等待上传…"));
    uploadBody.append(h("tr", {}, h("td", { style: "word-break:break-all" }, file.name), h("td", {}, progress), outcome));
    const extension = file.name.slice(file.name.lastIndexOf(".")).toLowerCase();
    if (!ACCEPTED.includes(extension)) {
      progress.value = 0;
      showOutcome(outcome, errorBox(`不支持的文件类型（只接受 ${ACCEPTED.join(" ")}）`));
      continue;
    }
    queue.push({ file, progress, outcome });
  }
  void drain();
}

function showOutcome(cell: HTMLElement, ...nodes: Array<Node | string | null>): void {
  clear(cell);
  append(cell, ...nodes);
}

/** One file at a time: the server parses, embeds and extracts each upload before it answers. */
async function drain(): Promise<void> {
  if (uploading) return;
  uploading = true;
  let imported = false;
  try {
    for (let row = queue.shift(); row; row = queue.shift()) {
      const { file, progress, outcome } = row;
      showOutcome(outcome, h("span", { class: "muted" }, "正在上传…"));
      try {
        const answer = await client.upload(file, (share) => {
          if (share >= 1) {
            progress.removeAttribute("value");
            showOutcome(outcome, h("span", { class: "muted" }, "服务器处理中…"));
          } else progress.value = share;
        });
        progress.max = 1;
        progress.value = 1;
        const warnings = answer.warnings ?? [];
        const conflicts = (answer.conflicts ?? []) as Array<{ label?: string; period?: string; document_value?: { value: number; unit: string }; stats_value?: { value: number; unit: string } }>;
        const summary = answer.duplicate
          ? h("strong", {}, `已存在（重复）：${answer.park}，${yearText(answer.year)}`)
          : h("strong", { style: "color:var(--pa-green)" }, `已导入：${answer.park}，${yearText(answer.year)}，事实 ${answer.facts} 条，文本块 ${answer.chunks} 个`);
        showOutcome(outcome, summary,
          warnings.length ? h("ul", { style: "margin:4px 0 0;padding-left:20px;color:var(--pa-amber)" }, ...warnings.map((warning) => h("li", {}, `提示：${warning}`))) : null,
          conflicts.length
            ? h("ul", { style: "margin:4px 0 0;padding-left:20px;color:var(--pa-red)" }, ...conflicts.map((conflict) =>
              h("li", {}, `与统计数据不一致：${conflict.label ?? ""} ${conflict.period ? periodLabel(conflict.period) : ""} 文中 ${conflict.document_value ? valueText(conflict.document_value.value, conflict.document_value.unit) : "?"}，统计 ${conflict.stats_value ? valueText(conflict.stats_value.value, conflict.stats_value.unit) : "?"}`)))
            : null);
        if (!answer.duplicate) imported = true;
      } catch (error) {
        progress.max = 1;
        progress.value = 0;
        showOutcome(outcome, errorBox(messageOf(error, "上传失败")));
      }
    }
  } finally {
    uploading = false;
    if (imported) {
      void loadDocuments();
      void loadParks();
    }
  }
}

// ── Documents ───────────────────────────────────────────────────────────────────────────────────────
const documentsBody = h("tbody", {});
const documentsStatus = h("p", { class: "muted", role: "status", style: "margin:0 0 8px" }, "正在读取…");
const documentsError = h("div", {});
const refreshButton = h("button", { type: "button", style: "margin-left:auto" }, "刷新");
const detail = h("section", { class: "card", hidden: true, "aria-label": "资料详情", tabindex: "-1", style: "border-color:var(--pa-blue)" });
const documentsCard = h("section", { class: "card", "aria-label": "已导入资料" },
  h("div", { style: "display:flex;align-items:center;gap:8px" }, heading("已导入资料"), refreshButton),
  documentsStatus, documentsError,
  h("div", { style: "overflow-x:auto" }, h("table", {},
    h("thead", {}, h("tr", {}, ...["标题", "园区", "年份", "类型", "文本块", "事实", "操作"].map((name) => h("th", {}, name)))),
    documentsBody)));
refreshButton.addEventListener("click", () => void loadDocuments());

let documents: ApiDocument[] = [];

async function loadDocuments(): Promise<void> {
  clear(documentsError);
  try {
    documents = (await client.documents()).documents;
  } catch (error) {
    documentsStatus.textContent = "";
    documentsError.append(errorBox(messageOf(error, "无法读取资料列表")));
    return;
  }
  documentsStatus.textContent = documents.length ? `共 ${documents.length} 份资料。` : "尚未导入任何资料。";
  clear(documentsBody);
  for (const doc of documents) {
    const view = h("button", { type: "button", "aria-label": `查看“${doc.title}”的事实` }, "查看事实");
    const remove = h("button", { type: "button", "aria-label": `删除“${doc.title}”`, style: "color:var(--pa-red)" }, "删除");
    view.addEventListener("click", () => void openDocument(doc.id));
    remove.addEventListener("click", () => void removeDocument(doc, remove));
    documentsBody.append(h("tr", { "data-id": doc.id },
      h("td", { style: "word-break:break-all" }, doc.title),
      h("td", {}, doc.park), h("td", {}, yearText(doc.year)), h("td", {}, KIND_TEXT[doc.kind] ?? doc.kind),
      h("td", {}, doc.chunks), h("td", {}, doc.facts),
      h("td", { style: "white-space:nowrap" }, view, " ", remove)));
  }
}

async function removeDocument(doc: ApiDocument, button: HTMLButtonElement): Promise<void> {
  if (!confirm(`确定删除“${doc.title}”吗？它的文本块和事实将一并删除，且无法恢复。`)) return;
  button.disabled = true;
  clear(documentsError);
  try {
    await client.deleteDocument(doc.id);
    if (detail.dataset.id === doc.id) closeDetail();
    await loadDocuments();
    void loadParks();
  } catch (error) {
    button.disabled = false;
    documentsError.append(errorBox(`删除失败：${messageOf(error, "请重试")}`));
  }
}

function closeDetail(): void {
  detail.hidden = true;
  delete detail.dataset.id;
  clear(detail);
  const url = new URL(location.href);
  if (url.searchParams.has("doc")) {
    url.searchParams.delete("doc");
    history.replaceState(null, "", url);
  }
}

/** The card of one document: its facts (each with its quote) and, folded, its text. */
async function openDocument(id: string): Promise<void> {
  detail.hidden = false;
  detail.dataset.id = id;
  clear(detail);
  detail.append(h("p", { class: "muted" }, "正在读取…"));
  detail.scrollIntoView({ behavior: "smooth", block: "start" });
  const url = new URL(location.href);
  url.searchParams.set("doc", id);
  history.replaceState(null, "", url);
  let doc: ApiDocument & { text: string; facts: ApiFact[] };
  try {
    doc = await client.document(id);
  } catch (error) {
    if (detail.dataset.id !== id) return;
    clear(detail);
    detail.append(detailHead("资料详情"), errorBox(messageOf(error, "无法读取该资料")));
    return;
  }
  if (detail.dataset.id !== id) return;
  clear(detail);
  append(detail,
    detailHead(doc.title),
    h("p", { class: "muted", style: "margin:0 0 8px" }, `${doc.park} · ${yearText(doc.year)} · ${KIND_TEXT[doc.kind] ?? doc.kind} · 文本块 ${doc.chunks} 个 · 事实 ${doc.facts.length} 条`),
    doc.facts.length === 0 ? h("p", { class: "muted" }, "该资料中没有提取到数字事实。") : null,
    doc.facts.length ? h("ol", { style: "padding-left:22px;margin:0" }, ...doc.facts.map(factItem)) : null,
    doc.text ? h("details", { style: "margin-top:10px" }, h("summary", {}, "查看原文"),
      h("div", { class: "quote", style: "max-height:50vh;overflow-y:auto" }, doc.text)) : null);
  detail.focus({ preventScroll: true });
  detail.scrollIntoView({ behavior: "smooth", block: "start" });
}

function detailHead(title: string): HTMLElement {
  const close = h("button", { type: "button", class: "popup-close", "aria-label": "关闭详情" }, "×");
  close.addEventListener("click", closeDetail);
  return h("div", { style: "display:flex;align-items:flex-start;gap:8px" }, h("h2", { style: "font-size:17px;margin:0 0 6px;flex:1;word-break:break-all" }, title), close);
}

function factItem(fact: ApiFact): HTMLElement {
  const yoy = fact.yoy_pct !== null && fact.yoy_pct !== undefined ? `（同比${fact.yoy_pct >= 0 ? "增长" : "下降"}${Math.abs(fact.yoy_pct)}%）` : "";
  return h("li", { style: "margin-bottom:10px" },
    h("div", {},
      h("strong", {}, fact.label), "：", h("strong", {}, `${valueText(fact.value, fact.unit)}${yoy}`),
      h("span", { class: "muted" }, ` · ${periodLabel(fact.period)} · 口径：${fact.scope || "园区"} · ${FACT_STATUS_TEXT[fact.status] ?? fact.status}`)),
    fact.source.quote ? h("blockquote", { class: "quote" }, fact.source.quote) : null);
}

const { card: factsCard, loadParks } = factsBrowser({ client, openDocument });
const statsCard = statsImportCard({ client, openDocument, onImported: () => void loadParks() });

// ── Page ────────────────────────────────────────────────────────────────────────────────────────────
main.append(uploadCard, documentsCard, detail, statsCard, factsCard);
void loadParks();
// A link from a chip (/admin?doc=ID) opens that document's card once the list above it is drawn.
const wanted = new URL(location.href).searchParams.get("doc");
void loadDocuments().then(() => {
  if (wanted) void openDocument(wanted);
});
