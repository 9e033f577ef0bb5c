// gunicorn hooks for a local run of the real azmlinfsrv. azmlinfsrv runs gunicorn with flags we cannot pass, so
// these hooks come in through GUNICORN_CMD_ARGS="--config <this file>" (gunicorn loads a config file from there and
// keeps hooks from it). Why each one:
//  - on_starting: azmlinfsrv hard-codes 0.0.0.0; a local debug server must stay on loopback (process mode), also
//    across SIGHUP reloads (gunicorn re-reads sys.argv then).
//  - post_fork: debugpy has to listen in the worker that runs score.py, not in the gunicorn master (the worker is
//    forked, and a listener in the master would never see the user's code). post_fork runs before the worker loads
//    the app, so init() can be debugged too (AKSMODEL_DEBUGPY_WAIT=1 waits for the debugger first).
//  - on_starting also preloads third-party modules so that a hot reload (SIGHUP: gunicorn forks fresh workers
//    from the warm master) costs only the user's own import and init().
//  - post_worker_init prints WORKER_READY_MARK: the signal that the new code is serving.
//  - control_socket_disable: gunicorn >= 25 opens ~/.gunicorn/gunicorn.ctl, which several local servers would share.
// azmlinfsrv's own AZUREML_DEBUG_PORT makes the server *connect* to a debugger on 127.0.0.1 (which, in a container,
// is the container itself) and block until one attaches; "attach to a listening debugpy" works in both modes.
export const GUNICORN_HOOKS_FILE = 'aksmodel_gunicorn_hooks.py';
/** Printed by a worker once init() has run; restarts wait for a fresh one. */
export const WORKER_READY_MARK = 'aksmodel: worker ready';

export const gunicornHooksPy = `# Written by AKS Model Deploy for local debugging; see src/local/serverHooks.ts.
import ast
import importlib
import importlib.util
import os
import signal
import socket
import sys
import time

control_socket_disable = True
READY_MARK = "${WORKER_READY_MARK}"


def on_starting(server):
    host = os.environ.get("AKSMODEL_BIND_HOST")
    if host:
        binds = server.cfg.settings["bind"].get()
        server.cfg.set("bind", [b.replace("0.0.0.0", host, 1) for b in binds])
        # SIGHUP re-reads the flags from sys.argv: rewrite them too, so a reload keeps the loopback address.
        sys.argv[:] = [a.replace("0.0.0.0:", f"{host}:", 1) for a in sys.argv]
    if os.environ.get("AKSMODEL_PRELOAD") == "1":
        _preload()
        # What a worker of an earlier run needed (same venv): the first hot reload is then as fast as the next.
        _import_recorded()


def _preload():
    # Hot reload restarts workers, which gunicorn forks from this master: importing the server's and the entry
    # script's third-party modules here once makes every restart skip those imports. The entry script and modules
    # of its own folder are never imported here, so the new worker always runs the saved code.
    names = ["flask", "werkzeug", "pydantic", "azureml_inference_server_http.api.aml_response"]
    entry = os.environ.get("AZUREML_ENTRY_SCRIPT", "")
    root = os.path.dirname(entry)
    try:
        with open(entry, encoding="utf-8") as f:
            tree = ast.parse(f.read())
        for node in tree.body:
            if isinstance(node, ast.Import):
                names += [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.append(node.module)
    except (OSError, SyntaxError):
        pass
    for name in names:
        try:
            spec = importlib.util.find_spec(name.split(".")[0])
            if spec is None or (spec.origin and root and spec.origin.startswith(root + os.sep)):
                continue
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a module that fails here will fail (and be reported) in the worker
            pass


def _wait_port_free(host, port, seconds):
    # After a worker restart the old worker's debugpy adapter may hold the port for a moment.
    deadline = time.time() + seconds
    while True:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        # As debugpy binds (SO_REUSEADDR): a closed debug session's TIME_WAIT must not count as "in use".
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
            return
        except OSError:
            if time.time() > deadline:
                return
            time.sleep(0.05)
        finally:
            s.close()


def post_fork(server, worker):
    port = os.environ.get("AKSMODEL_DEBUGPY_PORT")
    if not port:
        return
    import debugpy

    host = os.environ.get("AKSMODEL_DEBUGPY_HOST", "127.0.0.1")
    _wait_port_free(host, int(port), 10)
    debugpy.listen((host, int(port)))
    print(f"debugpy listening on {host}:{port} (worker {os.getpid()})", flush=True)
    if os.environ.get("AKSMODEL_DEBUGPY_WAIT") == "1":
        debugpy.wait_for_client()


SKIP = ("debugpy", "pydevd", "_pydev", "azureml_inference_server_http.server", "__main__", "gunicorn")


def _modules_file():
    state = os.environ.get("AKSMODEL_STATE_DIR")
    return os.path.join(state, "aksmodel-modules.txt") if state else None


def worker_exit(server, worker):
    # debugpy's adapter is a child of this worker and, once a client was attached, keeps the debug port for seconds
    # after the worker is gone; the replacement worker needs the port at once. Linux (/proc) only; elsewhere the
    # next worker just waits for the port.
    me = str(os.getpid())
    try:
        pids = [p for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", encoding="utf-8") as f:
                if f.read().rsplit(")", 1)[1].split()[1] == me:
                    os.kill(int(pid), signal.SIGKILL)
        except (OSError, IndexError):
            pass


def post_worker_init(worker):
    # Runs after the worker loaded the app (init() done). It records the third-party modules init() pulled in
    # (e.g. scikit-learn while unpickling), so the master can import them before forking the next worker.
    path = _modules_file()
    root = os.path.dirname(os.environ.get("AZUREML_ENTRY_SCRIPT", "")) + os.sep
    if path:
        names = [n for n, m in list(sys.modules.items())
                 if getattr(m, "__file__", None) and not m.__file__.startswith(root) and not n.startswith(SKIP)]
        try:
            with open(path, "w", encoding="utf-8") as f:
                f.write("\\n".join(names))
        except OSError:
            pass
    # The engine waits for this line after a restart: until the old worker is gone, GET / could be answered by it.
    print(f"{READY_MARK} {os.getpid()}", flush=True)


def child_exit(server, worker):
    # In the master, before it forks the replacement worker (hot reload): warm it with what the last worker used.
    _import_recorded()


def on_reload(server):
    # SIGHUP (Docker mode's reload): gunicorn calls this before it forks the new workers.
    _import_recorded()


def _import_recorded():
    path = _modules_file()
    if not path or not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as f:
        for name in f.read().split():
            if name not in sys.modules:
                try:
                    importlib.import_module(name)
                except Exception:  # noqa: BLE001 - best effort: the worker imports what it needs anyway
                    pass
`;

/** Environment for the hooks above. `debugPort` undefined = no debugger. */
export function hooksEnv(hooksPath: string, opts: { bindHost?: string; debugHost: string; debugPort?: number; waitForDebugger?: boolean; stateDir: string }): Record<string, string> {
  const env: Record<string, string> = { GUNICORN_CMD_ARGS: `--config ${hooksPath}`, AKSMODEL_PRELOAD: '1', AKSMODEL_STATE_DIR: opts.stateDir };
  if (opts.bindHost) env.AKSMODEL_BIND_HOST = opts.bindHost;
  if (opts.debugPort !== undefined) {
    env.AKSMODEL_DEBUGPY_HOST = opts.debugHost;
    env.AKSMODEL_DEBUGPY_PORT = String(opts.debugPort);
    // A worker paused at a breakpoint sends no heartbeat; gunicorn would kill it after WORKER_TIMEOUT (300 s).
    env.WORKER_TIMEOUT = '86400';
    if (opts.waitForDebugger) env.AKSMODEL_DEBUGPY_WAIT = '1';
  }
  return env;
}

/** The Azure ML environment variables of a service, for a given model root and entry script path. */
export function azureMlEnv(opts: { modelRoot: string; models: readonly { name: string; version: string }[]; entryScript: string; appRoot: string; scoringTimeoutMs: number; workerCount: number }): Record<string, string> {
  // Azure ML: one model -> AZUREML_MODEL_DIR is its version folder; several -> the root holding <name>/<version>.
  const only = opts.models.length === 1 ? opts.models[0] : undefined;
  return {
    AZUREML_MODEL_DIR: only ? `${opts.modelRoot}/${only.name}/${only.version}` : opts.modelRoot,
    AZUREML_ENTRY_SCRIPT: opts.entryScript,
    AML_APP_ROOT: opts.appRoot,
    SCORING_TIMEOUT_MS: String(opts.scoringTimeoutMs),
    WORKER_COUNT: String(opts.workerCount),
    PYTHONUNBUFFERED: '1',
  };
}
