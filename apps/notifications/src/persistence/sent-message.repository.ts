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
  /** false when this event (or this order's mail of this kind) was sent already: nothing is written */
  async insertIfNew(db: Queryable, message: SentMessage): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `INSERT INTO ${NOTIFICATIONS}.sent_messages
         (id, order_id, kind, recipient, subject, body, source_event_id, sent_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [
        message.id,
        message.orderId,
        message.kind,
        message.recipient,
        message.subject,
        message.body,
        message.sourceEventId,
        message.sentAt,
      ],
    );
    return rows.length === 1;
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
