import type { DeadLetterDetails, DeadLetterPage, DeadLetterSummary, RedriveResult } from '@platform/dead-letters';
import { clip, textTable } from './text-table';

export function renderPage(page: DeadLetterPage): string {
  if (page.items.length === 0) return 'no dead letters match';
  const table = textTable(
    ['LETTER', 'STATUS', 'LAST FAILURE', 'TOPIC', 'KEY', 'ERROR', 'TRIES', 'MESSAGE'],
    page.items.map((l: DeadLetterSummary) => [
      `${l.context}/${l.id}`,
      l.status,
      l.lastFailedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
      l.topic,
      clip(l.key, 24),
      l.errorCode,
      String(l.attempts),
      clip(l.errorMessage, 60),
    ]),
  );
  const more = page.nextCursor ? `\nmore: add --cursor ${page.nextCursor}` : '';
  return `${table}\n${page.items.length} letter(s)${more}`;
}

export function renderLetter(l: DeadLetterDetails): string {
  const value = Buffer.from(l.valueBase64, 'base64');
  const fields: Array<[string, string]> = [
    ['letter', `${l.context}/${l.id}`],
    ['status', l.status + (l.resolvedAt ? ` at ${l.resolvedAt}` : '')],
    ['resolution', l.resolution ?? ''],
    ['consumer group', l.group],
    ['source', `${l.topic} partition ${l.partition ?? '?'} offset ${l.offset ?? '?'}`],
    ['key', l.key ?? ''],
    ['event', `${l.eventType ?? '?'} ${l.eventId ?? ''}`.trim()],
    ['error', `${l.errorCode} (${l.errorClass ?? 'unknown class'})`],
    ['message', l.errorMessage],
    ['attempts', String(l.attempts)],
    ['first failure', l.firstFailedAt],
    ['last failure', l.lastFailedAt],
    ['re-driven from', l.redrivenFrom ? `${l.context}/${l.redrivenFrom}` : ''],
  ];
  const width = Math.max(...fields.map(([name]) => name.length));
  const lines = fields.filter(([, v]) => v !== '').map(([name, v]) => `${name.padEnd(width)}  ${v}`);
  const headers = Object.entries(l.headers).map(([name, v]) => `  ${name}: ${v}`);
  return [
    ...lines,
    'headers',
    ...headers,
    `value (${value.length} bytes, base64)`,
    `  ${l.valueBase64.length > 400 ? `${l.valueBase64.slice(0, 400)}… (--json for all)` : l.valueBase64}`,
    'stack',
    ...(l.errorStack ?? '(none)').split('\n').map((line) => `  ${line}`),
  ].join('\n');
}

export function renderRedrives(results: readonly RedriveResult[]): string {
  if (results.length === 0) return 'no pending dead letters match: nothing re-driven';
  const table = textTable(
    ['LETTER', 'OUTCOME', 'STATUS', 'NEW LETTER'],
    results.map((r) => [
      `${r.context}/${r.id}`,
      r.outcome,
      r.status,
      r.newDeadLetterId ? `${r.context}/${r.newDeadLetterId}` : '',
    ]),
  );
  const failed = results.filter((r) => r.outcome === 'dead_lettered').length;
  return `${table}\n${results.length} re-driven, ${results.length - failed} settled, ${failed} failed again`;
}
