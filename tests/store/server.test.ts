// The store contract on a ClickHouse server (Debian's 18.16 in CI), plus what only a server has:
// login and reachability errors.
import { describe, expect, it } from 'vitest';
import { openStore, StoreAuthError, StoreUnavailableError } from '../../store/index.js';
import { storeContract } from './contract.js';
import { CLICKHOUSE_URL, openServerStore, serverSkipReason } from './server-env.js';

const skip = serverSkipReason('tests/store/server.test.ts');

storeContract('ClickHouse server', () => openServerStore(), skip);

describe.skipIf(skip)('ClickHouse server connection errors', () => {
  it('names the host, the user and what to check when the password is wrong', async () => {
    process.env.EARSHOT_TEST_CH_PASSWORD = 'certainly-not-the-password';
    const err = await openStore({
      kind: 'clickhouse',
      url: CLICKHOUSE_URL!,
      database: 'earshot',
      usernameEnv: 'CLICKHOUSE_USER',
      passwordEnv: 'EARSHOT_TEST_CH_PASSWORD',
      writer: { batchSize: 1, flushInterval: 1, maxRetryDelay: 1 },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StoreAuthError);
    const message = (err as Error).message;
    expect(message).toContain(CLICKHOUSE_URL!);
    expect(message).toContain("user 'default'");
    expect(message).toContain('EARSHOT_TEST_CH_PASSWORD');
    expect(message).not.toContain('certainly-not-the-password');
  });

  it('says the server cannot be reached, and where, when nothing listens', async () => {
    const err = await openStore({
      kind: 'clickhouse',
      url: 'http://127.0.0.1:1',
      database: 'earshot',
      usernameEnv: 'CLICKHOUSE_USER',
      passwordEnv: 'CLICKHOUSE_PASSWORD',
      writer: { batchSize: 1, flushInterval: 1, maxRetryDelay: 1 },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect((err as Error).message).toMatch(/cannot reach ClickHouse at http:\/\/127\.0\.0\.1:1 .*ECONNREFUSED.*server is running/);
  });
});
