/**
 * The one stylesheet of the widget and the pages. The widget puts it inside its shadow root (nothing leaks in
 * or out); the pages add it to the document. Colours of the chips follow verification status.
 */
export const STYLES = `
:host, .pa-root { --pa-blue: #1f5fbf; --pa-green: #1e7f43; --pa-red: #b3261e; --pa-amber: #8a5a00; --pa-grey: #5f6368;
  --pa-border: #d5d9e0; --pa-bg: #ffffff; --pa-soft: #f4f6fa; font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  font-size: 15px; line-height: 1.6; color: #1d1d1f; }
* { box-sizing: border-box; }
button, input, select, textarea { font: inherit; }
button { cursor: pointer; }
:focus-visible { outline: 2px solid var(--pa-blue); outline-offset: 2px; }
.muted { color: var(--pa-grey); }
.launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; border: 0; border-radius: 28px; padding: 12px 18px;
  background: var(--pa-blue); color: #fff; box-shadow: 0 4px 14px rgba(0,0,0,.2); }
.panel { position: fixed; right: 20px; bottom: 84px; z-index: 2147483000; width: 400px; max-width: calc(100vw - 24px);
  height: 600px; max-height: calc(100vh - 110px); display: flex; flex-direction: column; background: var(--pa-bg);
  border: 1px solid var(--pa-border); border-radius: 12px; box-shadow: 0 8px 30px rgba(0,0,0,.18); overflow: hidden; }
.panel[hidden] { display: none; }
.panel-head { display: flex; align-items: center; gap: 8px; padding: 10px 14px; background: var(--pa-blue); color: #fff; }
.panel-head h2 { font-size: 16px; margin: 0; flex: 1; }
.panel-head button { background: transparent; border: 0; color: #fff; font-size: 20px; line-height: 1; }
.chat { display: flex; flex-direction: column; flex: 1; min-height: 0; position: relative; }
.messages { flex: 1; overflow-y: auto; padding: 12px 14px; display: flex; flex-direction: column; gap: 10px; }
.message { padding: 8px 12px; border-radius: 10px; max-width: 92%; white-space: pre-wrap; word-break: break-word; }
.message.user { align-self: flex-end; background: #e8f0fe; }
.message.assistant { align-self: flex-start; background: var(--pa-soft); border: 1px solid var(--pa-border); }
.message.assistant[data-state="streaming"] .answer::after { content: "▍"; animation: blink 1s steps(1) infinite; }
@keyframes blink { 50% { opacity: 0; } }
.message .tools { display: flex; gap: 8px; margin-top: 6px; }
.message .tools button { border: 1px solid var(--pa-border); background: #fff; border-radius: 6px; font-size: 13px; padding: 2px 8px; }
.citations { margin: 8px 0 0; padding-left: 18px; font-size: 13px; color: var(--pa-grey); }
.citations li { margin-bottom: 4px; }
.error { color: var(--pa-red); background: #fdecea; border: 1px solid #f5c2c0; border-radius: 8px; padding: 8px 12px; }
.composer { display: flex; gap: 8px; padding: 10px; border-top: 1px solid var(--pa-border); }
.composer textarea { flex: 1; resize: none; border: 1px solid var(--pa-border); border-radius: 8px; padding: 8px; min-height: 42px; }
.composer button, .primary { border: 0; border-radius: 8px; background: var(--pa-blue); color: #fff; padding: 8px 16px; }
.composer button:disabled, .primary:disabled { opacity: .5; cursor: default; }
.chip { display: inline; border: 1px solid; border-radius: 6px; padding: 0 4px; margin: 0 1px; font-weight: 600; background: #fff; }
.chip-verified { color: var(--pa-green); border-color: #9ccfac; background: #eef8f1; }
.chip-derived { color: var(--pa-blue); border-color: #a9c1ea; background: #eef3fc; }
.chip-mismatch { color: var(--pa-red); border-color: #f0a8a3; background: #fdecea; }
.chip-unsupported { color: var(--pa-amber); border-color: #e7c67a; background: #fff6df; }
.badge { border-radius: 10px; padding: 0 8px; font-size: 12px; color: #fff; }
.badge-verified { background: var(--pa-green); } .badge-derived { background: var(--pa-blue); }
.badge-mismatch { background: var(--pa-red); } .badge-unsupported { background: var(--pa-amber); }
.fact-popup { position: absolute; left: 12px; right: 12px; bottom: 70px; max-height: 60%; overflow-y: auto; z-index: 5;
  background: #fff; border: 1px solid var(--pa-border); border-radius: 10px; box-shadow: 0 6px 24px rgba(0,0,0,.18); padding: 10px 12px; }
.popup-head { display: flex; align-items: center; gap: 8px; }
.popup-head strong { flex: 1; }
.popup-close { border: 0; background: transparent; font-size: 20px; }
.fact-card { border-top: 1px solid var(--pa-border); margin-top: 8px; padding-top: 8px; font-size: 14px; }
.fact-card dl { display: grid; grid-template-columns: 3.5em 1fr; gap: 2px 8px; margin: 0 0 6px; }
.fact-card dt { color: var(--pa-grey); } .fact-card dd { margin: 0; }
.quote { margin: 6px 0; padding: 6px 10px; border-left: 3px solid var(--pa-blue); background: var(--pa-soft); white-space: pre-wrap; }
.doc-link { font-size: 13px; color: var(--pa-blue); }
.chart { width: 100%; max-width: 360px; height: auto; margin-top: 8px; background: #fff; border: 1px solid var(--pa-border); border-radius: 8px; }
.chart .axis { stroke: #9aa0a6; } .chart .line { stroke: var(--pa-blue); stroke-width: 2; } .chart .dot { fill: var(--pa-blue); }
.chart .bar { fill: var(--pa-blue); opacity: .8; } .chart text { font-size: 10px; fill: #3c4043; } .chart .chart-title { font-size: 11px; font-weight: 600; }
.page { max-width: 1100px; margin: 0 auto; padding: 16px; }
.page-head { display: flex; align-items: center; gap: 16px; flex-wrap: wrap; border-bottom: 1px solid var(--pa-border); padding-bottom: 10px; margin-bottom: 14px; }
.page-head h1 { font-size: 20px; margin: 0; flex: 1; }
.page-head nav a { margin-right: 12px; color: var(--pa-blue); text-decoration: none; }
.page-head nav a[aria-current="page"] { font-weight: 700; text-decoration: underline; }
.field { display: inline-flex; flex-direction: column; gap: 2px; margin: 0 12px 10px 0; font-size: 14px; }
.field input, .field select { border: 1px solid var(--pa-border); border-radius: 6px; padding: 6px 8px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { border-bottom: 1px solid var(--pa-border); padding: 6px 8px; text-align: left; vertical-align: top; }
.card { border: 1px solid var(--pa-border); border-radius: 10px; padding: 12px 14px; margin-bottom: 14px; background: #fff; }
.dropzone { border: 2px dashed var(--pa-border); border-radius: 10px; padding: 24px; text-align: center; color: var(--pa-grey); }
.dropzone.over { border-color: var(--pa-blue); background: #eef3fc; }
progress { width: 160px; }
.draft-editor { min-height: 300px; border: 1px solid var(--pa-border); border-radius: 8px; padding: 12px 16px; white-space: pre-wrap; background: #fff; }
.marker { background: #fff3b0; border-radius: 3px; }
.chat-page { display: grid; grid-template-columns: 220px 1fr; gap: 14px; height: calc(100vh - 90px); }
.chat-page .chat { border: 1px solid var(--pa-border); border-radius: 10px; }
.history { overflow-y: auto; font-size: 14px; }
.history button { display: block; width: 100%; text-align: left; border: 0; background: transparent; padding: 6px 4px; border-bottom: 1px solid var(--pa-soft); }
.docs-toc { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; margin-bottom: 14px; }
.docs-toc a { color: var(--pa-blue); text-decoration: none; }
.docs-toc input { margin-left: auto; min-width: 260px; border: 1px solid var(--pa-border); border-radius: 6px; padding: 6px 8px; }
.docs-tag { font-size: 18px; margin: 20px 0 6px; }
.docs-op-head { display: flex; align-items: baseline; gap: 10px; flex-wrap: wrap; font-size: 16px; margin: 0 0 6px; }
.docs-method { border-radius: 4px; padding: 1px 8px; color: #fff; font-size: 13px; font-family: monospace; background: var(--pa-grey); }
.docs-get { background: var(--pa-blue); } .docs-post { background: var(--pa-green); } .docs-delete { background: var(--pa-red); }
.docs-path { font-size: 15px; font-weight: 600; }
.docs-op h4 { font-size: 14px; margin: 10px 0 4px; }
.docs-op p { margin: 4px 0; }
.docs-fields { margin-bottom: 6px; }
.docs-fields code, .docs-path { word-break: break-all; }
.docs-responses { margin: 0; padding-left: 18px; font-size: 14px; }
.docs-security { white-space: pre-line; font-size: 14px; background: var(--pa-soft); border-radius: 8px; padding: 8px 12px; }
.docs-schema summary { cursor: pointer; padding: 4px 0; }
@media (max-width: 640px) {
  .panel { right: 0; bottom: 0; width: 100vw; max-width: 100vw; height: 100vh; max-height: 100vh; border-radius: 0; }
  .launcher { right: 12px; bottom: 12px; }
  .chat-page { grid-template-columns: 1fr; height: auto; }
  .chat-page .history { max-height: 140px; border-bottom: 1px solid var(--pa-border); }
}
`;
