import { html } from '../html.js';

export function DeadLettersPage() {
  return html`<section><p>Coming with issue 15.</p></section>`;
}
