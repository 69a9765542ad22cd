/** The inventory context's name: its PostgreSQL schema, its consumer group and the producer of its events. */
export const INVENTORY = 'inventory';
