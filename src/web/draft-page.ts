/**
 * `/draft`: the drafting workspace. Pick a park, a year, 工作总结 or 工作计划 and its sections; the draft comes
 * back as text the person edits in place (a textarea: what is typed is exactly what is checked and exported),
 * beside a read-only view with every figure as a chip coloured by its verification status and every
 * 【待补充…】/【待核实…】 marker highlighted. 重新核对 checks the edited text against the database again;
 * 下载 Word exports the edited text.
 */
import type { ApiClaim, ApiFact } from "./api.ts";
import { append, clear, h, saveBlob } from "./dom.ts";
import { carryClaims, findMarkers, renderMarked, summarize, summaryLine, verifyDraftText } from "./markers.ts";
import { messageOf } from "./messages.ts";
import { pageFrame, parksOnRecord } from "./page.ts";

type Kind = "summary" | "plan";
const KIND_TEXT: Record<Kind, string> = { summary: "工作总结", plan: "工作计划" };

const { main, client } = pageFrame("/draft", "起草工作总结与计划");

// ── The form ────────────────────────────────────────────────────────────────────────────────────────
const parkSelect = h("select", { "aria-label": "园区", required: true }, h("option", { value: "" }, "正在读取园区…"));
const yearInput = h("input", { type: "number", "aria-label": "年份", min: 1990, max: 2100, step: 1, value: new Date().getFullYear() - 1, style: "width:7em" });
const kindSelect = h("select", { "aria-label": "类型" },
  h("option", { value: "summary" }, KIND_TEXT.summary), h("option", { value: "plan" }, KIND_TEXT.plan));
const sectionBox = h("div", { role: "group", "aria-label": "包含的部分", style: "display:flex;flex-wrap:wrap;gap:4px 16px" },
  h("span", { class: "muted" }, "正在读取可选部分…"));
const draftButton = h("button", { type: "submit", class: "primary" }, "生成初稿");
const formStatus = h("span", { class: "muted", role: "status", "aria-live": "polite", style: "margin-left:12px" });
const formError = h("div", { class: "error", role: "alert", hidden: true });
const form = h("form", { class: "card", "aria-label": "起草条件" },
  h("label", { class: "field" }, h("span", {}, "园区"), parkSelect),
  h("label", { class: "field" }, h("span", {}, "年份"), yearInput),
  h("label", { class: "field" }, h("span", {}, "类型"), kindSelect),
  h("div", { style: "margin:4px 0 12px" }, h("div", { class: "muted", style: "font-size:14px;margin-bottom:4px" }, "包含的部分"), sectionBox),
  h("div", {}, draftButton, formStatus),
  formError);

// ── The result ──────────────────────────────────────────────────────────────────────────────────────
const resultTitle = h("h2", { style: "font-size:18px;margin:0 0 8px" });
const notesBox = h("div", { class: "card", hidden: true });
const recheckButton = h("button", { type: "button", class: "primary" }, "重新核对");
const exportButton = h("button", { type: "button", class: "primary" }, "下载 Word");
const summaryText = h("span", { role: "status", "aria-live": "polite" });
const staleText = h("span", { class: "muted", hidden: true }, "（正文已修改，点击“重新核对”更新数字标注）");
const resultError = h("div", { class: "error", role: "alert", hidden: true, style: "margin:8px 0" });
const editor = h("textarea", {
  class: "draft-editor", "aria-label": "初稿正文", spellcheck: "false",
  style: "display:block;width:100%;height:70vh;resize:vertical;line-height:1.8",
});
const view = h("div", { class: "draft-editor", "aria-label": "数字核对视图", style: "height:70vh;overflow-y:auto;line-height:1.8" });
const viewHost = h("div", { style: "position:relative" }, view);
const markerList = h("ol", { style: "margin:0;padding-left:22px" });
const markerCount = h("span", { class: "muted", style: "font-size:14px;font-weight:normal" });
const result = h("section", { "aria-label": "初稿", hidden: true },
  resultTitle,
  notesBox,
  h("div", { style: "display:flex;flex-wrap:wrap;align-items:center;gap:10px;margin-bottom:10px" }, recheckButton, exportButton, summaryText, staleText),
  resultError,
  h("div", { style: "display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:14px" },
    h("div", {}, h("div", { class: "muted", style: "font-size:14px;margin-bottom:4px" }, "初稿正文（可直接修改）"), editor),
    h("div", {}, h("div", { class: "muted", style: "font-size:14px;margin-bottom:4px" }, "数字核对视图（点数字查看出处）"), viewHost)),
  h("div", { class: "card", style: "margin-top:14px" },
    h("h2", { style: "font-size:16px;margin:0 0 6px" }, "待处理标记 ", markerCount),
    markerList));

main.append(form, result);

// ── State ───────────────────────────────────────────────────────────────────────────────────────────
interface Current {
  park: string;
  year: number;
  kind: Kind;
  title: string;
  /** The text the claims' offsets point into (the editor's text as last drawn). */
  text: string;
  claims: ApiClaim[];
  /** The text as last verified (by the draft or 重新核对). */
  checked: string;
  facts: ApiFact[];
}
let current: Current | null = null;
let sections: Record<Kind, string[]> | null = null;

const showError = (box: HTMLElement, message: string | null) => {
  box.textContent = message ?? "";
  box.hidden = !message;
};

function drawSections(): void {
  clear(sectionBox);
  if (!sections) {
    sectionBox.append(h("span", { class: "muted" }, "可选部分读取失败，将生成全部部分。"));
    return;
  }
  for (const id of sections[kindSelect.value as Kind] ?? []) {
    sectionBox.append(h("label", { style: "white-space:nowrap" }, h("input", { type: "checkbox", value: id, checked: true, name: "section" }), ` ${id}`));
  }
}

kindSelect.addEventListener("change", drawSections);

client.draftSections()
  .then((names) => {
    sections = names;
  })
  .catch(() => {
    sections = null;
  })
  .finally(drawSections);

parksOnRecord(client)
  .then((parks) => {
    clear(parkSelect);
    if (!parks.length) parkSelect.append(h("option", { value: "" }, "尚无资料：请先在“资料管理”上传"));
    for (const park of parks) parkSelect.append(h("option", { value: park }, park));
  })
  .catch((error) => {
    clear(parkSelect);
    parkSelect.append(h("option", { value: "" }, "园区列表读取失败"));
    showError(formError, messageOf(error, "无法读取园区列表"));
  });

// ── Drafting ────────────────────────────────────────────────────────────────────────────────────────
form.addEventListener("submit", (event) => {
  event.preventDefault();
  void generate();
});

async function generate(): Promise<void> {
  showError(formError, null);
  const park = parkSelect.value;
  const year = Number(yearInput.value);
  const kind = kindSelect.value as Kind;
  if (!park) return showError(formError, "请选择园区。");
  if (!Number.isInteger(year) || year < 1990 || year > 2100) return showError(formError, "请填写有效的年份（1990—2100）。");
  let chosen: string[] | undefined;
  if (sections) {
    chosen = [...sectionBox.querySelectorAll<HTMLInputElement>("input[type=checkbox]")].filter((box) => box.checked).map((box) => box.value);
    if (!chosen.length) return showError(formError, "请至少选择一个部分。");
    if (chosen.length === sections[kind].length) chosen = undefined;
  }
  draftButton.disabled = true;
  formStatus.textContent = "正在生成…";
  try {
    const [draft, facts] = await Promise.all([
      client.draft({ park, year, kind, ...(chosen ? { sections: chosen } : {}) }),
      client.facts({ park }).then((answer) => answer.facts).catch(() => [] as ApiFact[]),
    ]);
    const title = (draft as { title?: string }).title || `${park}${year}年${KIND_TEXT[kind]}`;
    current = { park, year, kind, title, text: draft.markdown, claims: draft.verification.claims, checked: draft.markdown, facts };
    editor.value = draft.markdown;
    resultTitle.textContent = title;
    // The draft's own notes, then each section's (the server puts most of them there).
    const sectionNotes = (draft.sections as Array<{ title: string; notes?: string[] }>).flatMap((section) => (section.notes ?? []).map((note) => `${section.title}：${note}`));
    drawNotes([...(draft.notes ?? []), ...sectionNotes]);
    showError(resultError, null);
    result.hidden = false;
    formStatus.textContent = "";
    draw(draft.verification.summary);
    result.scrollIntoView({ behavior: "smooth", block: "start" });
  } catch (error) {
    formStatus.textContent = "";
    showError(formError, messageOf(error, "生成初稿失败，请重试。"));
  } finally {
    draftButton.disabled = false;
  }
}

function drawNotes(notes: string[]): void {
  clear(notesBox);
  notesBox.hidden = notes.length === 0;
  if (!notes.length) return;
  append(notesBox, h("h2", { style: "font-size:16px;margin:0 0 6px" }, "说明"), h("ul", { style: "margin:0;padding-left:22px" }, ...notes.map((note) => h("li", {}, note))));
}

// ── Drawing the view and the markers ────────────────────────────────────────────────────────────────
const markerId = (index: number) => `marker-${index}`;

function draw(summary = current ? summarize(current.claims) : undefined): void {
  if (!current) return;
  const scrolled = view.scrollTop;
  viewHost.querySelector(".fact-popup")?.remove();
  clear(view);
  view.append(renderMarked(current.text, current.claims, { facts: current.facts, base: "", popupHost: viewHost }, markerId));
  view.scrollTop = scrolled;
  if (summary) summaryText.textContent = summaryLine(summary);
  staleText.hidden = current.text === current.checked;
  drawMarkers();
}

function drawMarkers(): void {
  if (!current) return;
  clear(markerList);
  const markers = findMarkers(current.text);
  markerCount.textContent = markers.length ? `（${markers.length} 处）` : "";
  if (!markers.length) {
    markerList.append(h("li", { class: "muted", style: "list-style:none;margin-left:-22px" }, "没有待补充或待核实的标记。"));
    return;
  }
  markers.forEach((marker, index) => {
    const line = current!.text.slice(0, marker.start).split("\n").length;
    const button = h("button", {
      type: "button", style: "border:0;background:transparent;padding:2px 0;text-align:left;color:inherit",
      title: `第 ${line} 行，点击定位`,
    }, h("span", { class: "marker" }, marker.text), h("span", { class: "muted", style: "font-size:13px" }, `（第 ${line} 行）`));
    button.addEventListener("click", () => goTo(index, marker.start, marker.end));
    markerList.append(h("li", {}, button));
  });
}

/** Scroll the view to a marker (and flash it), and select it in the editor. */
function goTo(index: number, start: number, end: number): void {
  const mark = view.querySelector<HTMLElement>(`#${markerId(index)}`);
  if (mark) {
    mark.scrollIntoView({ behavior: "smooth", block: "center" });
    mark.style.outline = "2px solid var(--pa-amber)";
    setTimeout(() => (mark.style.outline = ""), 1600);
  }
  // Select it in the editor and scroll the editor to its line (textareas do not scroll to a selection made in code).
  const lines = editor.value.split("\n").length;
  const line = editor.value.slice(0, start).split("\n").length - 1;
  editor.focus({ preventScroll: true });
  editor.setSelectionRange(start, end);
  editor.scrollTop = Math.max(0, (line / Math.max(1, lines)) * editor.scrollHeight - editor.clientHeight / 2);
}

// Editing: the view follows the text; claims away from the edit keep their chips until the next check.
let pending: number | undefined;
editor.addEventListener("input", () => {
  clearTimeout(pending);
  pending = window.setTimeout(() => {
    if (!current) return;
    current.claims = carryClaims(current.text, editor.value, current.claims);
    current.text = editor.value;
    draw();
  }, 200);
});

// ── 重新核对 ───────────────────────────────────────────────────────────────────────────────────────
recheckButton.addEventListener("click", () => void recheck());

async function recheck(): Promise<void> {
  if (!current) return;
  const text = editor.value;
  if (!text.trim()) return showError(resultError, "正文为空，无法核对。");
  showError(resultError, null);
  recheckButton.disabled = true;
  summaryText.textContent = "正在核对…";
  try {
    const verification = await verifyDraftText(client.verify, text, current.park, current.year);
    clearTimeout(pending);
    current.text = text;
    current.checked = text;
    current.claims = verification.claims;
    draw(verification.summary);
  } catch (error) {
    draw();
    showError(resultError, messageOf(error, "核对失败，请重试。"));
  } finally {
    recheckButton.disabled = false;
  }
}

// ── 下载 Word ──────────────────────────────────────────────────────────────────────────────────────
exportButton.addEventListener("click", () => void download());

async function download(): Promise<void> {
  if (!current) return;
  const markdown = editor.value;
  if (!markdown.trim()) return showError(resultError, "正文为空，无法导出。");
  showError(resultError, null);
  exportButton.disabled = true;
  const label = exportButton.textContent;
  exportButton.textContent = "正在导出…";
  try {
    const blob = await client.exportDraft(current.title, markdown);
    saveBlob(blob, `${current.title}（初稿）.docx`);
  } catch (error) {
    showError(resultError, messageOf(error, "导出 Word 失败，请重试。"));
  } finally {
    exportButton.disabled = false;
    exportButton.textContent = label;
  }
}
