// Flow: how events move through every context and consumer group, refreshed every 2 s from
// GET /admin/console/flow (this process and its peers): lag per partition, outbox backlogs, rates,
// failures, and where the order saga waits. A lag that grew since the last reading is marked.
import { useRef, useState } from 'preact/hooks';
import { get } from '../api.js';
import { ErrorNote, formatDuration, formatTime, Loading, useApi } from '../components.js';
import { html } from '../html.js';

const EVERY_MS = 2000;

export function FlowPage() {
  // paused: the view keeps what it showed (the poll stops, and the one load a stopped poll makes is not shown)
  const [paused, setPaused] = useState(undefined);
  const live = useApi(() => get('/admin/console/flow'), [], paused ? 0 : EVERY_MS);
  const { data, error } = paused ?? live;
  const growing = useLagTrend(data);
  return html`<section class="flow-status">
      <p>
        <span class="updated">Updated at <time datetime=${data?.at}>${data ? formatTime(data.at) : '—'}</time></span>
        ${paused ? html` <span class="badge warn">paused</span>` : ''}
        <button
          type="button"
          class="secondary"
          onClick=${() => setPaused(paused ? undefined : { data: live.data, error: live.error })}
        >
          ${paused ? 'Resume' : 'Pause'}
        </button>
      </p>
      <${ErrorNote} error=${error} />
      ${data ? html`<${Sources} sources=${data.sources} />` : html`<${Loading} what="the flow" />`}
    </section>
    ${data?.contexts.map((c) => html`<${ContextFlow} key=${c.context} flow=${c} growing=${growing} />`)}
    ${data ? html`<${Sagas} sagas=${data.sagas} />` : ''}`;
}

/** the processes shown; a peer that did not answer is said to be unreachable, never left out */
function Sources({ sources }) {
  return html`<ul class="flow-sources" aria-label="Processes shown">
    ${sources.map(
      (s) =>
        html`<li>
          ${
            s.error
              ? html`<span class="badge bad">unreachable</span> ${s.source}: ${s.error}`
              : html`<span class="badge ok">${s.service}</span> ${s.source}`
          }
        </li>`,
    )}
  </ul>`;
}

/** keys (group, topic, partition) whose lag grew since the previous reading */
function useLagTrend(data) {
  const readings = useRef({ at: undefined, before: new Map(), now: new Map() });
  const r = readings.current;
  if (data && data.at !== r.at) {
    r.before = r.now;
    r.now = new Map(
      data.contexts.flatMap((c) =>
        c.groups.flatMap((g) => g.partitions.map((p) => [`${g.group}/${p.topic}/${p.partition}`, p.lag])),
      ),
    );
    r.at = data.at;
  }
  return (key) => (r.now.get(key) ?? 0) > (r.before.get(key) ?? 0);
}

function ContextFlow({ flow, growing }) {
  const id = `context-${flow.context}`;
  return html`<section aria-labelledby=${id}>
    <h2 id=${id}>${flow.context}</h2>
    <${Outbox} outbox=${flow.outbox} />
    ${
      flow.groups.length === 0
        ? html`<p class="muted">No consumer group of ${flow.context} runs in the processes shown.</p>`
        : html`<table>
            <caption class="visually-hidden">
              Consumer groups of ${flow.context}
            </caption>
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col" class="num">Lag</th>
                <th scope="col" class="num">Consumed/s</th>
                <th scope="col" class="num">Failures</th>
                <th scope="col" class="num">Failures/s</th>
                <th scope="col" class="num">Dead letters</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              ${flow.groups.map((g) => html`<${GroupRow} key=${g.group} context=${flow.context} group=${g} growing=${growing} />`)}
            </tbody>
          </table>`
    }
  </section>`;
}

function Outbox({ outbox }) {
  if (!outbox) return html`<p class="muted">Its outbox is relayed by a process not shown.</p>`;
  const late = outbox.oldestPendingAgeMs > 30_000;
  const age = formatDuration(outbox.oldestPendingAgeMs);
  const oldest = outbox.backlog > 0 ? html`, oldest <span class=${late ? 'badge bad' : ''}>${age}</span>` : '';
  const published = `published ${rate(outbox.publishedPerMinute)} (${outbox.publishedTotal} since start)`;
  return html`<p class="outbox">Outbox: <strong>${outbox.backlog}</strong> unpublished${oldest} · ${published}</p>`;
}

function GroupRow({ context, group: g, growing }) {
  const lagging = g.partitions.filter((p) => p.lag > 0);
  const grows = lagging.some((p) => growing(`${g.group}/${p.topic}/${p.partition}`));
  return html`<tr class=${grows ? 'lag-growing' : ''} data-group=${g.group}>
    <th scope="row">
      ${g.group}
      <div class="muted small">${g.services.join(', ')}</div>
    </th>
    <td class="num">
      ${g.lag}${grows ? html` <span class="badge warn">growing</span>` : ''}
      <${Partitions} group=${g} lagging=${lagging} growing=${growing} />
    </td>
    <td class="num">${rate(g.consumedPerMinute)}</td>
    <td class="num">${g.failuresTotal}</td>
    <td class="num">${rate(g.failuresPerMinute)}</td>
    <td class="num">
      ${
        g.deadLettersPending > 0
          ? html`<a href=${`#/dead-letters?context=${encodeURIComponent(context)}&group=${encodeURIComponent(g.group)}`}
              >${g.deadLettersPending}</a
            >`
          : '0'
      }
    </td>
    <td>
      ${
        g.waitingOn.length > 0
          ? html`<span class="badge bad">waiting on ${g.waitingOn.join(', ')}</span>`
          : html`<span class="badge ok">consuming</span>`
      }
    </td>
  </tr>`;
}

/** the partitions that lag, and every partition on demand */
function Partitions({ group, lagging, growing }) {
  if (group.partitions.length === 0) return '';
  return html`<details>
    <summary>${lagging.length} of ${group.partitions.length} partitions lag</summary>
    <table class="partitions">
      <thead>
        <tr>
          <th scope="col">Topic</th>
          <th scope="col" class="num">Partition</th>
          <th scope="col" class="num">Lag</th>
        </tr>
      </thead>
      <tbody>
        ${(lagging.length > 0 ? lagging : group.partitions).map(
          (p) =>
            html`<tr class=${growing(`${group.group}/${p.topic}/${p.partition}`) ? 'lag-growing' : ''}>
              <td>${p.topic}</td>
              <td class="num">${p.partition}</td>
              <td class="num">${p.lag}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </details>`;
}

function Sagas({ sagas }) {
  return html`<section aria-labelledby="sagas">
    <h2 id="sagas">Sagas</h2>
    ${
      sagas.length === 0
        ? html`<p class="muted">No saga runs in the processes shown.</p>`
        : html`<table>
            <thead>
              <tr>
                <th scope="col">Saga</th>
                <th scope="col">Waiting at</th>
                <th scope="col" class="num">Sagas</th>
                <th scope="col" class="num">Oldest step</th>
                <th scope="col">Waiting longest</th>
              </tr>
            </thead>
            <tbody>
              ${sagas.map(
                (s) =>
                  html`<tr key=${`${s.saga}/${s.state}`}>
                    <td>${s.saga}</td>
                    <th scope="row">${s.state.replaceAll('_', ' ')}</th>
                    <td class="num">${s.count}</td>
                    <td class="num">${s.count > 0 ? formatDuration(s.oldestStepAgeMs) : '—'}</td>
                    <td>
                      ${s.oldestId ? html`<a href=${`#/orders/${encodeURIComponent(s.oldestId)}`}>${s.oldestId}</a>` : '—'}
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}

/** events per minute (the API's whole numbers) shown per second */
function rate(perMinute) {
  return perMinute === null || perMinute === undefined ? '—' : `${(perMinute / 60).toFixed(1)}/s`;
}
