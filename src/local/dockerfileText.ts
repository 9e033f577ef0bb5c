// The only ways a value gets into generated Dockerfile text: checked (names, image references) or quoted (ENV values,
// JSON-form arguments). A line break in any of them would start a new instruction, and `$` would be expanded by
// Docker's own variable substitution; neither can get through these helpers.
import { LocalServiceError } from './localServiceError';

const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/;

/** A value as a message shows it: escaped (no raw control characters reach a terminal) and cut to a readable length. */
export function shown(value: string, max = 80): string {
  const s = JSON.stringify(value.length > max ? value.slice(0, max) : value);
  return value.length > max ? `${s.slice(0, -1)}…" (${value.length} characters)` : s;
}

const refuse = (message: string): never => { throw new LocalServiceError('buildFailed', message); };

export const hasControlCharacters = (s: string): boolean => CONTROL.test(s);

/** Environment variable names Kubernetes accepts (a superset of POSIX), so the image and the Deployment agree. */
export const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

export function envName(name: string, where: string): string {
  return ENV_NAME.test(name) ? name : refuse(`${where}: ${shown(name)} is not a valid environment variable name (letters, digits, "_", "-" and ".", not starting with a digit).`);
}

/** An ENV value in double quotes: `\`, `"` and `$` escaped (no variable expansion), no line breaks. */
export function envValue(value: string, where: string): string {
  if (hasControlCharacters(value)) refuse(`${where}: the value ${shown(value)} holds a line break or control character, which a Docker image's ENV cannot carry.`);
  return `"${value.replace(/[\\"$]/g, '\\$&')}"`;
}

/** A JSON-form (exec-form) argument list: no shell parses it; refused if any word has a control character. */
export function jsonArgs(words: readonly string[], where: string): string {
  for (const w of words) if (hasControlCharacters(w)) refuse(`${where}: ${shown(w)} holds a line break or control character.`);
  return `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
}

/** One path segment (model name, version): Azure ML's own character set, never `.` or `..`. */
export function pathSegment(value: string, where: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(value) ? value : refuse(`${where}: ${shown(value)} may only hold letters, digits, ".", "_" and "-" (not starting with "." or "-").`);
}

/** An image reference (FROM): registry/name:tag@digest characters only. */
export function imageReference(value: string, where: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/.test(value) ? value : refuse(`${where}: ${shown(value)} is not an image reference (e.g. python:3.11-slim or myacr.azurecr.io/base:1).`);
}

/** The container folder for the source: the local folder's name with anything unusual (spaces too) made `_`. */
export function containerFolderName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[.-]+/, '_') || 'src';
}

/** Text for a generated comment: one line whatever the input. */
export const commentText = (s: string): string => s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
