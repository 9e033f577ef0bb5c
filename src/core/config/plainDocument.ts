// A config file's content as plain data (for a form), read as leniently as the validator reads it:
// YAML 1.1, which also reads JSON. Unreadable text gives an empty document rather than an exception.
import { parse } from 'yaml';

export function plainDocument(text: string): Record<string, unknown> {
  try {
    const doc: unknown = parse(text, { version: '1.1', uniqueKeys: false });
    return doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
