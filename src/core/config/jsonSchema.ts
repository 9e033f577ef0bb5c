// JSON Schemas (draft-07) generated from the field tables, so the JSON editor's completion, hovers and errors
// say what the core parser says. schemas/*.json hold the output; a unit test fails when they are stale.
import { DEPLOYMENT_FIELDS } from './deploymentFields';
import { describeField, type FieldSpec } from './fields';
import { INFERENCE_FIELDS } from './inferenceFields';

type Schema = Record<string, unknown>;

export function inferenceConfigJsonSchema(): Schema {
  return document('inferenceconfig.json', 'Azure ML v1 inference configuration (az ml model deploy --ic).', INFERENCE_FIELDS);
}

export function deploymentConfigJsonSchema(): Schema {
  return document('deploymentconfig.json', 'Azure ML v1 deployment configuration for AKS (az ml model deploy --dc).', DEPLOYMENT_FIELDS);
}

function document(title: string, description: string, fields: readonly FieldSpec[]): Schema {
  return { $schema: 'http://json-schema.org/draft-07/schema#', title, description, ...objectSchema(fields) };
}

function objectSchema(fields: readonly FieldSpec[]): Schema {
  const properties: Record<string, Schema> = {};
  for (const f of fields) properties[f.name] = fieldSchema(f);
  return { properties };
}

/**
 * Completion and hovers only, no validation keyword (type, bounds, pattern, enum, required, deprecation): the core's
 * diagnostics report every fault, and a rule in both places put each fault twice in Problems (`minReplicas: 0` was
 * an error from the schema and one from us). Completion still offers the enum values and true/false, via `examples`.
 */
function fieldSchema(f: FieldSpec): Schema {
  const base: Schema = {
    description: describeField(f),
    markdownDescription: markdown(f),
    default: f.default ?? f.schemaDefault ?? (f.type === 'object' && !f.absentWhenUnset ? {} : null),
  };
  switch (f.type) {
    case 'object':
    case 'objectOrString':
      return { ...base, ...objectSchema(f.fields ?? []) };
    case 'boolean':
      return { ...base, examples: [true, false] };
    case 'string':
      return f.enum ? { ...base, examples: [...f.enum] } : base;
    default:
      return base;
  }
}

function markdown(f: FieldSpec): string {
  const dflt =
    f.defaultText ??
    (f.default !== undefined ? `\`${JSON.stringify(f.default)}\`` : f.type === 'object' && !f.absentWhenUnset ? 'each field takes its own default' : 'not set');
  const extra: string[] = [];
  if (f.min) extra.push(`${f.min.exclusive ? '>' : '≥'} ${f.min.value}`);
  if (f.max !== undefined) extra.push(`≤ ${f.max}`);
  if (f.isPath) extra.push(f.name === 'sourceDirectory' ? "path relative to the config file's folder; must exist" : 'path relative to `sourceDirectory`; must exist');
  return `${f.description}${f.deprecated ? `\n\n**Deprecated:** ${f.deprecated}` : ''}\n\n**Default:** ${dflt}${extra.length ? `\n\n**Rule:** ${extra.join(', ')}` : ''}`;
}
