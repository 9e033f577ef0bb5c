// The whole-run secret grep (issue 19): every key, token and password the tests registered (test/support/
// testSecrets.ts, into $AKS_TEST_RUN_DIR/secrets.txt) is searched for in every log, output channel, state file and
// artifact the run kept: test-results/ and $AKS_TEST_RUN_DIR (code-server logs and extension state are copied
// there by test/support/codeServer.ts before a workbench's folder is removed). 0 hits, or the check fails.
// Each hit names the file and which secret (by its first 4 characters), never the secret itself.
import fs from 'node:fs';
import path from 'node:path';

const MAX_FILE_BYTES = 200 * 1024 * 1024;

function* files(root) {
  if (!fs.existsSync(root)) return;
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop();
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) yield p;
    }
  }
}

/** Returns { secrets, scanned, hits: [{ file, secret }] }. */
export function secretGrep({ runDir, roots }) {
  const secretsFile = path.join(runDir, 'secrets.txt');
  const secrets = fs.existsSync(secretsFile)
    ? [...new Set(fs.readFileSync(secretsFile, 'utf8').split('\n').filter((s) => s.length >= 8))]
    : [];
  const hits = [];
  let scanned = 0;
  for (const root of [runDir, ...roots]) {
    for (const file of files(root)) {
      if (file === secretsFile) continue;
      const size = fs.statSync(file).size;
      if (size > MAX_FILE_BYTES) continue;
      scanned += 1;
      const bytes = fs.readFileSync(file);
      for (const s of secrets) {
        // Also as base64 (a Secret's data, a docker config) of the secret itself.
        if (bytes.includes(s) || bytes.includes(Buffer.from(s).toString('base64'))) hits.push({ file, secret: `${s.slice(0, 4)}…` });
      }
    }
  }
  return { secrets: secrets.length, scanned, hits };
}

// node tools/test/secretGrep.mjs RUN_DIR [MORE_ROOTS...]: prints the result as JSON, exit 1 on any hit.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const [runDir, ...roots] = process.argv.slice(2);
  const r = secretGrep({ runDir, roots });
  console.log(JSON.stringify(r));
  process.exit(r.hits.length ? 1 : 0);
}
