import { ANALYTICS } from '../context';

/** Every table the projections write: what a rebuild empties (never the inbox, outbox or dead letters). */
export const READ_MODEL_TABLES: readonly string[] = [`${ANALYTICS}.order_facts`];
