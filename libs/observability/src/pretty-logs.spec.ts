import { prettyLogTransport } from './pretty-logs';

// LOG_PRETTY: pino-pretty when it is installed; JSON and one warning when it is not (the image).

const missing = (id: string): string => {
  throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
};

describe('pretty logs', () => {
  it('given LOG_PRETTY unset, then logs are JSON and nothing is looked up', () => {
    const resolve = jest.fn(missing);
    expect(prettyLogTransport(false, { service: 'monolith', resolve })).toBeUndefined();
    expect(resolve).not.toHaveBeenCalled();
  });

  it('given LOG_PRETTY and pino-pretty installed, then logs go through pino-pretty', () => {
    const warnings: string[] = [];
    const transport = prettyLogTransport(true, { service: 'monolith', warn: (l) => warnings.push(l) });
    expect(transport).toEqual({ target: 'pino-pretty' });
    expect(warnings).toEqual([]);
  });

  it('given LOG_PRETTY and no pino-pretty, then logs stay JSON with one warning, a JSON line itself', () => {
    const warnings: string[] = [];
    const transport = prettyLogTransport(true, { service: 'orders', resolve: missing, warn: (l) => warnings.push(l) });
    expect(transport).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0]!)).toMatchObject({
      level: 40,
      service: 'orders',
      msg: 'LOG_PRETTY=true but pino-pretty is not installed (a dev dependency): logging JSON instead',
    });
  });
});
