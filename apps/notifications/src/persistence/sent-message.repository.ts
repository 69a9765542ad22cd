import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Email, NotificationKind } from '../domain/email';
import { NOTIFICATIONS } from '../context';

type Queryable = Pick<EntityManager, 'query'>;

export interface SentMessage extends Email {
  readonly id: string;
  readonly sourceEventId: string;
  readonly sentAt: Date;
}

export interface SentMessageSummary {
  readonly kind: NotificationKind;
  readonly recipient: string;
  readonly subject: string;
  readonly sentAt: Date;
}

@Injectable()
export class SentMessageRepository {
  /**
   * Records the messages not sent already (by their event, or by their order and kind), in one
   * statement; answers the source event ids (lower-case) of those it recorded.
   */
  async insertAllIfNew(db: Queryable, messages: readonly SentMessage[]): Promise<Set<string>> {
    const rows: Array<{ source_event_id: string }> = await db.query(
      `INSERT INTO ${NOTIFICATIONS}.sent_messages
         (id, order_id, kind, recipient, subject, body, source_event_id, sent_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[],
         $8::timestamptz[])
       ON CONFLICT DO NOTHING RETURNING source_event_id`,
      [
        messages.map((m) => m.id),
        messages.map((m) => m.orderId),
        messages.map((m) => m.kind),
        messages.map((m) => m.recipient),
        messages.map((m) => m.subject),
        messages.map((m) => m.body),
        messages.map((m) => m.sourceEventId),
        messages.map((m) => m.sentAt),
      ],
    );
    return new Set(rows.map((row) => row.source_event_id));
  }

  async listForOrder(db: Queryable, orderId: string): Promise<SentMessageSummary[]> {
    const rows: Array<{ kind: NotificationKind; recipient: string; subject: string; sent_at: Date }> = await db.query(
      `SELECT kind, recipient, subject, sent_at FROM ${NOTIFICATIONS}.sent_messages
       WHERE order_id = $1 ORDER BY sent_at, id`,
      [orderId],
    );
    return rows.map((row) => ({ kind: row.kind, recipient: row.recipient, subject: row.subject, sentAt: row.sent_at }));
  }
}
