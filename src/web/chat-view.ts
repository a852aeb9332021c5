/**
 * The conversation component the widget and the chat page share: messages, a composer, answers streamed as
 * tokens arrive, then the finished answer with its figures as chips, a chart for trends and comparisons, its
 * citations and a copy button. Follow-up turns stay in one conversation.
 */
import { ApiError, type AskResult, type Client } from "./api.ts";
import { renderChart } from "./chart.ts";
import { clear, h } from "./dom.ts";
import { renderWithChips } from "./figures.ts";

export interface ChatViewOptions {
  client: Client;
  /** Service origin for document links ("" on the app's own pages). */
  base: string;
  /** The park questions are asked for (the widget's data-park, the page's picker). */
  park: () => string | undefined;
  /** Called after each answered turn (the page keeps a history). */
  onAnswer?: (question: string, result: AskResult) => void;
  placeholder?: string;
}

/** One answered turn as the page keeps it in this browser. */
export interface StoredTurn {
  question: string;
  result: AskResult;
}

export interface ChatView {
  element: HTMLElement;
  ask(question: string): Promise<void>;
  /** Start a new conversation (a new park), or reopen a stored one with its turns shown again. */
  reset(conversationId?: string, turns?: readonly StoredTurn[]): void;
  focus(): void;
}

export function createChatView(options: ChatViewOptions): ChatView {
  let conversationId: string | undefined;
  let busy = false;
  const messages = h("div", { class: "messages", role: "log", "aria-live": "polite", "aria-label": "对话记录" });
  const input = h("textarea", { rows: 2, "aria-label": "输入问题", placeholder: options.placeholder ?? "例如：2023年工业总产值是多少？", maxlength: 2000 });
  const send = h("button", { type: "submit", "aria-label": "发送" }, "发送");
  const composer = h("form", { class: "composer" }, input, send);
  const element = h("div", { class: "chat" }, messages, composer);
  messages.appendChild(h("p", { class: "muted intro" }, "您好！可以问我园区历年的工作总结、工作计划和统计数字，回答中的每个数字都可点开查看出处。"));

  composer.addEventListener("submit", (event) => {
    event.preventDefault();
    void view.ask(input.value);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void view.ask(input.value);
    }
  });

  const scroll = () => {
    messages.scrollTop = messages.scrollHeight;
  };

  const view: ChatView = {
    element,
    focus: () => input.focus(),
    reset(id, turns = []) {
      conversationId = id;
      clear(messages);
      element.querySelector(".fact-popup")?.remove();
      for (const turn of turns) {
        messages.appendChild(h("div", { class: "message user" }, turn.question));
        const answer = h("div", { class: "answer" });
        const bubble = h("div", { class: "message assistant" }, answer);
        messages.appendChild(bubble);
        finish(bubble, answer, turn.result);
      }
      scroll();
    },
    async ask(raw) {
      const question = raw.trim();
      if (!question || busy) return;
      busy = true;
      send.disabled = true;
      input.value = "";
      messages.appendChild(h("div", { class: "message user" }, question));
      const answer = h("div", { class: "answer" });
      const bubble = h("div", { class: "message assistant", "data-state": "streaming", "aria-busy": "true" }, answer);
      messages.appendChild(bubble);
      scroll();
      try {
        const result = await options.client.ask({ question, park: options.park(), conversationId }, (text) => {
          answer.append(document.createTextNode(text));
          scroll();
        });
        conversationId = result.conversationId;
        finish(bubble, answer, result);
        options.onAnswer?.(question, result);
      } catch (error) {
        bubble.remove();
        const message = error instanceof ApiError ? error.message : "出现未知错误，请稍后重试。";
        messages.appendChild(h("div", { class: "error", role: "alert" }, message));
      } finally {
        busy = false;
        send.disabled = false;
        scroll();
        input.focus();
      }
    },
  };

  function finish(bubble: HTMLElement, answer: HTMLElement, result: AskResult): void {
    clear(answer);
    answer.appendChild(renderWithChips(result.answer, result.verification.claims, { facts: result.facts, base: options.base, popupHost: element }));
    bubble.setAttribute("data-state", "done");
    bubble.setAttribute("data-mode", result.mode);
    bubble.removeAttribute("aria-busy");
    const chart = renderChart(result.facts);
    if (chart) bubble.appendChild(chart);
    if (result.citations.length) {
      bubble.appendChild(h("ol", { class: "citations", "aria-label": "引用来源" },
        ...result.citations.map((citation) => h("li", {},
          citation.document_id
            ? h("a", { href: `${options.base}/admin?doc=${encodeURIComponent(citation.document_id)}`, target: "_blank", rel: "noopener" }, `《${citation.title}》`)
            : h("span", {}, citation.title || "统计数据"),
          citation.section ? ` ${citation.section}` : "",
          citation.quote ? h("div", { class: "quote" }, citation.quote) : null))));
    }
    const copy = h("button", { type: "button", "aria-label": "复制回答" }, "复制");
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(result.answer);
        copy.textContent = "已复制";
      } catch {
        copy.textContent = "复制失败";
      }
      setTimeout(() => (copy.textContent = "复制"), 1500);
    });
    bubble.appendChild(h("div", { class: "tools" }, copy));
  }

  return view;
}
