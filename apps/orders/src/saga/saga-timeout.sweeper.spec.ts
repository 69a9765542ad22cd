import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { SystemClock } from '@platform/domain';
import type { TransactionRunner } from '@platform/database';
import { eventually } from '@platform/testing';
import type { SagaRepository } from '../persistence/saga.repository';
import type { OrderSagaSetStepper } from './order-saga-set.stepper';
import { OrdersSettings } from '../orders.settings';
import { SagaTimeoutSweeper } from './saga-timeout.sweeper';

// How loudly the sweeper reports a sweep that failed: a database restart is a warning (the next
// tick tries again), anything else an error. The repository is a stand-in that fails as told.
describe('SagaTimeoutSweeper, when a sweep fails', () => {
  const startingUp = (): Error => Object.assign(new Error('the database system is starting up'), { code: '57P03' });

  function sweeperFailingWith(failure: () => Error | undefined): SagaTimeoutSweeper {
    const sagas = {
      findDue: async () => {
        const error = failure();
        if (error) throw error;
        return [];
      },
    } as unknown as SagaRepository;
    return new SagaTimeoutSweeper(
      { manager: {} } as DataSource,
      {} as TransactionRunner,
      sagas,
      {} as OrderSagaSetStepper,
      new SystemClock(),
      new OrdersSettings(30_000, 10, 0, 0, 1),
    );
  }

  let warn: jest.SpyInstance;
  let error: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('logs a database restart (many ticks in a row) as one warning, never an error', async () => {
    // given: the database is starting up for 300 ms, 30 ticks of 10 ms
    const upAt = Date.now() + 300;
    let succeeded = false;
    const sweeper = sweeperFailingWith(() => {
      if (Date.now() < upAt) return startingUp();
      succeeded = true;
      return undefined;
    });
    // when
    sweeper.onApplicationBootstrap();
    try {
      await eventually(
        async () => succeeded,
        (done) => done,
        { expected: 'a sweep after the database is back' },
      );
    } finally {
      await sweeper.onModuleDestroy();
    }
    // then
    expect(error).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toContain('the database system is starting up');
  });

  it('logs any other failure as an error', async () => {
    // given
    const sweeper = sweeperFailingWith(() => new Error('relation "orders.saga" does not exist'));
    // when
    sweeper.onApplicationBootstrap();
    try {
      await eventually(
        async () => error.mock.calls.length,
        (n) => n > 0,
        { expected: 'an error logged' },
      );
    } finally {
      await sweeper.onModuleDestroy();
    }
    // then
    expect(String(error.mock.calls[0][0])).toContain('does not exist');
  });
});
