import { CarrierUnavailableError } from './carrier.port';
import { FakeCarrier } from './fake-carrier';
import { shippingSettingsFromEnv } from '../shipping.settings';

const ADDRESS = { name: 'Ada', line1: '1 St', city: 'London', postalCode: 'N1', country: 'GB' };
const LINES = [{ sku: 'SKU-1', quantity: 1 }];
const ORDER = '0193f1d2-7c4a-7b1e-9f00-5d2c8a4e6b10';

function carrier(env: NodeJS.ProcessEnv = {}): FakeCarrier {
  return new FakeCarrier(shippingSettingsFromEnv(env));
}

describe('the fake carrier', () => {
  it('gives one order the same shipment id and tracking number on every call (idempotency key = order id)', async () => {
    const c = carrier();
    const first = await c.createShipment(ORDER, ADDRESS, LINES);
    expect(await c.createShipment(ORDER, ADDRESS, LINES)).toEqual(first);
    expect(await carrier().createShipment(ORDER, ADDRESS, LINES)).toEqual(first); // after a "restart" too
    expect(first.trackingNumber).toMatch(/^FC\d{12}$/);
  });

  it('refuses the first N calls after start, retryably, with SHIPPING_CARRIER_FAILURES_BEFORE_SUCCESS=N', async () => {
    const c = carrier({ SHIPPING_CARRIER_FAILURES_BEFORE_SUCCESS: '2' });
    await expect(c.createShipment(ORDER, ADDRESS, LINES)).rejects.toBeInstanceOf(CarrierUnavailableError);
    await expect(c.createShipment(ORDER, ADDRESS, LINES)).rejects.toBeInstanceOf(CarrierUnavailableError);
    await expect(c.createShipment(ORDER, ADDRESS, LINES)).resolves.toMatchObject({ carrier: 'fake-carrier' });
    expect(c.calls(ORDER).map((call) => call.outcome)).toEqual(['refused', 'refused', 'accepted']);
  });

  it("refuses each order's first call and accepts its retry when failing transiently", async () => {
    const c = carrier();
    c.setMode('fail-transiently');
    await expect(c.createShipment(ORDER, ADDRESS, LINES)).rejects.toThrow('first attempt');
    await expect(c.createShipment(ORDER, ADDRESS, LINES)).resolves.toBeDefined();
    await expect(c.createShipment(ORDER, ADDRESS, LINES)).rejects.toThrow('first attempt'); // a new episode
  });

  it('refuses every call while down, and accepts again once back to normal', async () => {
    const c = carrier();
    c.setMode('down');
    await expect(c.createShipment(ORDER, ADDRESS, LINES)).rejects.toThrow('carrier is down');
    await expect(c.createShipment(ORDER, ADDRESS, LINES)).rejects.toThrow('carrier is down');
    c.setMode('normal');
    await expect(c.createShipment(ORDER, ADDRESS, LINES)).resolves.toBeDefined();
    expect(c.state()).toEqual({ mode: 'normal', failuresLeft: 0 });
  });
});
