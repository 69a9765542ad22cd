// The console's pages, in the order of its navigation. Each page is one module with one job.
import { AlertsPage } from './alerts.js';
import { DeadLettersPage } from './dead-letters.js';
import { FlowPage } from './flow.js';
import { OperationsPage } from './operations.js';
import { OrdersPage } from './orders.js';

export const PAGES = [
  { path: 'orders', title: 'Orders', Page: OrdersPage },
  { path: 'flow', title: 'Flow', Page: FlowPage },
  { path: 'dead-letters', title: 'Dead letters', Page: DeadLettersPage },
  { path: 'operations', title: 'Operations', Page: OperationsPage },
  { path: 'alerts', title: 'Alerts', Page: AlertsPage },
];
