// Orders: find one by id, or list a customer's; an order's view is at #/orders/<id>.
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { ErrorNote, formatTime, Loading, useApi } from '../components.js';
import { html } from '../html.js';
import { routeTo } from '../router.js';
import { Money, StatusBadge } from './orders/order-parts.js';
import { OrderView } from './orders/order-view.js';

export function OrdersPage({ route }) {
  const [orderId] = route.rest;
  // keyed, so another order or customer starts afresh (its paging, its refresh)
  if (orderId) return html`<${OrderView} key=${orderId} orderId=${orderId} />`;
  return html`<${OrderSearch} customerId=${route.query.customer ?? ''} />
    ${route.query.customer ? html`<${CustomerOrders} key=${route.query.customer} customerId=${route.query.customer} />` : null}`;
}

function OrderSearch({ customerId }) {
  const [orderId, setOrderId] = useState('');
  const [customer, setCustomer] = useState(customerId);
  const openOrder = (event) => {
    event.preventDefault();
    routeTo('orders', [orderId.trim()]);
  };
  const listOrders = (event) => {
    event.preventDefault();
    routeTo('orders', [], { customer: customer.trim() });
  };
  return html`<section aria-labelledby="find-heading">
    <h2 id="find-heading">Find an order</h2>
    <form class="inline" onSubmit=${openOrder}>
      <div>
        <label for="order-id">Order id</label>
        <input id="order-id" required size="38" value=${orderId} onInput=${(e) => setOrderId(e.currentTarget.value)} />
      </div>
      <button type="submit">Open the order</button>
    </form>
    <form class="inline orders-customer" onSubmit=${listOrders}>
      <div>
        <label for="customer-id">Customer id</label>
        <input
          id="customer-id"
          required
          size="38"
          value=${customer}
          onInput=${(e) => setCustomer(e.currentTarget.value)}
        />
      </div>
      <button type="submit" class="secondary">List the customer’s orders</button>
    </form>
  </section>`;
}

/** a customer's orders, newest first, a page at a time */
function CustomerOrders({ customerId }) {
  const [pages, setPages] = useState([]);
  const first = useApi(() => get('/orders', { customerId, limit: 20 }), [customerId]);
  const [more, setMore] = useState({ error: undefined, busy: false });
  const all = [first.data, ...pages].filter(Boolean);
  const items = all.flatMap((page) => page.items);
  const next = all.at(-1)?.nextCursor;
  const loadMore = async () => {
    setMore({ busy: true });
    try {
      const page = await get('/orders', { customerId, limit: 20, cursor: next });
      setPages((p) => [...p, page]);
      setMore({ busy: false });
    } catch (error) {
      setMore({ busy: false, error });
    }
  };
  return html`<section aria-labelledby="customer-heading">
    <h2 id="customer-heading">Orders of customer <code>${customerId}</code></h2>
    <${ErrorNote} error=${first.error} />
    ${first.loading && !first.data ? html`<${Loading} what="the orders" />` : null}
    ${first.data && items.length === 0 ? html`<p class="muted">This customer has no orders.</p>` : null}
    ${
      items.length > 0
        ? html`<table>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Status</th>
                <th scope="col" class="num">Total</th>
                <th scope="col">Placed</th>
              </tr>
            </thead>
            <tbody>
              ${items.map(
                (o) =>
                  html`<tr key=${o.orderId}>
                    <td>
                      <a href=${`#/orders/${o.orderId}`}><code>${o.orderId}</code></a>
                    </td>
                    <td><${StatusBadge} status=${o.status} reason=${o.cancelReason} /></td>
                    <td class="num"><${Money} minor=${o.totalMinor} currency=${o.currency} /></td>
                    <td>${formatTime(o.createdAt)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : null
    }
    ${
      next
        ? html`<p>
            <button type="button" class="secondary" disabled=${more.busy} onClick=${loadMore}>More orders</button>
          </p>`
        : null
    }
    <${ErrorNote} error=${more.error} />
  </section>`;
}
