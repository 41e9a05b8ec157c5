/**
 * Put text on the clipboard: the browser's way, or the old one where that is
 * refused. `what` names the text in the error ("the letter's text").
 */
export async function copyText(text: string, what = "the text"): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    if (!ok) throw new Error(`${what} could not be put on the clipboard`);
  }
}
