// The mapping between a config document and a wizard form, driven by the same field tables as validation.
// A form holds text per field path ("autoScaler.minReplicas" → "2"); empty text means "not set".
// Secrets (keys, registry passwords) never enter a form: they show as SECRET_KEPT and are left as they are on disk.
import { DEPLOYMENT_FIELDS } from './deploymentFields';
import type { FieldSpec } from './fields';
import { INFERENCE_FIELDS } from './inferenceFields';
import type { ConfigKind } from './configKind';
import type { Problem } from './problem';

export const SECRET_KEPT = '\u0000kept';

export interface FormField {
  readonly path: string;
  readonly spec: FieldSpec;
  /** The section the field is shown in: the top-level object it belongs to, or "general". */
  readonly group: string;
  readonly secret: boolean;
}

export type FormValues = Record<string, string>;

const SECRET_NAME = /(key|password)$/i;
/** Kinds of value a form cannot edit well; they stay in the file untouched (open the JSON to edit them). */
const NOT_IN_FORM = new Set(['freeObject']);

export function formFields(kind: ConfigKind): FormField[] {
  const out: FormField[] = [];
  const walk = (fields: readonly FieldSpec[], prefix: string, group: string) => {
    for (const spec of fields) {
      if (spec.aliasOf || spec.deprecated || NOT_IN_FORM.has(spec.type)) continue;
      const path = prefix ? `${prefix}.${spec.name}` : spec.name;
      if ((spec.type === 'object' || spec.type === 'objectOrString') && spec.fields) walk(spec.fields, path, prefix ? group : spec.name);
      else out.push({ path, spec, group: prefix ? group : 'general', secret: spec.type === 'string' && SECRET_NAME.test(spec.name) });
    }
  };
  walk(kind === 'inference' ? INFERENCE_FIELDS : DEPLOYMENT_FIELDS, '', 'general');
  return out;
}

export function getPath(doc: unknown, path: string): unknown {
  let cur = doc;
  for (const part of path.split('.')) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** A document (parsed JSON or YAML) as form text. The string form of a registry is shown as its address. */
export function formValuesFromDocument(doc: unknown, fields: readonly FormField[]): FormValues {
  const values: FormValues = {};
  for (const f of fields) {
    let v = getPath(doc, f.path);
    if (v === undefined && f.path.endsWith('.address')) {
      const parent = getPath(doc, f.path.slice(0, -'.address'.length));
      if (typeof parent === 'string') v = parent;
    }
    if (v === undefined || v === null) continue;
    if (f.secret) values[f.path] = SECRET_KEPT;
    else if (f.spec.type === 'stringMap' && typeof v === 'object') values[f.path] = Object.entries(v as object).map(([k, x]) => `${k}=${x}`).join('\n');
    else if (f.spec.type === 'stringArray' && Array.isArray(v)) values[f.path] = v.join('\n');
    else values[f.path] = typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return values;
}

/** The typed value a form field's text stands for; text that is not of the field's type stays text, so the
 * validator reports it in its own words ("expected a number, found "abc""). */
export function fieldValue(f: FormField, text: string): unknown {
  const t = text.trim();
  switch (f.spec.type) {
    case 'integer':
    case 'number':
      return t !== '' && Number.isFinite(Number(t)) ? Number(t) : text;
    case 'boolean':
      return t === 'true' ? true : t === 'false' ? false : text;
    case 'stringMap':
      return Object.fromEntries(text.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
        const i = l.indexOf('=');
        return i < 0 ? [l, ''] : [l.slice(0, i).trim(), l.slice(i + 1)];
      }));
    case 'stringArray':
      return text.split('\n').map((l) => l.trim()).filter(Boolean);
    default:
      return text;
  }
}

/** The form as a document of known fields only, for validation and for writing. Secrets kept stay out of it. */
export function documentFromFormValues(values: FormValues, fields: readonly FormField[]): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const f of fields) {
    const text = values[f.path];
    if (text === undefined || text.trim() === '' || text === SECRET_KEPT) continue;
    const parts = f.path.split('.');
    let cur = doc;
    for (const p of parts.slice(0, -1)) cur = (cur[p] ??= {}) as Record<string, unknown>;
    cur[parts[parts.length - 1]] = fieldValue(f, text);
  }
  return doc;
}

/** Each problem placed at the field it is about; cross-field and whole-file problems are general. */
export function problemsByField(problems: readonly Problem[], fields: readonly FormField[]): { byField: Map<string, Problem[]>; general: Problem[] } {
  const byField = new Map<string, Problem[]>();
  const general: Problem[] = [];
  const known = new Set(fields.map((f) => f.path));
  for (const p of problems) {
    const path = p.path.replace(/\[\d+\]$/, '');
    if (known.has(path)) byField.set(path, [...(byField.get(path) ?? []), p]);
    else general.push(p);
  }
  return { byField, general };
}
