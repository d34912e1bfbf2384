// 分享预览: the title and description follow the 推广 and 内容 fields as they are typed
// (the picture follows on save: a card is drawn from the saved headline).
document.addEventListener('DOMContentLoaded', () => {
  const preview = document.querySelector('[data-share-preview]');
  if (!preview) return;
  const field = (name) => document.getElementById(`id_${name}`);
  const [title, seoTitle, searchDescription, summary] = ['title', 'seo_title', 'search_description', 'summary'].map(field);
  const initialDescription = preview.querySelector('[data-share-description]').textContent;
  const update = () => {
    const shownTitle = (seoTitle && seoTitle.value.trim()) || (title && title.value.trim()) || '';
    const shownDescription = (searchDescription && searchDescription.value.trim())
      || (summary && summary.value.trim().split(/\s+/).join(' ').slice(0, 120))
      || initialDescription;
    preview.querySelectorAll('[data-share-title]').forEach((node) => { node.textContent = shownTitle; });
    preview.querySelectorAll('[data-share-description]').forEach((node) => { node.textContent = shownDescription; });
  };
  [title, seoTitle, searchDescription, summary].forEach((input) => input && input.addEventListener('input', update));
});
