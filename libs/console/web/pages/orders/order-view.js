// One order: where it stands, its lines, its journey through the contexts, and what each context
// did for it (payment, shipment, e-mails, points). Refreshes every 2 s until the order is final
// and a little longer: a cancellation's void or refund and its e-mail land after the status.
import { useEffect, useState } from 'preact/hooks';
import { call, get } from '../../api.js';
import { ActionButton, ErrorNote, formatTime, Loading, useApi } from '../../components.js';
import { html } from '../../html.js';
import { FINAL_STATUSES, Money, StatusBadge } from './order-parts.js';
import { OrderTimeline } from './order-timeline.js';
import { EmailsPart, PaymentPart, PointsPart, ShipmentPart } from './order-contexts.js';

const REFRESH_MS = 2000;
/** how long after its last change a final order is still refreshed */
const SETTLE_MS = 10_000;

function settled(order) {
  return (
    Boolean(order) && FINAL_STATUSES.includes(order.status) && Date.now() - Date.parse(order.updatedAt) > SETTLE_MS
  );
}

export function OrderView({ orderId }) {
  const [live, setLive] = useState(true);
  const everyMs = live ? REFRESH_MS : 0;
  const order = useApi(() => get(`/orders/${encodeURIComponent(orderId)}`), [orderId], everyMs);
  const done = settled(order.data);
  useEffect(() => setLive(!done), [done]);
  if (!order.data) {
    return html`<p><a href="#/orders">← Find another order</a></p>
      ${order.error ? html`<${ErrorNote} error=${order.error} />` : html`<${Loading} what="the order" />`}`;
  }
  return html`<p><a href="#/orders">← Find another order</a></p>
    <${OrderSummary} order=${order.data} onChanged=${order.reload} />
    <${ErrorNote} error=${order.error} />
    <${OrderTimeline} orderId=${orderId} everyMs=${everyMs} />
    <div class="order-parts">
      <${PaymentPart} orderId=${orderId} everyMs=${everyMs} />
      <${ShipmentPart} orderId=${orderId} everyMs=${everyMs} />
      <${EmailsPart} orderId=${orderId} everyMs=${everyMs} />
      <${PointsPart} orderId=${orderId} customerId=${order.data.customerId} everyMs=${everyMs} />
    </div>`;
}

function OrderSummary({ order, onChanged }) {
  const cancel = async () => {
    await call('POST', `/orders/${encodeURIComponent(order.orderId)}/cancel`, {});
    await onChanged();
  };
  return html`<section aria-labelledby="order-heading">
    <h2 id="order-heading">Order <code>${order.orderId}</code></h2>
    <div class="order-summary">
      <dl class="order-facts">
        <dt>Status</dt>
        <dd data-testid="order-status"><${StatusBadge} status=${order.status} reason=${order.cancelReason} /></dd>
        <dt>Customer</dt>
        <dd>
          <a href=${`#/orders?customer=${encodeURIComponent(order.customerId)}`}><code>${order.customerId}</code></a>
        </dd>
        <dt>Total</dt>
        <dd><${Money} minor=${order.totalMinor} currency=${order.currency} /></dd>
        <dt>Placed</dt>
        <dd>${formatTime(order.createdAt)}</dd>
        <dt>Last change</dt>
        <dd>${formatTime(order.updatedAt)}</dd>
      </dl>
      <table>
        <caption class="muted">
          Lines
        </caption>
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col" class="num">Quantity</th>
            <th scope="col" class="num">Unit price</th>
          </tr>
        </thead>
        <tbody>
          ${order.lines.map(
            (line) =>
              html`<tr key=${line.sku}>
                <td><code>${line.sku}</code></td>
                <td class="num">${line.quantity}</td>
                <td class="num"><${Money} minor=${line.unitPriceMinor} currency=${order.currency} /></td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${
      order.status === 'CANCELLED'
        ? null
        : html`<p>
            <${ActionButton}
              class="danger"
              action=${cancel}
              confirm=${`Cancel order ${order.orderId}? Its stock is released and its payment voided or refunded.`}
              >Cancel the order<//
            >
          </p>`
    }
  </section>`;
}
