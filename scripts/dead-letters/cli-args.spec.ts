import { parseCliArgs, UsageError } from './cli-args';

describe('dead-letters CLI arguments', () => {
  const env = { ADMIN_TOKEN: 'from-env', DEAD_LETTERS_URL: 'http://app:3000/' };

  it('turns filter flags into the API fields, and takes URL and token from the environment', () => {
    // when
    const args = parseCliArgs(
      ['list', '--context', 'payments', '--error-code', 'EVENT.UNDECODABLE', '--limit', '5'],
      env,
    );
    // then
    expect(args).toMatchObject({
      command: 'list',
      filters: { context: 'payments', errorCode: 'EVENT.UNDECODABLE', limit: '5' },
      url: 'http://app:3000',
      token: 'from-env',
    });
  });

  it('lets flags win over the environment', () => {
    expect(parseCliArgs(['list', '--url', 'http://other', '--token', 'flag'], env)).toMatchObject({
      url: 'http://other',
      token: 'flag',
    });
  });

  it('reads a letter as <context>/<id>', () => {
    expect(parseCliArgs(['show', 'payments/42'], env).ref).toEqual({ context: 'payments', id: '42' });
  });

  it.each([
    [['show'], /show needs <context>\/<id>/],
    [['show', 'payments-42'], /is not a letter/],
    [['discard', 'payments/42'], /discard needs --reason/],
    [['discard', 'payments/42', '--reason', '  '], /discard needs --reason/],
    [['redrive'], /--all/],
    [['redrive', 'payments/1', '--context', 'payments'], /not both/],
    [['list', 'payments/1'], /list takes filters/],
    [['purge'], /unknown command/],
  ])('refuses %p', (argv, message) => {
    expect(() => parseCliArgs(argv, env)).toThrow(UsageError);
    expect(() => parseCliArgs(argv, env)).toThrow(message);
  });

  it('shows the usage for help, -h or nothing', () => {
    for (const argv of [[], ['help'], ['list', '-h']]) expect(parseCliArgs(argv, env).command).toBe('help');
  });
});
