import { ago, describeLabels, increaseOf, maxBy, sumBy, valueOf } from './alert-conditions';
import { aboveThreshold, NO_EARLIER_READING } from './alert-verdicts';
import type { AlertInputs, AlertVerdict } from './alert';

// The evaluators of the trend alerts: Prometheus judges them over a window of its time series,
// a process compares now with one earlier reading of its own (alert-history.ts).

/** ConsumerLagGrowing: a lag above `threshold` that is higher than at the earlier reading */
export function lagGrowing({ now, earlier }: AlertInputs, threshold: number): AlertVerdict {
  const lag = maxBy(now, 'consumer_lag', ['group', 'topic']);
  const high = aboveThreshold(lag, threshold, 'lag', 'no consumer lag reported by this process');
  if (!high.firing) return high;
  if (!earlier) return { firing: false, details: [...high.details, NO_EARLIER_READING] };
  const before = maxBy(earlier, 'consumer_lag', ['group', 'topic']);
  const growing = lag.filter((s) => s.value > threshold && s.value > (valueOf(before, s.key) ?? 0));
  if (growing.length === 0)
    return { firing: false, details: [...high.details, `none grew since ${ago(now, earlier)}`] };
  return {
    firing: true,
    details: growing.map(
      (s) => `${describeLabels(s.labels)}: lag ${s.value}, up from ${valueOf(before, s.key) ?? 0} ${ago(now, earlier)}`,
    ),
  };
}

/** ConsumerStopped: records wait, and the group consumed none of its topic's since the earlier reading */
export function consumerStopped({ now, earlier }: AlertInputs): AlertVerdict {
  const lagging = maxBy(now, 'consumer_lag', ['group', 'topic']).filter((s) => s.value > 0);
  if (lagging.length === 0) return { firing: false, details: ['no consumer group has records waiting'] };
  if (!earlier) return { firing: false, details: [NO_EARLIER_READING] };
  const consumed = sumBy(now, 'events_consumed_total', ['group', 'topic']);
  const consumedBefore = sumBy(earlier, 'events_consumed_total', ['group', 'topic']);
  const stalled = lagging.filter(
    (s) => increaseOf(valueOf(consumed, s.key) ?? 0, valueOf(consumedBefore, s.key)) === 0,
  );
  const verdict = (s: (typeof lagging)[number]): string =>
    `${describeLabels(s.labels)}: lag ${s.value}, ` +
    `${increaseOf(valueOf(consumed, s.key) ?? 0, valueOf(consumedBefore, s.key))} consumed since ${ago(now, earlier)}`;
  return { firing: stalled.length > 0, details: (stalled.length > 0 ? stalled : lagging).map(verdict) };
}

/** RelayStopped: outbox rows wait, and the context published nothing since the earlier reading */
export function relayStopped({ now, earlier }: AlertInputs): AlertVerdict {
  const backlog = maxBy(now, 'outbox_backlog', ['context']).filter((s) => s.value > 0);
  if (backlog.length === 0) return { firing: false, details: ['no outbox has rows waiting'] };
  if (!earlier) return { firing: false, details: [NO_EARLIER_READING] };
  const published = sumBy(now, 'events_published_total', ['producer']);
  const publishedBefore = sumBy(earlier, 'events_published_total', ['producer']);
  const sent = (context: string): number =>
    increaseOf(valueOf(published, context) ?? 0, valueOf(publishedBefore, context));
  const stalled = backlog.filter((s) => sent(s.labels.context) === 0);
  const verdict = (s: (typeof backlog)[number]): string =>
    `${describeLabels(s.labels)}: ${s.value} rows waiting, ${sent(s.labels.context)} published since ${ago(now, earlier)}`;
  return { firing: stalled.length > 0, details: (stalled.length > 0 ? stalled : backlog).map(verdict) };
}
