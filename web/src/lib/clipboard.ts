// Copying a value to the clipboard: the Clipboard API where the browser offers it (a secure context: https or
// localhost), else the older selected-text copy command; the browser is passed in, so this is tested without one.

export interface ClipboardAccess {
  /** navigator.clipboard; absent outside a secure context. */
  clipboard?: { writeText(text: string): Promise<void> };
  /** Selects the text and asks the browser to copy it; false when the browser refuses. */
  copyBySelection(text: string): boolean;
}

/** True once the text is on the clipboard as far as the browser says. */
export async function copyText(text: string, access: ClipboardAccess): Promise<boolean> {
  if (access.clipboard) {
    try {
      await access.clipboard.writeText(text);
      return true;
    } catch {
      // Refused (no permission, page not focused): the older way may still work.
    }
  }
  try {
    return access.copyBySelection(text);
  } catch {
    return false;
  }
}
