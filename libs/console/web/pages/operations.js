// Operations: the analytics rebuild with its progress, the invariant check, the fake gateways'
// failure modes (for demos and drills) and what a migration's shadow reports. Each section calls
// the platform's own admin endpoint and says in words when this process does not run it.
import { useEffect, useState } from 'preact/hooks';
import { get, post, put } from '../api.js';
import { ActionButton, ErrorNote, formatDuration, formatTime, Loading, useApi } from '../components.js';
import { html } from '../html.js';

export function OperationsPage() {
  return html`<${Rebuild} /> <${Invariants} /> <${GatewayModes} /> <${Migration} />`;
}

const REBUILD = '/admin/analytics/rebuild';

/** starts the rebuild and follows it (every 300 ms) until the status of the run it started is final */
function Rebuild() {
  const [started, setStarted] = useState(undefined);
  const [following, setFollowing] = useState(false);
  const { data: status, error, reload } = useApi(() => get(REBUILD), [], following ? 300 : 0);
  useEffect(() => {
    const ours = started && status?.startedAt === started.startedAt;
    setFollowing(Boolean(started) && !(ours && status.state !== 'running'));
  }, [started, status]);
  const start = async () => {
    setStarted(await post(REBUILD));
    await reload();
  };
  return html`<section aria-labelledby="rebuild">
    <h2 id="rebuild">Analytics rebuild</h2>
    <p class="hint">
      Pauses the analytics consumer, empties its read models, replays every retained event into them and resumes it. The
      rest of the platform keeps running.
    </p>
    ${
      error?.status === 404
        ? html`<p>
            The analytics context does not run in this process: rebuild it where it runs (npm run analytics:rebuild).
          </p>`
        : html`<${ErrorNote} error=${error} />
            <${ActionButton} action=${start}>Start the rebuild<//>
            ${status ? html`<${RebuildStatus} status=${status} />` : html`<${Loading} what="the rebuild's state" />`}`
    }
  </section>`;
}

function RebuildStatus({ status: s }) {
  if (s.state === 'idle') return html`<p class="muted">No rebuild since the platform started.</p>`;
  const max = Math.max(s.total, 1);
  const value = s.state === 'succeeded' ? max : Math.min(s.done, max);
  return html`<div class="rebuild-status">
    <label for="rebuild-progress">Rebuild progress</label>
    <progress id="rebuild-progress" max=${max} value=${value}>${Math.round((value / max) * 100)}%</progress>
    <p aria-live="polite">
      ${s.done} of ${s.total} records replayed · ${formatDuration(s.elapsedMs)} · started ${formatTime(s.startedAt)}
    </p>
    ${
      s.state === 'succeeded'
        ? html`<p class="rebuild-result" role="status"><span class="badge ok">succeeded</span> ${succeeded(s)}</p>`
        : ''
    }
    ${
      s.state === 'failed'
        ? html`<p class="rebuild-result error" role="alert"><span class="badge bad">failed</span> ${s.error}</p>`
        : ''
    }
  </div>`;
}

function succeeded(s) {
  const took = `in ${formatDuration(s.elapsedMs)} (finished ${formatTime(s.finishedAt)})`;
  return `${s.projected ?? 0} events projected, ${s.skipped ?? 0} skipped, ${took}.`;
}

/** runs GET /admin/invariants on demand and shows each invariant's result */
function Invariants() {
  const [report, setReport] = useState(undefined);
  const check = async () => {
    try {
      setReport({ ...(await get('/admin/invariants')), at: new Date().toISOString() });
    } catch (e) {
      if (e.status !== 404) throw e;
      throw new Error(
        'The invariant check runs only where every context runs (the single binary); elsewhere run npm run check:invariants.',
      );
    }
  };
  return html`<section aria-labelledby="invariants">
    <h2 id="invariants">Invariant check</h2>
    <p class="hint">
      Reads every context's data in one snapshot per database and checks the order flow's invariants
      (docs/invariants.md).
    </p>
    <${ActionButton} action=${check}>Check the invariants<//>
    ${report ? html`<${InvariantResults} report=${report} />` : ''}
  </section>`;
}

function InvariantResults({ report }) {
  const failed = report.results.filter((r) => !r.ok).length;
  return html`<p role="status">
      ${
        failed === 0
          ? html`<span class="badge ok">all ${report.results.length} hold</span>`
          : html`<span class="badge bad">${failed} of ${report.results.length} broken</span>`
      }
      · checked ${formatTime(report.at)} over ${report.databases} database(s)
    </p>
    <table class="invariants">
      <thead>
        <tr>
          <th scope="col">Invariant</th>
          <th scope="col">Result</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        ${report.results.map(
          (r) =>
            html`<tr key=${r.name}>
              <th scope="row">${r.name}</th>
              <td><span class=${`badge ${r.ok ? 'ok' : 'bad'}`}>${r.ok ? 'holds' : 'broken'}</span></td>
              <td>
                ${r.detail} ${r.error ? html`<p class="error">${r.error}</p>` : ''}
                ${
                  r.violations.length > 0
                    ? html`<ul>
                        ${r.violations.map((v) => html`<li>${v}</li>`)}
                      </ul>`
                    : ''
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

const GATEWAYS = [
  { id: 'payments', name: 'Payment processor', path: '/admin/payments/processor-mode' },
  { id: 'shipping', name: 'Shipping carrier', path: '/admin/shipping/carrier-mode' },
  { id: 'notifications', name: 'Notifications gateway', path: '/admin/notifications/gateway-mode' },
  { id: 'analytics', name: 'Analytics consumer', path: '/admin/analytics/mode' },
];

/** the fake gateways' modes; the choices and what each does come from the OpenAPI document */
function GatewayModes() {
  const { data: doc, error } = useApi(() => get('/docs-json'));
  return html`<section aria-labelledby="gateways">
    <h2 id="gateways">Fake gateways' failure modes</h2>
    <p class="hint">For demos and drills: each switch applies to this process only, until it restarts.</p>
    <${ErrorNote} error=${error && new Error(`Cannot list the modes: ${error.message}`)} />
    ${doc ? GATEWAYS.map((g) => html`<${GatewayMode} key=${g.id} gateway=${g} modes=${modesOf(doc, g.path)} />`) : ''}
  </section>`;
}

/** the mode property's enum and description of the PUT body's schema at `path` */
function modesOf(doc, path) {
  const ref = doc.paths?.[path]?.put?.requestBody?.content?.['application/json']?.schema?.$ref;
  const property = ref && doc.components?.schemas?.[ref.split('/').pop()]?.properties?.mode;
  return { values: property?.enum ?? [], description: property?.description ?? '' };
}

function GatewayMode({ gateway: g, modes }) {
  const { data, error, reload } = useApi(() => get(g.path), [g.path]);
  const [chosen, setChosen] = useState(undefined);
  const apply = async () => {
    await put(g.path, { mode: chosen ?? data.mode });
    await reload();
  };
  if (error?.status === 404) {
    return html`<p><strong>${g.name}</strong>: <span class="muted">does not run in this process.</span></p>`;
  }
  const selectId = `mode-${g.id}`;
  return html`<form
    class="inline gateway-mode"
    aria-label=${`${g.name} failure mode`}
    onSubmit=${(e) => e.preventDefault()}
  >
    <div>
      <label for=${selectId}>${g.name}</label>
      <select id=${selectId} value=${chosen ?? data?.mode ?? ''} onChange=${(e) => setChosen(e.currentTarget.value)}>
        ${modes.values.map((m) => html`<option value=${m}>${m}</option>`)}
      </select>
    </div>
    <${ActionButton} action=${apply}>Apply<//>
    <span class="current-mode">
      Now: ${data ? html`<span class=${`badge ${data.mode === 'normal' ? 'ok' : 'warn'}`}>${data.mode}</span>` : '…'}
    </span>
    <${ErrorNote} error=${error} />
    <p class="hint">${modes.description}</p>
  </form>`;
}

/** what a shadow run reports (shadow_comparison_results, shadow_lag_records) in the processes shown */
function Migration() {
  const { data, error } = useApi(() => get('/admin/console/flow'), [], 5000);
  const shadows = data?.shadows ?? [];
  return html`<section aria-labelledby="migration">
    <h2 id="migration">Migration: shadow and cut-over</h2>
    <${ErrorNote} error=${error} />
    ${
      !data
        ? html`<${Loading} what="the shadows" />`
        : shadows.length === 0
          ? html`<p>No shadow is running in the processes shown.</p>`
          : html`<table>
              <thead>
                <tr>
                  <th scope="col">Context</th>
                  <th scope="col">Shadow process</th>
                  <th scope="col">Comparison</th>
                  <th scope="col" class="num">Inputs behind</th>
                </tr>
              </thead>
              <tbody>
                ${shadows.map(
                  (s) =>
                    html`<tr key=${`${s.service}/${s.context}`}>
                      <th scope="row">${s.context}</th>
                      <td>${s.service}</td>
                      <td>
                        ${Object.entries(s.results).map(([result, n]) => html`<span class="badge">${result} ${n}</span> `)}
                      </td>
                      <td class="num">${s.lagRecords ?? '—'}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
    }
    <p class="hint">
      Shadow copies and the cut-over are steps of npm run migrate (docs/deploy.md): a shadow process shows here when it
      is one of CONSOLE_PEERS.
    </p>
  </section>`;
}
