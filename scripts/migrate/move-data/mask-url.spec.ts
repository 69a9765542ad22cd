import { databaseUrlVariable, maskUrl, sameDatabase } from './mask-url';

describe('the database URL in the output', () => {
  it('masks the password and keeps the rest', () => {
    expect(maskUrl('postgres://app:s3cr%40t@db-2.internal:5433/orders?sslmode=require')).toBe(
      'postgres://app:***@db-2.internal:5433/orders?sslmode=require',
    );
  });

  it('leaves a URL without a password as it is', () => {
    expect(maskUrl('postgres://postgres@127.0.0.1:5432/platform')).toBe('postgres://postgres@127.0.0.1:5432/platform');
  });

  it('masks even what the URL parser refuses', () => {
    expect(maskUrl('postgres://app:pw@[bad')).toBe('postgres://app:***@[bad');
  });

  it('names the variable the platform reads for a context', () => {
    expect(databaseUrlVariable('payments')).toBe('PAYMENTS_DATABASE_URL');
    expect(databaseUrlVariable('order-view')).toBe('ORDER_VIEW_DATABASE_URL');
  });

  it('tells the same database apart from another database on the same server', () => {
    expect(sameDatabase('postgres://a:x@Db:5432/p', 'postgresql://b@db/p')).toBe(true);
    expect(sameDatabase('postgres://a@db:5432/p', 'postgres://a@db:5432/q')).toBe(false);
    expect(sameDatabase('postgres://a@db:5432/p', 'postgres://a@db:5433/p')).toBe(false);
  });
});
