// Renders ServiceStats in the Prometheus text exposition format (version 0.0.4).
import type { ServiceStats } from './service-stats.ts';

export function prometheusText(stats: ServiceStats): string {
  const out: string[] = [];
  const family = (name: string, type: string, help: string) =>
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  const sample = (name: string, labels: Record<string, string>, value: number) => {
    const text = Object.entries(labels)
      .map(([key, label]) => `${key}="${label.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
      .join(',');
    out.push(`${name}${text ? `{${text}}` : ''} ${Number.isFinite(value) ? value : 'NaN'}`);
  };

  family('timetable_sync_people', 'gauge', 'People by sync status.');
  for (const [status, count] of Object.entries(stats.people)) sample('timetable_sync_people', { status }, count);
  family('timetable_sync_runs_total', 'counter', 'Finished runs (sync, reconcile, purge, dry run) by outcome.');
  for (const run of stats.runs)
    sample('timetable_sync_runs_total', { kind: run.kind, outcome: run.outcome }, run.count);
  family('timetable_sync_graph_writes_total', 'counter', 'Writes sent to Microsoft Graph by action and HTTP status.');
  for (const write of stats.writes) {
    sample('timetable_sync_graph_writes_total', { action: write.action, status: write.status }, write.count);
  }
  family('timetable_sync_graph_requests_total', 'counter', 'HTTP requests sent to Microsoft Graph by runs.');
  sample('timetable_sync_graph_requests_total', {}, stats.graphRequests);
  family('timetable_sync_graph_throttled_total', 'counter', 'Throttled Graph responses (429, 503, 504).');
  sample('timetable_sync_graph_throttled_total', {}, stats.throttled);
  family('timetable_sync_queue_up', 'gauge', '1 when the job queue could be read.');
  sample('timetable_sync_queue_up', {}, stats.queue ? 1 : 0);
  if (stats.queue) {
    family('timetable_sync_queue_jobs', 'gauge', 'Sync jobs by state (created and retry are waiting).');
    for (const [state, count] of Object.entries(stats.queue.byState))
      sample('timetable_sync_queue_jobs', { state }, count);
    const { latency } = stats.queue;
    const name = 'timetable_sync_change_to_outlook_seconds';
    family(name, 'summary', 'Time from a timetable change reaching us to its Outlook write, jobs of the last hour.');
    if (latency.p50Ms !== null) sample(name, { quantile: '0.5' }, latency.p50Ms / 1000);
    if (latency.p95Ms !== null) sample(name, { quantile: '0.95' }, latency.p95Ms / 1000);
    sample(`${name}_sum`, {}, latency.sumMs / 1000);
    sample(`${name}_count`, {}, latency.count);
  }
  return `${out.join('\n')}\n`;
}
