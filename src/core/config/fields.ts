// A declarative description of every config field (type, default, bounds, docs). One table drives three things:
// validation here, the JSON Schemas under schemas/, and the hover text — so they cannot drift apart.
import type { ScalarValue } from './source';

export type FieldType =
  | 'string'
  | 'boolean'
  | 'integer'
  | 'number'
  /** an object whose fields are listed in `fields` */
  | 'object'
  /** an object with any keys whose values are scalars (environment variables) */
  | 'stringMap'
  | 'stringArray'
  /** any object, passed through untouched (an inline conda specification) */
  | 'freeObject'
  /** a registry given as an object with `fields`, or as a plain address string (the docs show both) */
  | 'objectOrString';

export interface FieldSpec {
  name: string;
  type: FieldType;
  description: string;
  /** Applied when the field is unset and shown in hovers. */
  default?: ScalarValue;
  /** What the JSON Schema's `default` (and so completion) offers when `default` cannot say it: a default that
   * depends on other fields, or the usual value of a required field. Fields with neither get null ("not set"). */
  schemaDefault?: ScalarValue;
  /** For defaults that depend on other fields; shown instead of `default`. */
  defaultText?: string;
  required?: boolean;
  /** What to say when a required field is missing (v1's own wording where it had one). */
  requiredMessage?: string;
  /** Lower bound; `exclusive` makes it "> min". */
  min?: { value: number; exclusive: boolean };
  max?: number;
  /** Allowed values, compared case-insensitively; the config keeps the lower-case form. */
  enum?: readonly string[];
  pattern?: { regex: RegExp; hint: string };
  /** Numbers are accepted and turned into text (YAML reads `version: 1` as a number). */
  acceptNumber?: boolean;
  /** A path relative to sourceDirectory that must exist. */
  isPath?: boolean;
  /** Set for fields older SDKs wrote: accepted, with this deprecation warning. */
  deprecated?: string;
  /** Another spelling of `aliasOf`: the value lands there, with `deprecated` as the warning. */
  aliasOf?: string;
  /** An object that means something only when written (environment): left unset instead of defaulted. */
  absentWhenUnset?: boolean;
  /** Fields of an `object` (or the object form of `objectOrString`). */
  fields?: readonly FieldSpec[];
  /** The computeTypes this field means something for; other computeTypes get a warning that it is ignored. */
  onlyFor?: readonly string[];
}

export function findField(fields: readonly FieldSpec[], name: string): FieldSpec | undefined {
  return fields.find((f) => f.name === name);
}

/** Text for hovers: the description plus the default, the way v1's docs phrased it. */
export function describeField(f: FieldSpec): string {
  const dflt = f.defaultText ?? (f.default !== undefined ? JSON.stringify(f.default) : undefined);
  return dflt === undefined ? f.description : `${f.description} Default: ${dflt}.`;
}

/** Levenshtein distance, case-insensitive, for "did you mean" suggestions on unknown fields. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[t.length];
}

/** The known name closest to `name`, when it is close enough to be a likely typo (about a third of it). */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(name, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  const allowed = Math.max(2, Math.floor(name.length / 3));
  return best !== undefined && bestDistance <= allowed ? best : undefined;
}
