import { html } from '../html.js';

export function OrdersPage() {
  return html`<section><p>Coming with issue 15.</p></section>`;
}
