/**
 * `/`: the full-page chat, with a park picker and this browser's conversation history (localStorage: each
 * conversation's turns as answered, so reopening one shows it again and follow-ups continue it).
 */
import { ApiError } from "./api.ts";
import { createChatView, type StoredTurn } from "./chat-view.ts";
import { clear, h } from "./dom.ts";
import { pageFrame, parksOnRecord } from "./page.ts";

const HISTORY_KEY = "park-assistant-conversations";
const MAX_CONVERSATIONS = 20;
const MAX_TURNS = 20;

interface StoredConversation {
  conversationId: string;
  park: string;
  title: string;
  at: string;
  turns: StoredTurn[];
}

const readHistory = (): StoredConversation[] => {
  try {
    const stored = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? "[]");
    return Array.isArray(stored) ? stored.filter((entry) => entry && typeof entry.conversationId === "string" && Array.isArray(entry.turns)) : [];
  } catch {
    return [];
  }
};

/** Keeps as many conversations as the browser's quota allows, newest first. */
function writeHistory(entries: StoredConversation[]): void {
  let kept = entries.slice(0, MAX_CONVERSATIONS);
  while (kept.length) {
    try {
      localStorage.setItem(HISTORY_KEY, JSON.stringify(kept));
      return;
    } catch {
      kept = kept.slice(0, -1);
    }
  }
  localStorage.removeItem(HISTORY_KEY);
}

const { main, client } = pageFrame("/", "园区工作总结助手");
const picker = h("select", { "aria-label": "选择园区" }, h("option", { value: "" }, "全部园区"));
const historyNav = h("nav", { class: "history", "aria-label": "历史对话" });
const chat = createChatView({
  client, base: "", park: () => picker.value || undefined,
  onAnswer(question, result) {
    const entries = readHistory();
    const existing = entries.find((entry) => entry.conversationId === result.conversationId);
    const conversation: StoredConversation = existing ?? { conversationId: result.conversationId, park: picker.value, title: question, at: "", turns: [] };
    conversation.at = new Date().toISOString();
    conversation.turns = [...conversation.turns, { question, result }].slice(-MAX_TURNS);
    writeHistory([conversation, ...entries.filter((entry) => entry !== existing)]);
    drawHistory();
  },
});
picker.addEventListener("change", () => chat.reset());

function drawHistory(): void {
  clear(historyNav);
  historyNav.appendChild(h("h2", { class: "muted", style: "font-size:14px" }, "本机历史对话"));
  const newChat = h("button", { type: "button", class: "new-chat" }, "＋ 新对话");
  newChat.addEventListener("click", () => {
    chat.reset();
    chat.focus();
  });
  historyNav.appendChild(newChat);
  const entries = readHistory();
  if (!entries.length) historyNav.appendChild(h("p", { class: "muted" }, "暂无"));
  for (const entry of entries) {
    const label = entry.turns.length > 1 ? `${entry.title}（${entry.turns.length}轮）` : entry.title;
    const button = h("button", { type: "button", title: `${entry.park || "全部园区"} · ${entry.at.slice(0, 10)}` }, label);
    button.addEventListener("click", () => {
      picker.value = entry.park;
      chat.reset(entry.conversationId, entry.turns);
      chat.focus();
    });
    historyNav.appendChild(button);
  }
  if (entries.length) {
    const wipe = h("button", { type: "button", class: "muted" }, "清除本机历史");
    wipe.addEventListener("click", () => {
      localStorage.removeItem(HISTORY_KEY);
      drawHistory();
    });
    historyNav.appendChild(wipe);
  }
}

main.appendChild(h("div", { class: "field" }, h("span", {}, "园区"), picker));
main.appendChild(h("div", { class: "chat-page" }, historyNav, chat.element));
drawHistory();
/** A link from a bot reply (/?q=…&park=…) opens with that question asked: the full answer, chips and sources. */
function askFromLink(): void {
  const url = new URL(location.href);
  const question = url.searchParams.get("q")?.trim();
  if (!question) return;
  const park = url.searchParams.get("park")?.trim() ?? "";
  if (park && ![...picker.options].some((option) => option.value === park)) picker.appendChild(h("option", { value: park }, park));
  picker.value = park;
  url.searchParams.delete("q");
  url.searchParams.delete("park");
  window.history.replaceState(null, "", url);
  void chat.ask(question);
}

parksOnRecord(client).then((parks) => {
  for (const park of parks) picker.appendChild(h("option", { value: park }, park));
}).catch((error) => {
  main.prepend(h("div", { class: "error", role: "alert" }, error instanceof ApiError ? error.message : "无法读取园区列表"));
}).finally(askFromLink);
