// 检查 panel: 字数 and reading time as the article page shows them (newsroom/chinese.py), in place
// of Wagtail's count of words, which for Chinese is a count of what a dictionary takes for words.
// Wagtail's preview controller hands its figures over with the preview's content before showing them.
(() => {
  "use strict";

  // newsroom/chinese.py CHARACTERS_PER_MINUTE, for a page that does not state its own reading time.
  const CHARACTERS_PER_MINUTE = 400;

  document.addEventListener("w-preview:content", (event) => {
    const { content, metrics } = event.detail || {};
    if (!content || !metrics) return;
    // The preview's main content, parsed inert: nothing in it runs.
    const preview = new DOMParser().parseFromString(content.innerHTML || "", "text/html");
    const count = preview.querySelector("[data-character-count]");
    const minutes = preview.querySelector("[data-reading-minutes]");
    if (count && minutes) {
      metrics.wordCount = Number(count.dataset.characterCount);
      metrics.readingTime = Number(minutes.dataset.readingMinutes);
    } else {
      // Not an article: every character of the page's main content, no spaces.
      const characters = (content.innerText || "").replace(/\s/g, "").length;
      metrics.wordCount = characters;
      metrics.readingTime = characters ? Math.max(1, Math.ceil(characters / CHARACTERS_PER_MINUTE)) : 0;
    }
  });
})();
