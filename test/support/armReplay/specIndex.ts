// Reads the official swagger 2.0 files from the specs folder into a list of operations the replay server can
// match requests against: path template, method, api-version, parameters (with cross-file $refs resolved),
// body schema and the x-ms-examples files that exist locally.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { specFile } from '../specsDir';
import { flattenDefinitions } from './allOfFlatten';

/** The swaggers the Azure engine talks to (relative to the specs folder). */
export const swaggerFiles = [
  'azure/resources/resource-manager/Microsoft.Resources/subscriptions/stable/2022-12-01/subscriptions.json',
  'azure/machinelearningservices/resource-manager/Microsoft.MachineLearningServices/stable/2025-12-01/workspaceRP.json',
  'azure/machinelearningservices/resource-manager/Microsoft.MachineLearningServices/stable/2025-12-01/machineLearningServices.json',
  'azure/machinelearningservices/resource-manager/Microsoft.MachineLearningServices/stable/2025-12-01/mfe.json',
  'azure/machinelearningservices/resource-manager/Microsoft.MachineLearningServices/stable/2025-12-01/registries.json',
  'azure/containerservice/resource-manager/Microsoft.ContainerService/aks/stable/2026-01-01/managedClusters.json',
];

export interface SpecParam {
  name: string;
  in: 'path' | 'query' | 'header' | 'body' | 'formData';
  required: boolean;
  type?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  /** Body schema with every $ref made absolute (file URL + pointer). */
  schema?: unknown;
}

export interface SpecOperation {
  operationId: string;
  method: string;
  template: string;
  regex: RegExp;
  pathParamNames: string[];
  apiVersion: string;
  params: SpecParam[];
  exampleFiles: string[];
  nextLinkName?: string;
  specFile: string;
}

type Json = Record<string, unknown>;

export class SpecIndex {
  readonly operations: SpecOperation[] = [];
  /** Every JSON document read (swaggers and what they $ref), by file URL, for the body schema validator. */
  readonly documents = new Map<string, Json>();

  constructor(files: string[] = swaggerFiles) {
    for (const rel of files) this.addSwagger(specFile(rel));
  }

  find(method: string, pathname: string): { op: SpecOperation; pathParams: Record<string, string> } | undefined {
    for (const op of this.operations) {
      if (op.method !== method) continue;
      const m = op.regex.exec(pathname);
      if (!m) continue;
      const pathParams: Record<string, string> = {};
      op.pathParamNames.forEach((n, i) => (pathParams[n] = decodeURIComponent(m[i + 1] as string)));
      return { op, pathParams };
    }
    return undefined;
  }

  byId(operationId: string): SpecOperation {
    const op = this.operations.find((o) => o.operationId === operationId);
    if (!op) throw new Error(`No operation ${operationId} in the loaded swaggers`);
    return op;
  }

  private load(file: string): Json {
    const url = pathToFileURL(file).href;
    let doc = this.documents.get(url);
    if (!doc) {
      doc = JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
      this.documents.set(url, doc);
    }
    return doc;
  }

  /** Follows a `$ref` (`file.json#/a/b`, `#/a/b`) from `fromFile`; returns the target and the file it lives in. */
  deref(node: Json, fromFile: string): { node: Json; file: string } {
    let current = node;
    let file = fromFile;
    for (let hops = 0; typeof current.$ref === 'string' && hops < 10; hops++) {
      const [target, pointer = ''] = (current.$ref as string).split('#');
      if (target) file = path.resolve(path.dirname(file), target);
      let value: unknown = this.load(file);
      for (const key of pointer.split('/').filter(Boolean)) {
        value = (value as Json)[key.replace(/~1/g, '/').replace(/~0/g, '~')];
      }
      if (!value) throw new Error(`Unresolvable $ref ${current.$ref as string} in ${fromFile}`);
      current = value as Json;
    }
    return { node: current, file };
  }

  private addSwagger(file: string): void {
    const doc = this.load(file);
    const apiVersion = String((doc.info as Json).version);
    for (const [template, item] of Object.entries(doc.paths as Record<string, Json>)) {
      const shared = (item.parameters as Json[] | undefined) ?? [];
      for (const [method, raw] of Object.entries(item)) {
        if (method === 'parameters' || method.startsWith('x-')) continue;
        const op = raw as Json;
        const params = [...shared, ...((op.parameters as Json[] | undefined) ?? [])].map((p) => this.param(p, file));
        const pathParamNames: string[] = [];
        const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}]+)\\?\}/g, (_m, name: string) => {
          pathParamNames.push(name);
          return '([^/]+)';
        });
        const examples = Object.values((op['x-ms-examples'] as Record<string, Json> | undefined) ?? {})
          .map((e) => path.resolve(path.dirname(file), String(e.$ref)))
          .filter((f) => fs.existsSync(f));
        const pageable = op['x-ms-pageable'] as Json | undefined;
        this.operations.push({
          operationId: String(op.operationId),
          method: method.toUpperCase(),
          template,
          regex: new RegExp(`^${pattern}$`, 'i'), // ARM paths are case-insensitive
          pathParamNames,
          apiVersion,
          params,
          exampleFiles: examples,
          nextLinkName: pageable ? ((pageable.nextLinkName as string | null) ?? undefined) : undefined,
          specFile: file,
        });
      }
    }
  }

  private param(p: Json, file: string): SpecParam {
    const { node, file: where } = this.deref(p, file);
    const param: SpecParam = {
      name: String(node.name),
      in: node.in as SpecParam['in'],
      required: node.required === true,
      type: node.type as string | undefined,
      enum: node.enum as unknown[] | undefined,
      pattern: node.pattern as string | undefined,
      minLength: node.minLength as number | undefined,
      maxLength: node.maxLength as number | undefined,
    };
    if (node.in === 'body') param.schema = absoluteRefs(node.schema, pathToFileURL(where).href);
    return param;
  }

  /** Every JSON file under the specs' azure folder that a body schema may $ref, loaded for the validator. */
  loadReferencedDocuments(): void {
    const seen = new Set<string>();
    const visit = (node: unknown, file: string): void => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach((n) => visit(n, file));
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string' && !v.startsWith('#')) {
          const target = path.resolve(path.dirname(file), v.split('#')[0] as string);
          if (!target.includes(`${path.sep}examples${path.sep}`) && !seen.has(target) && fs.existsSync(target)) {
            seen.add(target);
            visit(this.load(target), target);
          }
        } else visit(v, file);
      }
    };
    for (const [url, doc] of [...this.documents]) visit(doc, new URL(url).pathname);
  }

  /** The documents as the body validator needs them (allOf inheritance merged, see allOfFlatten.ts). */
  validatorDocuments(): [string, Json][] {
    this.loadReferencedDocuments();
    return [...this.documents].map(([url, doc]) => [url, flattenDefinitions(doc, new URL(url).pathname, (n, f) => this.deref(n, f))]);
  }
}

function absoluteRefs(node: unknown, base: string): unknown {
  if (!node || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((n) => absoluteRefs(n, base));
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === '$ref' && typeof v === 'string' ? new URL(v, base).href : absoluteRefs(v, base);
  return out;
}
