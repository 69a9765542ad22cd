// Alerts: which of the platform's alert rules would fire now (GET /admin/alerts, every 5 s),
// firing ones first, each with what decided it and the runbook to follow. The process serving the
// console judges from its own metrics; Prometheus, which scrapes every deployable, is the authority.
import { get } from '../api.js';
import { ErrorNote, formatTime, Loading, useApi } from '../components.js';
import { html } from '../html.js';

const EVERY_MS = 5000;

export function AlertsPage() {
  const { data, error } = useApi(() => get('/admin/alerts'), [], EVERY_MS);
  if (error?.status === 404) {
    return html`<section>
      <p>The platform has no alert endpoint: this version cannot tell which alerts would fire.</p>
    </section>`;
  }
  return html`<section>
    <${ErrorNote} error=${error} />
    ${data ? html`<${AlertTable} data=${data} />` : html`<${Loading} what="the alerts" />`}
  </section>`;
}

function AlertTable({ data }) {
  const alerts = [...data.alerts].sort((a, b) => Number(b.state === 'firing') - Number(a.state === 'firing'));
  const firing = alerts.filter((a) => a.state === 'firing').length;
  const count = firing === 0 ? 'none firing' : `${firing} firing`;
  return html`<p role="status">
      <span class=${`badge ${firing === 0 ? 'ok' : 'bad'}`}>${count}</span> · ${alerts.length} rules · judged
      ${' '}${formatTime(data.evaluatedAt)} from this process's metrics
    </p>
    <table class="alerts">
      <thead>
        <tr>
          <th scope="col">State</th>
          <th scope="col">Alert</th>
          <th scope="col">Severity</th>
          <th scope="col">Summary</th>
          <th scope="col">Details</th>
          <th scope="col">Runbook</th>
        </tr>
      </thead>
      <tbody>
        ${alerts.map((a) => html`<${AlertRow} key=${a.name} alert=${a} />`)}
      </tbody>
    </table>`;
}

function AlertRow({ alert: a }) {
  return html`<tr class=${a.state === 'firing' ? 'firing' : ''}>
    <td><span class=${`badge ${a.state === 'firing' ? 'bad' : 'ok'}`}>${a.state}</span></td>
    <th scope="row">${a.name}</th>
    <td><span class=${`badge ${a.severity === 'critical' ? 'bad' : 'warn'}`}>${a.severity}</span></td>
    <td>${a.summary}</td>
    <td>
      ${
        a.details?.length
          ? html`<ul>
              ${a.details.map((d) => html`<li>${d}</li>`)}
            </ul>`
          : '—'
      }
    </td>
    <td><${Runbook} runbook=${a.runbook} docs=${a.docs} /></td>
  </tr>`;
}

/** what to do first, as written, and the docs section (a link when it is a URL) */
function Runbook({ runbook, docs }) {
  const isUrl = /^https?:\/\//.test(docs ?? '');
  // the runbook line usually names its docs section already
  const where =
    !docs || runbook?.includes(docs) ? '' : isUrl ? html`<a href=${docs}>${docs}</a>` : html`<code>${docs}</code>`;
  return html`${runbook || '—'} ${where ? html`<div class="small">${where}</div>` : ''}`;
}
