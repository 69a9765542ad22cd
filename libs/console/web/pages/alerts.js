// Alerts: which of the platform's alert rules would fire now (GET /admin/alerts, every 5 s),
// firing ones first, each with what it means and the runbook to follow.
import { get } from '../api.js';
import { ErrorNote, formatTime, Loading, useApi } from '../components.js';
import { html } from '../html.js';

const EVERY_MS = 5000;

export function AlertsPage() {
  const { data, error } = useApi(
    async () => ({ ...(await get('/admin/alerts')), at: new Date().toISOString() }),
    [],
    EVERY_MS,
  );
  if (error?.status === 404) {
    return html`<section>
      <p>The platform has no alert endpoint: this version cannot tell which alerts would fire.</p>
    </section>`;
  }
  const alerts = [...(data?.alerts ?? [])].sort((a, b) => Number(b.state === 'firing') - Number(a.state === 'firing'));
  const firing = alerts.filter((a) => a.state === 'firing').length;
  return html`<section>
    <${ErrorNote} error=${error} />
    ${
      !data
        ? html`<${Loading} what="the alerts" />`
        : html`<p role="status">
              ${
                firing === 0
                  ? html`<span class="badge ok">none firing</span>`
                  : html`<span class="badge bad">${firing} firing</span>`
              }
              · ${alerts.length} rules · checked ${formatTime(data.at)}
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
            </table>`
    }
  </section>`;
}

function AlertRow({ alert: a }) {
  return html`<tr class=${a.state === 'firing' ? 'firing' : ''}>
    <td><span class=${`badge ${a.state === 'firing' ? 'bad' : 'ok'}`}>${a.state}</span></td>
    <th scope="row">${a.name}</th>
    <td>${a.severity}</td>
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
    <td><${Runbook} runbook=${a.runbook} /></td>
  </tr>`;
}

/** a link when the runbook is a URL, else the line as written (a docs path, a command) */
function Runbook({ runbook }) {
  if (!runbook) return '—';
  return /^https?:\/\//.test(runbook) ? html`<a href=${runbook}>${runbook}</a>` : html`<code>${runbook}</code>`;
}
