import assert from 'node:assert/strict';
import { failingPipPackage, parseTracebacks, scriptErrorFromLog } from '../../../src/local/pythonErrors';

// The shape azmlinfsrv 1.5 prints when init() raises (captured from a real run, paths shortened).
const initFailureLog = `2026-11-27 15:53:27,018 I [2265] azmlinfsrv.user_script - Invoking user's init function
2026-11-27 15:53:27,018 E [2265] azmlinfsrv - User's init function failed
2026-11-27 15:53:27,019 E [2265] azmlinfsrv - Encountered Exception Traceback (most recent call last):
  File "/venv/lib/python3.11/site-packages/azureml_inference_server_http/server/user_script.py", line 119, in invoke_init
    self._user_init()
  File "/work/model/score.py", line 15, in init
    raise ValueError("boom in init")
ValueError: boom in init

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File "/venv/lib/python3.11/site-packages/azureml_inference_server_http/server/aml_blueprint.py", line 109, in setup
    self.user_script.invoke_init()
  File "/venv/lib/python3.11/site-packages/azureml_inference_server_http/server/user_script.py", line 121, in invoke_init
    raise UserScriptException(ex) from ex
azureml_inference_server_http.server.user_script.UserScriptException: Caught an unhandled exception from the user script

2026-11-27 15:53:27,019 I [2265] gunicorn.error - Worker exiting (pid: 2265)`;

describe('python errors', () => {
  it('parses chained tracebacks with a log prefix on the first line', () => {
    const tbs = parseTracebacks(initFailureLog);
    assert.equal(tbs.length, 2);
    assert.deepEqual(tbs[0].frames[1], { file: '/work/model/score.py', line: 15, function: 'init' });
    assert.equal(tbs[0].exception, 'ValueError: boom in init');
    assert.match(tbs[1].exception, /UserScriptException/);
  });

  it('picks the user frame of the traceback that passes through the source directory', () => {
    const e = scriptErrorFromLog(initFailureLog, '/work/model');
    assert.equal(e?.exception, 'ValueError: boom in init');
    assert.deepEqual(e?.frame, { file: '/work/model/score.py', line: 15, function: 'init' });
    assert.match(e?.traceback ?? '', /raise ValueError/);
  });

  it('maps container paths back to the local source directory', () => {
    const log = initFailureLog.replaceAll('/work/model/', '/var/azureml-app/model/');
    const e = scriptErrorFromLog(log, '/home/me/model', '/var/azureml-app/model');
    assert.equal(e?.frame?.file, '/home/me/model/score.py');
    assert.equal(e?.frame?.line, 15);
  });

  it('finds nothing when no traceback names the source directory', () => {
    assert.equal(scriptErrorFromLog(initFailureLog, '/elsewhere'), undefined);
  });

  it('names the package pip could not install', () => {
    assert.equal(failingPipPackage('ERROR: Could not find a version that satisfies the requirement nopkg-xyz==9 (from versions: none)\nERROR: No matching distribution found for nopkg-xyz==9'), 'nopkg-xyz==9');
    assert.equal(failingPipPackage('  error: subprocess-exited-with-error\n  ERROR: Failed building wheel for pyyaml\nERROR: Failed to build installable wheels for some pyproject.toml based projects (pyyaml)'), 'pyyaml');
    assert.equal(failingPipPackage('Collecting brokenpkg\n  Downloading brokenpkg-1.0.tar.gz\n  error: subprocess-exited-with-error\n'), 'brokenpkg');
    assert.equal(failingPipPackage('Successfully installed x'), undefined);
  });
});
