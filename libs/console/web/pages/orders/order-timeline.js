// The order's journey through the contexts (GET /admin/console/orders/:id/timeline): each event,
// the context that produced it, each consumer group that handled it and how long that hop took.
import { get } from '../../api.js';
import { ErrorNote, formatDuration, Loading, useApi } from '../../components.js';
import { html } from '../../html.js';
import { timeOfDay } from './order-parts.js';

export function OrderTimeline({ orderId, everyMs }) {
  const { data, error } = useApi(
    () => get(`/admin/console/orders/${encodeURIComponent(orderId)}/timeline`),
    [orderId],
    everyMs,
  );
  return html`<section aria-labelledby="timeline-heading">
    <h2 id="timeline-heading">Timeline</h2>
    ${data ? html`<${Trace} timeline=${data} />` : null}
    ${data?.unreachablePeers.map(
      (p) => html`<p class="error" role="alert">No answer from ${p.peer}: its part is missing (${p.error}).</p>`,
    )}
    ${data ? html`<${Events} events=${data.events} />` : null}
    ${!data && error?.status === 404 ? html`<p class="muted">${error.message}</p>` : null}
    ${!data && error && error.status !== 404 ? html`<${ErrorNote} error=${error} />` : null}
    ${!data && !error ? html`<${Loading} what="the timeline" />` : null}
    ${data && error ? html`<p class="error" role="alert">${error.message}</p>` : null}
  </section>`;
}

function Trace({ timeline }) {
  if (timeline.traceUrl) {
    return html`<p><a href=${timeline.traceUrl} target="_blank" rel="noopener">Open the order’s trace</a></p>`;
  }
  if (timeline.traceId) return html`<p>Trace id <code>${timeline.traceId}</code></p>`;
  return null;
}

function Events({ events }) {
  return html`<table class="timeline">
    <thead>
      <tr>
        <th scope="col">Produced</th>
        <th scope="col">Event</th>
        <th scope="col">By</th>
        <th scope="col" class="num">Published after</th>
        <th scope="col">Handled by (hop time)</th>
      </tr>
    </thead>
    <tbody>
      ${events.map(
        (e) =>
          html`<tr key=${e.eventId}>
            <td>${timeOfDay(e.producedAt)}</td>
            <td>${e.type}${e.topic.endsWith('.dlq') ? html` <span class="badge bad">dead letter</span>` : null}</td>
            <td>${e.producer}</td>
            <td class="num">
              ${e.publishedAt ? formatDuration(Date.parse(e.publishedAt) - Date.parse(e.producedAt)) : 'waiting'}
            </td>
            <td>
              ${e.handledBy.length === 0 ? html`<span class="muted">not handled yet</span>` : null}
              ${e.handledBy.map(
                (h) =>
                  html`<span class="hop" key=${h.group}
                    >${h.group} <span class="muted">${formatDuration(h.hopMs)}</span></span
                  >`,
              )}
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
