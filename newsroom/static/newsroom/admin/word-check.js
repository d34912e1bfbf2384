// The 字词检查 panel's 改正 buttons: put the suggested word in place of the one found, in the field
// (or body block) where it was found; the change is saved with the form like any typing.
(() => {
  const fieldsOf = (button) => {
    const form = document.getElementById('page-edit-form');
    if (!form) return [];
    const blockId = button.dataset.blockId;
    if (!blockId) return [...form.querySelectorAll(`[name="${button.dataset.field}"]`)];
    // A StreamField block: its hidden id input names the prefix of its text inputs.
    const idInput = [...form.querySelectorAll('input[name$="-id"]')].find((input) => input.value === blockId);
    if (!idInput) return [];
    const prefix = idInput.name.slice(0, -'-id'.length);
    return [...form.querySelectorAll(`textarea[name^="${prefix}-value"], input[type="text"][name^="${prefix}-value"]`)];
  };

  document.addEventListener('click', (event) => {
    const button = event.target.closest('[data-word-fix]');
    if (!button) return;
    const { found, replacement } = button.dataset;
    const field = fieldsOf(button).find((input) => input.value.includes(found));
    if (!field) {
      button.textContent = '未找到原文，请手动修改';
      return;
    }
    field.value = field.value.replace(found, replacement);
    field.dispatchEvent(new Event('input', { bubbles: true }));
    field.dispatchEvent(new Event('change', { bubbles: true }));
    button.textContent = '已改正，保存后生效';
    button.disabled = true;
  });
})();
