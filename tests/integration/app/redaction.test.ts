import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/app/logger.ts';
import { createRedactor, describeUncaught } from '../../../src/app/redact.ts';
import { startFakeServer } from '../../fakes/upstream/server.ts';
import { createHarness } from '../../support/sources.ts';

// Issue 12, item 3: at LOG_LEVEL=debug the Telegram token was printed inside a request URL (through
// the CLI's last-resort handler), and a hostile upstream echoing the request got the Telegram token
// (401 description) and the Bluesky app password (createSession error body) printed.

const TOKEN = '123456:AAHsecretTOKENsecretTOKEN';
const PASSWORD = 'app-pass-word-1234';
const dir = mkdtempSync(join(tmpdir(), 'spool-redact-'));
afterAll(async () => rmSync(dir, { recursive: true, force: true }));

function capturedLogger(secrets: string[]) {
  const lines: string[] = [];
  const logger = createLogger('debug', { secrets, destination: { write: (line: string) => void lines.push(line) } });
  return { logger, lines };
}

describe('the logger', () => {
  it('an error whose message and cause carry the token in a URL, a password key, an Authorization header → none of them in the line, which stays JSON', async () => {
    const { logger, lines } = capturedLogger([TOKEN, PASSWORD]);
    const cause = new Error(`request to https://api.telegram.org/bot${TOKEN}/getMe failed, reason: ECONNREFUSED`);
    logger.error(
      {
        err: new Error('Network request for getMe failed', { cause }),
        password: PASSWORD,
        headers: { authorization: `Bearer ${PASSWORD}` },
        body: `{"identifier":"me","password":"${PASSWORD}"}`,
      },
      `failed at /bot${TOKEN}/getMe`,
    );
    expect(lines).toHaveLength(1);
    const line = lines[0] ?? '';
    expect(line).not.toContain(TOKEN);
    expect(line).not.toContain('AAHsecret');
    expect(line).not.toContain(PASSWORD);
    expect(JSON.parse(line)).toMatchObject({ password: '[redacted]', headers: { authorization: '[redacted]' }, msg: 'failed at /bot[redacted]/getMe' });
  });

  it('a secret it was not told about, in the shapes secrets come in → masked all the same', async () => {
    const redact = createRedactor([]);
    expect(redact('GET https://api.telegram.org/bot987654:OTHERsecret_-x/getUpdates')).toBe('GET https://api.telegram.org/bot[redacted]/getUpdates');
    expect(redact('authorization: Bot MTIzNDU2Nzg5.abc.def')).toBe('authorization: [redacted]');
    expect(redact('postgres://spool:hunter22@db/spool')).toBe('postgres://[redacted]@db/spool');
    expect(redact('{"accessJwt":"eyJhbGciOi.x.y","did":"did:plc:a"}')).toBe('{"accessJwt":"[redacted]","did":"did:plc:a"}');
    expect(redact('12 tokens left; idempotencyKey d1-20261123')).toBe('12 tokens left; idempotencyKey d1-20261123');
  });

  it('the last-resort printer → the message and, at debug, the whole error with causes, both redacted', async () => {
    const error = new Error('Cannot reach the Telegram Bot API', { cause: new Error(`request to http://127.0.0.1:1/bot${TOKEN}/getMe failed`) });
    const printed = describeUncaught(error, { debug: true, redact: createRedactor([TOKEN]) });
    expect(printed).toContain('spool: Cannot reach the Telegram Bot API');
    expect(printed).toContain('/bot[redacted]/getMe');
    expect(printed).not.toContain('AAHsecret');
  });
});

describe('hostile upstreams that echo the request', () => {
  it('Bluesky createSession answering 401 with the request body → the password in no report line and no log entry', async () => {
    const echo = await startFakeServer((request) => ({ status: 401, body: { error: 'AuthenticationRequired', message: `bad login: ${request.body}` } }));
    const h = createHarness([{ type: 'bluesky', hashtags: ['xinjiang'], every: 600_000 }], {
      credentials: { bluesky: { identifier: 'me.example', appPassword: PASSWORD, service: echo.url } },
    });
    const [report] = (await h.poller.pollOnce()).sources;
    await echo.close();
    h.close();
    expect(report?.errors.join('\n')).toContain('bad login');
    expect(report?.errors.join('\n')).not.toContain(PASSWORD);
    expect(JSON.stringify(h.log.entries)).not.toContain(PASSWORD);
  });
});

describe('spool start against a Telegram that fails (child process)', { timeout: 120_000 }, () => {
  const spool = async (env: Record<string, string>) => {
    const bin = new URL('../../../bin/spool.mjs', import.meta.url).pathname;
    try {
      await promisify(execFile)(process.execPath, [bin, 'start'], {
        env: { ...process.env, SPOOL_CONFIG: '', SPOOL_DB: join(dir, 'db.sqlite'), PORT: '0', TELEGRAM_BOT_TOKEN: TOKEN, ...env },
        cwd: dir,
        timeout: 90_000,
      });
      return { code: 0, stderr: '' };
    } catch (error) {
      const e = error as { code: number; stderr: string };
      return { code: e.code, stderr: e.stderr };
    }
  };

  it('an unreachable API root at LOG_LEVEL=debug → exit 1, the reason said, the token nowhere on stderr', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { code, stderr } = await spool({ TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`, LOG_LEVEL: 'debug' });
    expect(code).toBe(1);
    expect(stderr).toContain('Cannot reach the Telegram Bot API');
    expect(stderr).toContain('/bot[redacted]/getMe');
    expect(stderr).not.toContain('AAHsecret');
  });

  it('an API root that echoes the request path in its 401 → the token nowhere on stderr', async () => {
    const server: Server = createServer((req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error_code: 401, description: `Unauthorized: ${req.url ?? ''}` }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const { code, stderr } = await spool({ TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`, LOG_LEVEL: 'debug' });
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(code).toBe(1);
    expect(stderr).toContain('Telegram refused getMe (401 Unauthorized: /bot[redacted]/getMe)');
    expect(stderr).not.toContain('AAHsecret');
  });
});
