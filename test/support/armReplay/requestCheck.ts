// Checks one incoming request against the swagger operation it claims to be: api-version, path parameter
// constraints, required/unknown/enum query parameters and the JSON body schema (ajv, draft-04 like swagger 2.0).
import Ajv04 from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv';
import type { SpecIndex, SpecOperation, SpecParam } from './specIndex';

export class RequestChecker {
  private readonly ajv: Ajv04;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(index: SpecIndex) {
    // Swagger schemas carry x-ms-* extensions, `discriminator`, and formats such as int32/arm-id: not strict.
    this.ajv = new Ajv04({ strict: false, validateSchema: false, allErrors: true, logger: false });
    for (const [url, doc] of index.validatorDocuments()) this.ajv.addSchema(doc, url);
  }

  /** Every way the request departs from the operation; empty when the spec allows it. */
  check(op: SpecOperation, pathParams: Record<string, string>, query: URLSearchParams, body: string): string[] {
    const problems: string[] = [];
    const declared = new Map(op.params.map((p) => [`${p.in}:${p.name}`, p]));
    for (const p of op.params) {
      if (p.in === 'path') problems.push(...checkValue(p, pathParams[p.name]));
      if (p.in === 'query') {
        const values = query.getAll(p.name);
        if (values.length === 0 && p.required) problems.push(`missing required query parameter ${p.name}`);
        for (const v of values) problems.push(...checkValue(p, v));
      }
    }
    if (!declared.has('query:api-version')) problems.push('operation declares no api-version (unexpected)');
    const apiVersion = query.get('api-version');
    if (apiVersion !== op.apiVersion) problems.push(`api-version ${apiVersion ?? '(none)'} is not the spec's ${op.apiVersion}`);
    for (const name of new Set(query.keys())) {
      if (!declared.has(`query:${name}`)) problems.push(`unknown query parameter ${name}`);
      if (query.getAll(name).length > 1) problems.push(`query parameter ${name} given more than once`);
    }
    problems.push(...this.checkBody(op, body));
    return problems.map((p) => `${op.operationId}: ${p}`);
  }

  private checkBody(op: SpecOperation, body: string): string[] {
    const param = op.params.find((p) => p.in === 'body');
    if (!param) return body.length > 0 ? ['a request body was sent but the operation takes none'] : [];
    if (body.length === 0) return param.required ? ['missing required request body'] : [];
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return ['the request body is not JSON'];
    }
    let validate = this.validators.get(op.operationId);
    if (!validate) {
      validate = this.ajv.compile(param.schema as object);
      this.validators.set(op.operationId, validate);
    }
    if (validate(json)) return [];
    return (validate.errors ?? []).map((e) => `body${e.instancePath} ${e.message ?? 'is invalid'}`);
  }
}

function checkValue(p: SpecParam, value: string | undefined): string[] {
  if (value === undefined) return [];
  const out: string[] = [];
  const where = `${p.in} parameter ${p.name}`;
  if (p.enum && !p.enum.map(String).includes(value)) out.push(`${where} "${value}" is not one of ${p.enum.join(', ')}`);
  if (p.pattern && !new RegExp(p.pattern).test(value)) out.push(`${where} "${value}" does not match ${p.pattern}`);
  if (p.minLength !== undefined && value.length < p.minLength) out.push(`${where} is shorter than ${p.minLength}`);
  if (p.maxLength !== undefined && value.length > p.maxLength) out.push(`${where} is longer than ${p.maxLength}`);
  if (p.type === 'integer' && !/^-?\d+$/.test(value)) out.push(`${where} "${value}" is not an integer`);
  if (p.type === 'boolean' && value !== 'true' && value !== 'false') out.push(`${where} "${value}" is not a boolean`);
  return out;
}
