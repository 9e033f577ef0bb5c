// The one logging interface the engine uses; src/ui adapts it to a LogOutputChannel, tests and the CLI to stderr.
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
}

/** A logger that tags each line with the component that wrote it ("[kube] applied Deployment x"). */
export function taggedLogger(base: Logger, component: string): Logger {
  const tag = (m: string | Error) => `[${component}] ${m instanceof Error ? m.message : m}`;
  return {
    trace: (m) => base.trace(tag(m)),
    debug: (m) => base.debug(tag(m)),
    info: (m) => base.info(tag(m)),
    warn: (m) => base.warn(tag(m)),
    error: (m) => base.error(tag(m)),
  };
}

export const silentLogger: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
