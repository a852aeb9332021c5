/**
 * `/`: the full-page chat, with a park picker and this browser's conversation history (localStorage: the
 * questions and the conversation ids, nothing else).
 */
import { ApiError } from "./api.ts";
import { createChatView } from "./chat-view.ts";
import { clear, h } from "./dom.ts";
import { pageFrame, parksOnRecord } from "./page.ts";

const HISTORY_KEY = "park-assistant-history";

interface HistoryEntry {
  question: string;
  park: string;
  conversationId: string;
  at: string;
}

const readHistory = (): HistoryEntry[] => {
  try {
    return JSON.parse(localStorage.getItem(HISTORY_KEY) ?? "[]");
  } catch {
    return [];
  }
};

const { main, client } = pageFrame("/", "园区工作总结助手");
const picker = h("select", { "aria-label": "选择园区" }, h("option", { value: "" }, "全部园区"));
const history = h("nav", { class: "history", "aria-label": "历史对话" });
const chat = createChatView({
  client, base: "", park: () => picker.value || undefined,
  onAnswer(question, result) {
    const entries = readHistory().filter((entry) => entry.conversationId !== result.conversationId);
    entries.unshift({ question, park: picker.value, conversationId: result.conversationId, at: new Date().toISOString() });
    localStorage.setItem(HISTORY_KEY, JSON.stringify(entries.slice(0, 30)));
    drawHistory();
  },
});
picker.addEventListener("change", () => chat.reset());

function drawHistory(): void {
  clear(history);
  history.appendChild(h("h2", { class: "muted", style: "font-size:14px" }, "本机历史对话"));
  const entries = readHistory();
  if (!entries.length) history.appendChild(h("p", { class: "muted" }, "暂无"));
  for (const entry of entries) {
    const button = h("button", { type: "button", title: entry.park || "全部园区" }, entry.question);
    button.addEventListener("click", () => {
      picker.value = entry.park;
      chat.reset(entry.conversationId);
      chat.focus();
    });
    history.appendChild(button);
  }
}

main.appendChild(h("div", { class: "field" }, h("span", {}, "园区"), picker));
main.appendChild(h("div", { class: "chat-page" }, history, chat.element));
drawHistory();
parksOnRecord(client).then((parks) => {
  for (const park of parks) picker.appendChild(h("option", { value: park }, park));
}).catch((error) => {
  main.prepend(h("div", { class: "error", role: "alert" }, error instanceof ApiError ? error.message : "无法读取园区列表"));
});
