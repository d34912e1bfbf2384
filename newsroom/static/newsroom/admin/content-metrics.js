// 检查 panel: 字数 and reading time as the article page shows them (newsroom/chinese.py), in place
// of Wagtail's count of words, which for Chinese is a count of what a dictionary takes for words.
// Wagtail's preview controller hands its figures over with the preview's content before showing them.
(() => {
  "use strict";

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
      // Not an article: every character of the page's main content, no spaces, at the speed the
      // panel states (newsroom/chinese.py CHARACTERS_PER_MINUTE, through the panel's template).
      const speed = Number(document.querySelector("[data-characters-per-minute]")?.dataset.charactersPerMinute);
      const characters = (content.innerText || "").replace(/\s/g, "").length;
      metrics.wordCount = characters;
      metrics.readingTime = characters && speed ? Math.max(1, Math.ceil(characters / speed)) : 0;
    }
  });
})();
