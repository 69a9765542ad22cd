// The list's filters as a form; applying them changes the address, so a filtered view can be
// bookmarked and the back button returns to the previous filters.
import { useState } from 'preact/hooks';
import { html } from '../../html.js';
import { routeTo } from '../../router.js';
import { filtersOf } from './letters-api.js';

const TEXT_FIELDS = [
  ['group', 'Consumer group', 'payments'],
  ['topic', 'Topic', 'orders.order-confirmed.v1'],
  ['errorCode', 'Error code', 'SHIPPING.CARRIER_UNAVAILABLE'],
  ['key', 'Key (order id)', ''],
];

export function FilterForm({ query, contexts }) {
  const [values, setValues] = useState(() => filtersOf(query));
  const set = (name) => (event) => setValues({ ...values, [name]: event.currentTarget.value });
  const apply = (event) => {
    event.preventDefault();
    routeTo('dead-letters', [], withIsoTimes(values));
  };
  const clear = () => {
    setValues({});
    routeTo('dead-letters', [], {});
  };
  return html`<form class="inline" role="search" aria-label="Filter dead letters" onSubmit=${apply}>
    <div>
      <label for="dl-context">Context</label>
      <input id="dl-context" list="dl-contexts" size="12" value=${values.context ?? ''} onInput=${set('context')} />
      <datalist id="dl-contexts">${contexts.map((c) => html`<option value=${c} />`)}</datalist>
    </div>
    ${TEXT_FIELDS.map(
      ([name, label, placeholder]) =>
        html`<div>
          <label for=${`dl-${name}`}>${label}</label>
          <input id=${`dl-${name}`} placeholder=${placeholder} value=${values[name] ?? ''} onInput=${set(name)} />
        </div>`,
    )}
    <div>
      <label for="dl-status">Status</label>
      <select id="dl-status" value=${values.status ?? ''} onChange=${set('status')}>
        <option value="">any</option>
        <option value="pending">pending</option>
        <option value="resolved">resolved</option>
        <option value="redriven">re-driven, failed again</option>
        <option value="discarded">discarded</option>
      </select>
    </div>
    <div>
      <label for="dl-from">Failed from</label>
      <input id="dl-from" type="datetime-local" value=${toLocalInput(values.from)} onInput=${set('from')} />
    </div>
    <div>
      <label for="dl-to">Failed before</label>
      <input id="dl-to" type="datetime-local" value=${toLocalInput(values.to)} onInput=${set('to')} />
    </div>
    <button type="submit">Apply filters</button>
    <button type="button" class="secondary" onClick=${clear}>Clear</button>
  </form>`;
}

/** the address keeps times as ISO-8601, as the API takes them; the inputs show local time */
function withIsoTimes(values) {
  const iso = (v) => (v && !v.endsWith('Z') ? new Date(v).toISOString() : v);
  return { ...values, from: iso(values.from), to: iso(values.to) };
}

function toLocalInput(value) {
  if (!value || !value.endsWith('Z')) return value ?? '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
