// The human and JSON forms of a status snapshot: the tree node's one-liner, the CLI's `status` output. Pure.
import type { ServiceStatusSnapshot } from './model';

/** "3/3 ready · 2–10 · 45%/70%": ready/current replicas, the HPA range and current/target utilization (then
 * pending replicas and container restarts, when there are any). */
export function summaryLine(s: ServiceStatusSnapshot): string {
  if (!s.deployed) return 'not deployed';
  const parts = [`${s.replicas.ready}/${s.replicas.current} ready`];
  if (s.replicas.min !== undefined && s.replicas.max !== undefined) parts.push(`${s.replicas.min}–${s.replicas.max}`);
  if (s.utilization?.target !== undefined) parts.push(`${s.utilization.current !== undefined ? `${s.utilization.current}%` : '?'}/${s.utilization.target}%`);
  if (s.pending.length > 0) parts.push(`${s.pending.length} pending`);
  const restarts = s.pods.reduce((n, p) => n + p.restarts, 0);
  if (restarts > 0) parts.push(`${restarts} restart${restarts === 1 ? '' : 's'}`);
  if (!s.live) parts.push('reconnecting…');
  return parts.join(' · ');
}

/** A multi-line report for a terminal (the CLI's `status`). */
export function formatStatusHuman(s: ServiceStatusSnapshot): string {
  const lines = [`${s.service} (${s.namespace}): ${summaryLine(s)}`];
  if (!s.deployed) return lines[0] as string;
  const r = s.replicas;
  lines.push(`  replicas  current ${r.current}, desired ${r.desired}, ready ${r.ready}${r.min !== undefined ? `, min ${r.min}, max ${r.max}` : ''}`);
  if (s.utilization) {
    const u = s.utilization;
    lines.push(`  ${u.resource.padEnd(8)}  ${u.current !== undefined ? `${u.current}%` : 'unknown'} of requests (target ${u.target !== undefined ? `${u.target}%` : 'none'})`);
  }
  for (const c of s.conditions) lines.push(`  scaling   ${c.words}`);
  for (const p of s.pending) lines.push(`  pending   ${p.name}: ${p.reason}${p.message ? ` – ${p.message}` : ''}`);
  for (const p of s.pods) {
    const restarts = p.restarts > 0 ? `, restarted ${p.restarts}×${p.lastRestart ? ` (last: ${p.lastRestart})` : ''}` : '';
    lines.push(`  replica   ${p.name}  ${p.phase}${p.ready ? ', ready' : ''}${restarts}`);
  }
  for (const e of s.events) lines.push(`  event     ${e.time ?? ''} ${e.type} ${e.reason} ${e.object}: ${e.message}${e.count > 1 ? ` (×${e.count})` : ''}`);
  return lines.join('\n');
}

/** The snapshot as one JSON document (`--format json`), with the summary line included for scripts. */
export function formatStatusJson(s: ServiceStatusSnapshot): string {
  return JSON.stringify({ ...s, summary: summaryLine(s) });
}
