// App content (titles, names, expressions, messages quoting them) is untrusted: printed raw, an
// escape sequence in a sheet title could move the cursor, rewrite earlier lines, set the window
// title or hide text. Text for a terminal goes through here. Pure.

/**
 * C0 controls (tab and newline included: one finding stays one line), DEL, C1 controls (0x80–0x9f,
 * which some terminals read as CSI/OSC introducers), and the bidirectional overrides and isolates
 * that reorder what the reader sees (the "Trojan Source" characters, CVE-2021-42574).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control character replaced by a visible `\xNN` / `\uNNNN` escape. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** A multi-line document for a terminal: each line made safe, the line breaks kept (text and JSON need none: the one escapes, the other is escaped by JSON itself). */
export function terminalSafeLines(text: string): string {
  return text
    .split('\n')
    .map((line) => terminalSafe(line.replace(/\r$/, '')))
    .join('\n');
}
