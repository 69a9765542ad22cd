/** The orders context's name: its PostgreSQL schema, its consumer group and the producer of its events. */
export const ORDERS = 'orders';
