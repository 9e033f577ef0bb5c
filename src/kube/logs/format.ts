// The CLI's `logs` output for each stream event (pure): lines to stdout, replica changes and retries to stderr,
// so that `logs svc --follow > file` keeps only the log.
import { formatLogLine } from './logLine';
import type { LogEvent } from './streamLogs';

export function formatLogEvent(ev: LogEvent, options: { timestamps?: boolean } = {}): { stream: 'stdout' | 'stderr'; text: string } {
  switch (ev.kind) {
    case 'line':
      return { stream: 'stdout', text: formatLogLine(ev, options) };
    case 'replica':
      return { stream: 'stderr', text: `[${ev.replica}] ${ev.change === 'added' ? 'replica appeared, following its log' : 'replica gone'}` };
    case 'retry':
      return { stream: 'stderr', text: `[${ev.replica}] log stream interrupted (${ev.reason}); reconnecting in ${ev.delayMs} ms` };
    case 'failed':
      return { stream: 'stderr', text: `[${ev.replica}] cannot read its log (${ev.reason}); no longer following it` };
  }
}
