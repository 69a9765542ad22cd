// Small pieces of the orders page: statuses as badges, money, times to the millisecond.
import { html } from '../../html.js';

/** the statuses after which nothing more happens to an order: its view stops refreshing */
export const FINAL_STATUSES = ['DELIVERED', 'CANCELLED'];

const TONE = { CONFIRMED: 'ok', SHIPPED: 'ok', DELIVERED: 'ok', PENDING: 'warn', CANCELLED: 'bad' };

export function StatusBadge({ status, reason }) {
  return html`<span class="badge ${TONE[status] ?? ''}">${status}${reason ? ` · ${reason}` : ''}</span>`;
}

export function Money({ minor, currency }) {
  if (minor === null || minor === undefined) return html`<span class="muted">—</span>`;
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(minor / 100);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency ?? ''}`;
  }
}

/** the time of day with milliseconds: hops between contexts take a few of them */
export function timeOfDay(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  const pad = (n, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** what a part of the order shows when the context has nothing for it (yet), or failed to answer */
export function Absent({ error, what }) {
  if (error && error.status !== 404) return html`<p class="error" role="alert">${error.message}</p>`;
  return html`<p class="muted">No ${what} yet.</p>`;
}
