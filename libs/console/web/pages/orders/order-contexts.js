// What each context did for the order, from its own public API: a part with nothing yet says so,
// a context that fails to answer says why.
import { get } from '../../api.js';
import { formatTime, useApi } from '../../components.js';
import { html } from '../../html.js';
import { Absent, Money, StatusBadge } from './order-parts.js';

const id = encodeURIComponent;

export function PaymentPart({ orderId, everyMs }) {
  const { data, error } = useApi(() => get(`/payments/${id(orderId)}`), [orderId], everyMs);
  return html`<section aria-labelledby="payment-heading">
    <h2 id="payment-heading">Payment</h2>
    ${
      data
        ? html`<dl class="order-facts">
            <dt>Status</dt>
            <dd><${StatusBadge} status=${data.status} reason=${data.declineReason} /></dd>
            <dt>Amount</dt>
            <dd><${Money} minor=${data.amountMinor} currency=${data.currency} /></dd>
            <dt>Last change</dt>
            <dd>${formatTime(data.updatedAt)}</dd>
          </dl>`
        : html`<${Absent} error=${error} what="payment" />`
    }
  </section>`;
}

export function ShipmentPart({ orderId, everyMs }) {
  const { data, error } = useApi(() => get(`/shipments/${id(orderId)}`), [orderId], everyMs);
  return html`<section aria-labelledby="shipment-heading">
    <h2 id="shipment-heading">Shipment</h2>
    ${
      data
        ? html`<dl class="order-facts">
            <dt>Status</dt>
            <dd><${StatusBadge} status=${data.status} reason=${data.cancelReason} /></dd>
            <dt>Carrier</dt>
            <dd>${data.carrier ?? '—'} ${data.trackingNumber ? html`<code>${data.trackingNumber}</code>` : null}</dd>
            <dt>Dispatched</dt>
            <dd>${formatTime(data.dispatchedAt)}</dd>
            <dt>Delivered</dt>
            <dd>${formatTime(data.deliveredAt)}</dd>
          </dl>`
        : html`<${Absent} error=${error} what="shipment" />`
    }
  </section>`;
}

export function EmailsPart({ orderId, everyMs }) {
  const { data, error } = useApi(() => get('/notifications', { orderId }), [orderId], everyMs);
  const messages = data?.messages ?? [];
  return html`<section aria-labelledby="emails-heading">
    <h2 id="emails-heading">E-mails</h2>
    ${
      messages.length > 0
        ? html`<ul class="plain">
            ${messages.map(
              (m) =>
                html`<li key=${m.kind + m.sentAt}>
                  <span class="badge">${m.kind}</span> ${m.subject}
                  <span class="muted">to ${m.recipient}, ${formatTime(m.sentAt)}</span>
                </li>`,
            )}
          </ul>`
        : html`<${Absent} error=${error} what="e-mail" />`
    }
  </section>`;
}

export function PointsPart({ orderId, customerId, everyMs }) {
  const { data, error } = useApi(() => get(`/loyalty/${id(customerId)}`), [customerId], everyMs);
  const entries = (data?.ledger ?? []).filter((entry) => entry.orderId === orderId);
  return html`<section aria-labelledby="points-heading">
    <h2 id="points-heading">Loyalty points</h2>
    ${
      entries.length > 0
        ? html`<ul class="plain">
            ${entries.map(
              (e) =>
                html`<li key=${e.kind + e.at}>
                  <span class="badge ${e.points < 0 ? 'bad' : 'ok'}">${e.kind}</span> ${e.points} points
                  <span class="muted">${formatTime(e.at)}</span>
                </li>`,
            )}
          </ul>`
        : html`<${Absent} error=${error} what="points for this order" />`
    }
    ${data ? html`<p class="muted">The customer’s balance: ${data.balance} points.</p>` : null}
  </section>`;
}
