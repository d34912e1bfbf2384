// 正文: a story pasted whole into one 段落 becomes a 段落 block per paragraph as it is pasted, by
// the rule the server applies on save (newsroom/blocks.py, paragraphs_of): a blank line, spaces
// only, ends a paragraph; a single line break stays inside one.
(() => {
  "use strict";

  const BLANK_LINE = /\n[^\S\n]*\n/;

  const paragraphsOf = (text) =>
    text
      .replace(/\r\n?/g, "\n")
      .split(BLANK_LINE)
      .map((piece) => piece.trim())
      .filter(Boolean);

  // The StreamField a field belongs to: Wagtail's w-block controller keeps it on its root element.
  const streamOf = (field) => {
    for (let element = field.parentElement; element; element = element.parentElement) {
      if (element.rootBlock) return element.rootBlock;
    }
    return null;
  };

  document.addEventListener("paste", (event) => {
    const field = event.target;
    if (!(field instanceof HTMLTextAreaElement) || !event.clipboardData) return;
    const stream = streamOf(field);
    if (!stream || !Array.isArray(stream.children) || typeof stream.insert !== "function") return;
    const index = stream.children.findIndex((child) => child.element.contains(field));
    const child = stream.children[index];
    if (!child || child.type !== "paragraph") return;

    const pasted = event.clipboardData.getData("text/plain");
    const text = field.value.slice(0, field.selectionStart) + pasted + field.value.slice(field.selectionEnd);
    const paragraphs = paragraphsOf(text);
    if (paragraphs.length < 2) return; // one paragraph: the browser pastes it as usual

    event.preventDefault();
    child.setState({ type: "paragraph", id: child.id, value: paragraphs[0] });
    field.dispatchEvent(new Event("input", { bubbles: true })); // the form counts as changed
    paragraphs.slice(1).forEach((value, offset) => {
      const last = offset === paragraphs.length - 2;
      stream.insert({ type: "paragraph", value, id: null }, index + 1 + offset, { focus: last });
    });
  });
})();
