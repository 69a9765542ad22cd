import { html } from '../../html.js';
import { STATUS_WORDS } from './letters-api.js';

export function StatusBadge({ status }) {
  const [words, tone] = STATUS_WORDS[status] ?? [status, ''];
  return html`<span class=${`badge ${tone}`}>${words}</span>`;
}
