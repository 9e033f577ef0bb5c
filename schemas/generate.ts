// Writes schemas/*.json from the core field tables: `node --import tsx schemas/generate.ts`.
// test/unit/config/schemas.test.ts fails when the committed files differ from this output.
import fs from 'node:fs';
import path from 'node:path';
import { deploymentConfigJsonSchema, inferenceConfigJsonSchema } from '../src/core/config/jsonSchema';

export const SCHEMA_FILES = {
  'inferenceconfig.schema.json': inferenceConfigJsonSchema,
  'deploymentconfig.schema.json': deploymentConfigJsonSchema,
} as const;

export function schemaText(make: () => object): string {
  return `${JSON.stringify(make(), null, 2)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  for (const [name, make] of Object.entries(SCHEMA_FILES)) {
    fs.writeFileSync(path.join(__dirname, name), schemaText(make));
    console.log(`wrote schemas/${name}`);
  }
}
