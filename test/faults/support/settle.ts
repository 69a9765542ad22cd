import { eventually } from '@platform/testing';
import { CONTEXTS } from '../../../scripts/invariants/check-invariants';
import type { Deployment } from './deployment';

export interface FlowState {
  /** orders by status */
  readonly orders: Record<string, number>;
  /** orders not yet DELIVERED or CANCELLED */
  readonly open: number;
  /** unpublished outbox rows, every context */
  readonly outbox: number;
  /** records not yet consumed, every group */
  readonly lag: number;
}

/** the flow as the database shows it: what is still open, unpublished or unconsumed */
export async function flowState(d: Deployment): Promise<FlowState> {
  const byStatus = await d.db.query('SELECT status, count(*)::int AS n FROM orders.orders GROUP BY 1 ORDER BY 1');
  const orders: Record<string, number> = Object.fromEntries(byStatus.rows.map((r) => [r.status, r.n]));
  const open = Object.entries(orders)
    .filter(([status]) => status !== 'DELIVERED' && status !== 'CANCELLED')
    .reduce((sum, [, n]) => sum + n, 0);
  const outbox = await d.db.query(
    `SELECT ${CONTEXTS.map((c) => `(SELECT count(*) FROM ${c}.outbox WHERE published_at IS NULL)`).join(' + ')} AS n`,
  );
  return { orders, open, outbox: Number(outbox.rows[0].n), lag: await groupLag(d) };
}

/** records not yet consumed, summed over every group (or one group) */
export async function groupLag(d: Deployment, group?: string): Promise<number> {
  const lags = await lagByGroup(d);
  return group === undefined ? Object.values(lags).reduce((a, b) => a + b, 0) : (lags[group] ?? 0);
}

/** records not yet consumed, per group (on either transport, see ConsumerOffsets) */
export async function lagByGroup(d: Deployment): Promise<Record<string, number>> {
  const byTopic = await d.offsets.lagByTopic();
  return Object.fromEntries(
    Object.entries(byTopic).map(([group, lags]) => [group, Object.values(lags).reduce((a, b) => a + b, 0)]),
  );
}

/** the groups that consume each topic (a group commits offsets on what it consumes) */
export async function groupsByTopic(d: Deployment): Promise<Map<string, string[]>> {
  const groups = new Map<string, string[]>();
  for (const [group, lags] of Object.entries(await d.offsets.lagByTopic()))
    for (const topic of Object.keys(lags)) groups.set(topic, [...(groups.get(topic) ?? []), group].sort());
  return groups;
}

/**
 * Waits until the platform is at rest: every order DELIVERED or CANCELLED, every outbox empty,
 * every group caught up, and all of it still true `quietMs` later (offsets commit on an interval,
 * and a redelivery after a crash may still be on its way).
 */
export async function settle(d: Deployment, timeoutMs = 120_000, quietMs = 1_500): Promise<FlowState> {
  let quietSince: number | undefined;
  const state = await eventually(
    async () => {
      const now = await flowState(d);
      const atRest = now.open === 0 && now.outbox === 0 && now.lag === 0;
      quietSince = atRest ? (quietSince ?? Date.now()) : undefined;
      return { ...now, quietFor: quietSince === undefined ? 0 : Date.now() - quietSince };
    },
    (s) => s.quietFor >= quietMs,
    {
      expected: `every order finished, no outbox backlog, no lag, for ${quietMs} ms`,
      timeoutMs,
      intervalMs: 200,
      explain: () => whereItStopped(d),
    },
  );
  return state;
}

/**
 * What a flow that did not settle is waiting on, for the failure message: the groups and topics
 * with lag, the outboxes with pending rows, the oldest open orders with their saga step, and what
 * each process says of its readiness and infrastructure waits.
 */
async function whereItStopped(d: Deployment): Promise<string> {
  const lagging = Object.entries(await d.offsets.lagByTopic()).flatMap(([group, topics]) =>
    Object.entries(topics)
      .filter(([, lag]) => lag > 0)
      .map(([topic, lag]) => `${group}@${topic}: ${lag}`),
  );
  const outboxes = await d.db.query(
    CONTEXTS.map(
      (c) =>
        `SELECT '${c}' AS context, count(*)::int AS n, min(created_at) AS oldest FROM ${c}.outbox WHERE published_at IS NULL`,
    ).join(' UNION ALL '),
  );
  const pending = outboxes.rows
    .filter((r) => r.n > 0)
    .map((r) => `${r.context}: ${r.n} since ${r.oldest?.toISOString()}`);
  const open = await d.db.query(
    `SELECT o.id, o.status, s.stock, s.payment, s.shipment, s.updated_at FROM orders.orders o LEFT JOIN orders.sagas s ON s.order_id = o.id
      WHERE o.status NOT IN ('DELIVERED', 'CANCELLED') ORDER BY o.created_at LIMIT 5`,
  );
  const metrics = await d.metrics().catch((e: Error) => `metrics unreadable: ${e.message}`);
  const waits = metrics
    .split('\n')
    .filter((l) => /^(consumers_waiting_on_infrastructure|platform_ready)\b/.test(l) && !/ 0$/.test(l));
  return [
    `lag: ${lagging.join(', ') || 'none'}`,
    `pending outbox rows: ${pending.join(', ') || 'none'}`,
    `oldest open orders: ${JSON.stringify(open.rows)}`,
    `infrastructure waits: ${waits.join('; ') || 'none'}`,
  ].join('\n');
}

/** orders that reached CONFIRMED (or went on to ship) */
export async function confirmedCount(d: Deployment): Promise<number> {
  const { rows } = await d.db.query(
    "SELECT count(*)::int AS n FROM orders.orders WHERE status IN ('CONFIRMED', 'SHIPPED', 'DELIVERED')",
  );
  return rows[0].n as number;
}
