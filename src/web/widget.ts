/**
 * The embeddable widget: one tag on any intranet page,
 *   <script src="http://HOST/widget.js" data-park="…" data-token="…"></script>
 * adds a chat button and panel inside a shadow root (no CSS leaks either way). The service origin is the
 * script's own; the token (a reader token) goes only into the Authorization header.
 */
import { createClient } from "./api.ts";
import { createChatView } from "./chat-view.ts";
import { h } from "./dom.ts";
import { STYLES } from "./styles.ts";

function mount(script: HTMLScriptElement): void {
  const base = new URL(script.src, location.href).origin;
  const park = script.dataset.park?.trim() || undefined;
  const token = script.dataset.token?.trim() || undefined;
  const host = document.createElement("div");
  host.id = "park-assistant-widget";
  document.body.appendChild(host);
  const root = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = STYLES;
  root.appendChild(style);

  const client = createClient({ base, token: () => token });
  const chat = createChatView({ client, base, park: () => park, placeholder: park ? `问${park}的数字，例如：2023年工业总产值是多少？` : undefined });
  const title = `园区工作总结助手${park ? ` · ${park}` : ""}`;
  const close = h("button", { type: "button", "aria-label": "关闭助手" }, "×");
  const panel = h("section", { class: "panel", role: "dialog", "aria-label": "园区工作总结助手", hidden: true },
    h("div", { class: "panel-head" }, h("h2", {}, title), close), chat.element);
  const launcher = h("button", { type: "button", class: "launcher", "aria-label": "打开园区助手", "aria-expanded": "false" }, "园区助手");
  const wrapper = h("div", { class: "pa-root" }, launcher, panel);
  root.appendChild(wrapper);

  const toggle = (open: boolean) => {
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    if (open) chat.focus();
    else launcher.focus();
  };
  launcher.addEventListener("click", () => toggle(panel.hidden));
  close.addEventListener("click", () => toggle(false));
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !root.querySelector(".fact-popup")) toggle(false);
  });
}

const current = document.currentScript as HTMLScriptElement | null;
const start = () => current && mount(current);
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
