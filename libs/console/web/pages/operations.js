import { html } from '../html.js';

export function OperationsPage() {
  return html`<section><p>Coming with issue 15.</p></section>`;
}
