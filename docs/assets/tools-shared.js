/* Shared by the outline and copy-with-citation tools: the clipboard (text and HTML), the citation line,
 * downloads. Text is only ever written with textContent or escaped: report text stays text. */
(function () {
  "use strict";

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  /* Copy plain text and HTML (Word takes the HTML). The asynchronous clipboard needs a secure context
   * (https, localhost, file://); on a plain-http intranet server the copy event of execCommand does it. */
  async function copy(text, html) {
    if (navigator.clipboard && window.ClipboardItem && window.isSecureContext) {
      try {
        await navigator.clipboard.write([new ClipboardItem({
          "text/plain": new Blob([text], { type: "text/plain" }),
          "text/html": new Blob([html || escapeHtml(text)], { type: "text/html" }),
        })]);
        return true;
      } catch (error) { /* denied or unsupported: try the older way */ }
    }
    let done = false;
    const onCopy = (event) => {
      event.clipboardData.setData("text/plain", text);
      event.clipboardData.setData("text/html", html || escapeHtml(text));
      event.preventDefault();
      done = true;
    };
    document.addEventListener("copy", onCopy, true);
    try { document.execCommand("copy"); } finally { document.removeEventListener("copy", onCopy, true); }
    return done;
  }

  /* meta: {organization, level, year, title}; url: the paragraph's link. */
  function citation(meta, url) {
    const parts = [meta.organization, meta.level, meta.year, meta.title ? "《" + meta.title + "》" : ""].filter(Boolean);
    return "出处：" + parts.join("，") + (url ? "，" + url : "");
  }

  function citedText(text, meta, url) {
    const line = citation(meta, url);
    const html = "<p>" + escapeHtml(text) + "</p><p style=\"font-size:smaller;color:#555\">" +
      escapeHtml(line.slice(0, line.length - (url ? url.length : 0))) +
      (url ? "<a href=\"" + escapeHtml(url) + "\">" + escapeHtml(url) + "</a>" : "") + "</p>";
    return { text: text + "\n" + line, html };
  }

  /* Brief feedback on a button: its label, or a state class when it shows an icon. */
  function flash(button, ok) {
    button.classList.add(ok ? "is-copied" : "is-failed");
    const title = button.title;
    button.title = ok ? "已复制" : "复制失败：请手动选择文字复制";
    setTimeout(() => { button.classList.remove("is-copied", "is-failed"); button.title = title; }, 1600);
  }

  function cleanUrl(href) {
    const url = new URL(href, location.href);
    url.search = "";
    return url.href;
  }

  function download(name, text, type) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  function onReady(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn); else fn();
  }

  window.ToolData = { escapeHtml, copy, citation, citedText, flash, cleanUrl, download, onReady };
})();
