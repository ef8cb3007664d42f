/**
 * Saving a file from the sandboxed renderer: it has no file system and no
 * network, so the text becomes a Blob and a temporary `<a download>` hands it
 * to the browser's (or Electron's) download handling. blob: URLs are local to
 * this page; navigating to one for a download is not a fetch, so the CSP's
 * `connect-src 'none'` is untouched.
 */

/** Offers `text` as a download named `filename`. */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    // Revoking synchronously can cancel the download before it has read the Blob.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
