import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrderContact } from '../domain/email';
import { NOTIFICATIONS } from '../context';

type Queryable = Pick<EntityManager, 'query'>;

/** The local projection of where each order's mail goes (an order's address does not change). */
@Injectable()
export class OrderContactRepository {
  /** a set's contacts in one statement; an order's first known address stays */
  async rememberAll(db: Queryable, contacts: readonly OrderContact[]): Promise<void> {
    await db.query(
      `INSERT INTO ${NOTIFICATIONS}.order_contacts (order_id, customer_id, email)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])
       ON CONFLICT (order_id) DO NOTHING`,
      [contacts.map((c) => c.orderId), contacts.map((c) => c.customerId), contacts.map((c) => c.email)],
    );
  }

  /** the known contacts of these orders, by lower-case order id, in one statement */
  async findAll(db: Queryable, orderIds: readonly string[]): Promise<Map<string, OrderContact>> {
    const rows: Array<{ order_id: string; customer_id: string; email: string }> = await db.query(
      `SELECT order_id, customer_id, email FROM ${NOTIFICATIONS}.order_contacts WHERE order_id = ANY($1::uuid[])`,
      [[...new Set(orderIds)]],
    );
    return new Map(
      rows.map((row) => [row.order_id, { orderId: row.order_id, customerId: row.customer_id, email: row.email }]),
    );
  }
}
