// A text area with line numbers that marks the lines a problem was found on.
"use strict";

class LineEditor {
  constructor(textarea, gutter) {
    this.textarea = textarea;
    this.gutter = gutter;
    this.marked = new Map(); // line -> messages
    textarea.addEventListener("input", () => this.render());
    textarea.addEventListener("scroll", () => { gutter.scrollTop = textarea.scrollTop; });
    this.render();
  }

  get value() { return this.textarea.value; }

  set value(text) {
    this.textarea.value = text;
    this.marked.clear();
    this.render();
  }

  // Mark each problem's line; problems without a line mark nothing.
  mark(problems) {
    this.marked.clear();
    for (const p of problems) {
      if (!p.line) continue;
      const list = this.marked.get(p.line) || [];
      list.push(p.message);
      this.marked.set(p.line, list);
    }
    this.render();
  }

  render() {
    const lines = this.textarea.value.split("\n").length;
    const out = document.createDocumentFragment();
    for (let n = 1; n <= lines; n++) {
      const span = document.createElement("span");
      span.textContent = String(n);
      span.dataset.line = String(n);
      if (this.marked.has(n)) {
        span.className = "error";
        span.title = this.marked.get(n).join("\n");
      }
      out.appendChild(span);
      out.appendChild(document.createTextNode("\n"));
    }
    this.gutter.replaceChildren(out);
    this.gutter.scrollTop = this.textarea.scrollTop;
  }

  // Put the caret at the start of `line` and scroll it into view.
  goTo(line) {
    const lines = this.textarea.value.split("\n");
    let offset = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
    this.textarea.focus();
    this.textarea.setSelectionRange(offset, offset + (lines[line - 1] || "").length);
    const height = this.textarea.scrollHeight / Math.max(lines.length, 1);
    this.textarea.scrollTop = Math.max(0, (line - 3) * height);
  }
}
