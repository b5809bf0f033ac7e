// Copy buttons for links (progressive enhancement: without script the link text is still selectable).
for (const button of document.querySelectorAll("button[data-copy]")) {
  if (!navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const status = button.nextElementSibling;
    try {
      await navigator.clipboard.writeText(button.dataset.copy);
      if (status) status.textContent = "Kopiert";
    } catch {
      if (status) status.textContent = "Kunne ikke kopiere. Merk teksten og kopier den selv.";
    }
  });
}
