// Text from the cluster (event messages, container log lines) and from users' files reaches the terminal through
// the CLI. Escape sequences in it could retitle the window, hide lines, rewrite what was printed or, on some
// terminals, answer back as input; so everything the CLI writes goes through here. The CLI prints no colour of its own.

// CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), DCS/SOS/PM/APC strings, two-character escapes, C1 controls.
const SEQUENCES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|$)|\u001b[ -~]?|\u009b[0-?]*[ -/]*[@-~]|\u009d[\s\S]*?(?:\u0007|\u009c|$)/g;
// Other control characters, keeping tab and line feed (and CR of a CRLF pair).
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/g;

export function stripTerminalControls(text: string): string {
  return text.replace(SEQUENCES, '').replace(CONTROLS, '');
}

/** A writer that strips terminal controls from everything written through it. */
export function safeWriter(w: { write(text: string): unknown }): { write(text: string): unknown } {
  return { write: (text: string) => w.write(stripTerminalControls(text)) };
}
