// Saving an export from an extension page: a Blob URL on an anchor with `download`, clicked and
// revoked. No `downloads` permission needed; the browser asks where to save as it does for any file.
export function downloadText(content: string, mimeType: string, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const anchor = doc.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  doc.body.append(anchor);
  try {
    anchor.click();
  } finally {
    anchor.remove();
    // revoke after the click was handled: some browsers read the URL asynchronously
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
