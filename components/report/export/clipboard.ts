// Copying text from an extension page: the asynchronous Clipboard API on the user's click (no
// permission needed in Chrome or Firefox for a write during a click), else the older
// select-and-copy of a hidden text area (happy-dom, older Firefox builds, a denied permission).
export async function copyText(text: string, doc: Document = document): Promise<void> {
  const clipboard = doc.defaultView?.navigator.clipboard;
  if (clipboard?.writeText) {
    try {
      await clipboard.writeText(text);
      return;
    } catch {
      // fall through to the selection copy
    }
  }
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  doc.body.append(area);
  area.select();
  try {
    if (!doc.execCommand?.('copy')) throw new Error('The browser refused to copy.');
  } finally {
    area.remove();
  }
}
