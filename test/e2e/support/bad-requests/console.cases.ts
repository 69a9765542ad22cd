import { badGet, UNKNOWN_UUID, type BadRequest } from './bad-request';

const TIMELINE = '/admin/console/orders/{orderId}/timeline';

/** the console's own endpoints (the operator console, docs/console.md) */
export function consoleCases(): BadRequest[] {
  return [
    badGet('orderId not a UUID', TIMELINE, '/admin/console/orders/nope/timeline', 400, /orderId must be a UUID/, true),
    badGet('no event kept', TIMELINE, `/admin/console/orders/${UNKNOWN_UUID}/timeline`, 404, /ORDER_NOT_FOUND/, true),
    badGet(
      'scope not local',
      TIMELINE,
      `/admin/console/orders/${UNKNOWN_UUID}/timeline?scope=everywhere`,
      400,
      /"field":"scope"/,
      true,
    ),
    badGet(
      'eventIds not UUIDs',
      TIMELINE,
      `/admin/console/orders/${UNKNOWN_UUID}/timeline?scope=local&eventIds=1,2`,
      400,
      /eventIds must be up to 100 UUIDs/,
      true,
    ),
  ];
}
