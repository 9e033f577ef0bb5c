// The "how many lines" answer of Get Logs…: a whole number, bounded because every replica's lines are held in
// memory to be interleaved by time. Pure (no vscode) so it is unit tested.
export const DEFAULT_LOG_LINES = 100;
export const MAX_LOG_LINES = 10_000;

/** undefined when valid, else the message the input box shows. */
export function validateLineCount(text: string): string | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return 'Enter a whole number of lines, e.g. 100.';
  const n = Number(t);
  if (n < 1) return 'Ask for at least 1 line.';
  if (n > MAX_LOG_LINES) return `At most ${MAX_LOG_LINES.toLocaleString('en')} lines per replica.`;
  return undefined;
}
