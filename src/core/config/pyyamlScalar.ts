// Plain (unquoted) scalars resolved exactly as PyYAML 6's SafeLoader did (YAML 1.1 implicit resolvers), since
// v1's CLI read every config, .json included, with yaml.safe_load first. The `yaml` package's 1.1 mode differs:
// it reads `1e3`, `09`, `0_8` as numbers and a bare `.` as NaN, where PyYAML keeps text.
// Regexes are PyYAML's (resolver.py), tried in its order: bool, float, int, merge, null, timestamp.

export type PyScalarType = 'bool' | 'float' | 'int' | 'null' | 'timestamp' | 'str';

export interface PyScalar {
  type: PyScalarType;
  /** JS value: numbers for int/float, text for str/timestamp. */
  value: string | number | boolean | null;
}

const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const FLOAT = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const NULL = /^(?:~|null|Null|NULL|)$/;
const TIMESTAMP = /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;

/** PyYAML's first-character filter: a resolver is tried only when the scalar starts with one of its characters. */
const FIRST: Record<string, string> = {
  bool: 'yYnNtTfFoO',
  float: '-+0123456789.',
  int: '-+0123456789',
  null: '~nN',
  timestamp: '0123456789',
};

function sexagesimal(text: string): number {
  let sign = 1;
  let t = text;
  if (t[0] === '-' || t[0] === '+') {
    if (t[0] === '-') sign = -1;
    t = t.slice(1);
  }
  let base = 1;
  let value = 0;
  const parts = t.split(':').reverse();
  for (const p of parts) {
    value += Number(p) * base;
    base *= 60;
  }
  return sign * value;
}

function constructInt(raw: string): number {
  let t = raw.replace(/_/g, '');
  let sign = 1;
  if (t[0] === '-') sign = -1;
  if (t[0] === '-' || t[0] === '+') t = t.slice(1);
  if (t === '0') return 0;
  if (t.startsWith('0b')) return sign * parseInt(t.slice(2), 2);
  if (t.startsWith('0x')) return sign * parseInt(t.slice(2), 16);
  if (t[0] === '0') return sign * parseInt(t, 8);
  if (t.includes(':')) return sign * sexagesimal(t);
  return sign * Number(t);
}

function constructFloat(raw: string): number {
  let t = raw.replace(/_/g, '').toLowerCase();
  let sign = 1;
  if (t[0] === '-') sign = -1;
  if (t[0] === '-' || t[0] === '+') t = t.slice(1);
  if (t === '.inf') return sign * Infinity;
  if (t === '.nan') return NaN;
  if (t.includes(':')) return sign * sexagesimal(t);
  return sign * Number(t);
}

/** How PyYAML's SafeLoader reads this plain scalar text. */
export function resolvePlainScalar(text: string): PyScalar {
  const first = text[0] ?? '';
  if (text === '') return { type: 'null', value: null };
  if (FIRST.bool.includes(first) && BOOL.test(text)) return { type: 'bool', value: /^(?:yes|true|on)$/i.test(text) };
  if (FIRST.float.includes(first) && FLOAT.test(text)) return { type: 'float', value: constructFloat(text) };
  if (FIRST.int.includes(first) && INT.test(text)) return { type: 'int', value: constructInt(text) };
  if (FIRST.null.includes(first) && NULL.test(text)) return { type: 'null', value: null };
  if (FIRST.timestamp.includes(first) && TIMESTAMP.test(text)) return { type: 'timestamp', value: text };
  return { type: 'str', value: text };
}
