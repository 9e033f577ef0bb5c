// Writes a wizard's form into a config file's text. Only the fields the form manages change: unknown fields,
// comments, key order and indentation stay as they were (jsonc-parser edits for JSON, yaml's Document for YAML).
import { applyEdits, modify, parse as parseJsonc, type FormattingOptions } from 'jsonc-parser';
import { isMap, parseDocument } from 'yaml';
import { documentFromFormValues, getPath, SECRET_KEPT, type FormField, type FormValues } from './formModel';
import { plainDocument } from './plainDocument';
import type { Problem } from './problem';

/** `drop`: dotted paths of keys to remove (unknown or misspelled keys the user renamed or dropped in the wizard). */
export function writeFormToText(original: string, fileName: string, values: FormValues, fields: readonly FormField[], drop: readonly string[] = []): string {
  const desired = documentFromFormValues(values, fields);
  const keep = new Set(fields.filter((f) => values[f.path] === SECRET_KEPT).map((f) => f.path));
  const changes = [
    ...drop.map((p) => ({ path: p.split('.'), value: undefined })),
    ...fields.filter((f) => !keep.has(f.path)).map((f) => ({ path: f.path.split('.'), value: getPath(desired, f.path) })),
  ];
  const parents = [...new Set(fields.filter((f) => f.path.includes('.')).map((f) => f.path.slice(0, f.path.lastIndexOf('.'))))]
    .sort((a, b) => b.split('.').length - a.split('.').length);
  return /\.ya?ml$/i.test(fileName) ? writeYaml(original, changes, parents) : writeJson(original, changes, parents);
}

type Change = { path: string[]; value: unknown };

function writeJson(original: string, changes: Change[], parents: string[]): string {
  const eol = original.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^([ \t]+)"/m.exec(original)?.[1] ?? '  ';
  const formattingOptions: FormattingOptions = { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol };
  let text = original.trim() === '' ? '{}' : original;
  for (const c of changes) {
    const current = getPath(parseJsonc(text), c.path.join('.'));
    if (c.value === undefined && current === undefined) continue;
    if (JSON.stringify(current) === JSON.stringify(c.value)) continue;
    text = applyEdits(text, modify(text, c.path, c.value, { formattingOptions }));
  }
  // Sections the form emptied ("autoScaler": {}) go too, innermost first.
  for (const p of parents) {
    const v = getPath(parseJsonc(text), p);
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) text = applyEdits(text, modify(text, p.split('.'), undefined, { formattingOptions }));
  }
  return text.endsWith(eol) ? text : text + eol;
}

function writeYaml(original: string, changes: Change[], parents: string[]): string {
  let doc = parseDocument(original);
  // A file that is not a mapping (empty, or broken beyond use) is replaced by what the form says.
  if (!isMap(doc.contents)) doc = parseDocument('{}');
  for (const c of changes) {
    const current = getPath(doc.toJS(), c.path.join('.'));
    if (c.value === undefined) {
      if (current !== undefined) doc.deleteIn(c.path);
    } else if (JSON.stringify(current) !== JSON.stringify(c.value)) {
      doc.setIn(c.path, c.value);
    }
  }
  for (const p of parents) {
    const node = doc.getIn(p.split('.'));
    if (isMap(node) && node.items.length === 0) doc.deleteIn(p.split('.'));
  }
  const out = doc.toString();
  return original.includes('\r\n') ? out.replace(/\r?\n/g, '\r\n') : out;
}

export interface UnknownKey {
  /** Dotted path of the key as written ("autoScaler.maxReplica"). */
  readonly path: string;
  /** The form field it most likely meant ("autoScaler.maxReplicas"), when there is one. */
  readonly suggestion?: string;
  /** Its value as form text (what a rename moves into the suggested field). */
  readonly value: string;
}

/** Keys the file has that no field knows (v1 ignored them), nested ones included, with the field each may mean. */
export function unknownKeys(problems: readonly Problem[], text: string, fields: readonly FormField[]): UnknownKey[] {
  const doc = plainDocument(text);
  const known = new Set(fields.map((f) => f.path));
  return problems
    .filter((p) => p.unknownField)
    .map((p) => {
      const parent = p.path.includes('.') ? p.path.slice(0, p.path.lastIndexOf('.') + 1) : '';
      const suggested = p.unknownField?.suggestion !== undefined ? `${parent}${p.unknownField.suggestion}` : undefined;
      const v = getPath(doc, p.path);
      const value = v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
      return { path: p.path, value, ...(suggested && known.has(suggested) ? { suggestion: suggested } : {}) };
    });
}

/** What Save removes: the keys the user dropped or renamed, and every misspelled key whose field the form writes,
 * so a file never ends up with both `maxReplica` and `maxReplicas`. */
export function keysToDrop(unknown: readonly UnknownKey[], chosen: readonly string[], values: FormValues): string[] {
  const writes = (path: string) => (values[path] ?? '') !== '';
  return unknown.filter((u) => chosen.includes(u.path) || (u.suggestion !== undefined && writes(u.suggestion))).map((u) => u.path);
}
