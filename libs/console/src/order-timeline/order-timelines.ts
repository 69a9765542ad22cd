import { Inject, Injectable } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@platform/config';
import { ProblemException } from '@platform/http';
import { CONSOLE_SETTINGS } from '../console-settings';
import { ConsolePeers } from '../console-peers';
import { LocalOrderTimeline } from './local-order-timeline';
import { mergeTimeline, traceIdOf, traceUrlOf, type TimelinePart } from './order-timeline';
import type { OrderTimelineResponse } from './order-timeline.response.dto';

export const ORDER_TIMELINE_ROUTE = 'admin/console/orders';

/**
 * An order's timeline across every deployable. In a split deployment the events of one order lie in
 * several processes' outboxes and their handling in others' inboxes, so the peers are asked twice:
 * first for the events they produced, then, with every event id, for how their groups handled them.
 */
@Injectable()
export class OrderTimelines {
  private readonly traceUrl: string;

  constructor(
    private readonly local: LocalOrderTimeline,
    private readonly peers: ConsolePeers,
    @Inject(ENVIRONMENT) env: Environment,
  ) {
    this.traceUrl = CONSOLE_SETTINGS.read(env).CONSOLE_TRACE_URL.trim();
  }

  /** this process's part: what a peer answers (scope=local) */
  async localPart(orderId: string, otherEventIds: readonly string[]): Promise<OrderTimelineResponse> {
    const part = await this.local.part(orderId, otherEventIds);
    const own = new Set(part.produced.map((e) => e.eventId));
    return this.answer(
      orderId,
      [part],
      part.handled.filter((h) => !own.has(h.eventId)),
      [],
    );
  }

  async everywhere(orderId: string): Promise<OrderTimelineResponse> {
    const path = `/${ORDER_TIMELINE_ROUTE}/${orderId}/timeline`;
    const first = await this.peers.ask<OrderTimelineResponse>(path);
    const ids = new Set<string>();
    for (const a of first) if ('answer' in a) for (const e of a.answer.events) ids.add(e.eventId);
    const local = await this.local.part(orderId, [...ids]);
    for (const e of local.produced) ids.add(e.eventId);
    const second = ids.size === 0 ? first : await this.peers.ask<OrderTimelineResponse>(path, eventIdsQuery(ids));
    const parts: TimelinePart[] = [local];
    const unreachable: Array<{ peer: string; error: string }> = [];
    for (const a of second) {
      if ('answer' in a) parts.push(partOf(a.answer));
      else unreachable.push({ peer: a.peer, error: a.error });
    }
    const timeline = this.answer(orderId, parts, [], unreachable);
    if (timeline.events.length === 0 && unreachable.length === 0) {
      throw new ProblemException({
        status: 404,
        code: 'CONSOLE.ORDER_NOT_FOUND',
        detail:
          `No event of order ${orderId} is kept: there is no such order, or its events are older than ` +
          'the outbox keeps them (OUTBOX_RETENTION_HOURS).',
      });
    }
    return timeline;
  }

  private answer(
    orderId: string,
    parts: readonly TimelinePart[],
    handled: OrderTimelineResponse['handled'],
    unreachablePeers: OrderTimelineResponse['unreachablePeers'],
  ): OrderTimelineResponse {
    const events = mergeTimeline(parts).map((e) => ({ ...e, handledBy: [...e.handledBy] }));
    const traceId = traceIdOf(events);
    return { orderId, events, handled, traceId, traceUrl: traceUrlOf(this.traceUrl, traceId), unreachablePeers };
  }
}

/** a peer's answer as a part: its events with their handling, and its handling of the others' */
function partOf(answer: OrderTimelineResponse): TimelinePart {
  return {
    produced: answer.events,
    handled: [
      ...answer.events.flatMap((e) =>
        e.handledBy.map((h) => ({ eventId: e.eventId, group: h.group, handledAt: h.handledAt })),
      ),
      ...answer.handled,
    ],
  };
}

function eventIdsQuery(ids: ReadonlySet<string>): Record<string, string> {
  return { eventIds: [...ids].slice(0, 100).join(',') };
}
