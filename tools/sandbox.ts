// The sandbox itself (see sandbox.mjs). Options: --port N (default 8080, or PORT), --folder DIR.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SAMPLE_PROJECT_NAME, sampleProjectFiles } from '../src/core/sampleProject';
import { repoRoot, startCodeServer } from '../test/support/codeServer';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main() {
  const port = Number(option('port', process.env.PORT ?? '8080'));
  const folder = path.resolve(option('folder', path.join(os.homedir(), 'aks-model-sandbox')));
  const project = path.join(folder, SAMPLE_PROJECT_NAME);
  if (!fs.existsSync(project)) {
    for (const f of sampleProjectFiles()) {
      fs.mkdirSync(path.dirname(path.join(project, f.path)), { recursive: true });
      fs.writeFileSync(path.join(project, f.path), f.content);
    }
    console.log(`sample model project written to ${project}`);
  } else {
    console.log(`using the existing project in ${project}`);
  }
  if (spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' }).status !== 0) throw new Error('build failed');
  const userDataDir = path.join(os.homedir(), '.cache/aks-model-deploy/sandbox-user-data');
  const server = await startCodeServer({ port, userDataDir });
  console.log(`\nAKS Model Deploy sandbox: code-server with the extension loaded, ${folder} open.`);
  console.log(`listening on ${server.workbenchUrl(folder)}`);
  console.log('Open the URL in a browser on this machine (or forward the port). Ctrl-C stops it.');
  await new Promise(() => {});
}

main().catch((err) => { console.error(err instanceof Error ? err.message : err); process.exit(1); });
