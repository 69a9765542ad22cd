import { html } from '../html.js';

export function AlertsPage() {
  return html`<section><p>Coming with issue 15.</p></section>`;
}
