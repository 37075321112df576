// Mention files: JSONL and CSV, bad lines rejected with line number, reason and raw line while
// the good ones around them are read; the file source resumes after its last published line.
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceOf } from '../../config/index.js';
import { createConnector, createFileConnector, readMentionFile, runPoll, type MentionFileLine } from '../../ingest/index.js';
import type { Store } from '../../store/index.js';
import { BRANDS, deadLetters, newBus, openTestStore, publishedMentions, sourceConfig, testContext } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'earshot-files-'));
const mention = (n: number, extra: Record<string, unknown> = {}) => ({
  id: `webhook:t-${n}`,
  source: 'webhook',
  nativeId: `t-${n}`,
  author: { id: `c${n}`, handle: `customer${n}` },
  text: `ticket ${n}: still waiting for my refund`,
  createdAt: '2026-11-24T10:00:00Z',
  fetchedAt: '2026-11-24T10:05:00Z',
  brand: 'acme',
  ...extra,
});

async function all(lines: AsyncIterable<MentionFileLine>): Promise<MentionFileLine[]> {
  const out: MentionFileLine[] = [];
  for await (const l of lines) out.push(l);
  return out;
}

let store: Store;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(async () => store.close());

describe('readMentionFile', () => {
  it('JSONL: bad lines become rejects with line number and raw text; blank lines are skipped; good lines around them are read', async () => {
    const path = join(dir, 'mentions.jsonl');
    const lines = [
      JSON.stringify(mention(1)),
      '{"id": "webhook:t-2", "source": "webhook", ', // truncated
      '',
      JSON.stringify(mention(3, { author: { handle: 'no id' } })),
      JSON.stringify({ ...mention(4), id: undefined, fetchedAt: undefined }), // id and fetchedAt are filled in
    ];
    writeFileSync(path, `\uFEFF${lines.join('\r\n')}\r\n`);
    const out = await all(readMentionFile(path));
    expect(out.map((l) => [l.line, l.mention ? 'ok' : 'reject'])).toEqual([
      [1, 'ok'],
      [2, 'reject'],
      [4, 'reject'],
      [5, 'ok'],
    ]);
    expect(out[1]!.reject).toMatchObject({ reason: expect.stringMatching(/^not valid JSON/), payload: lines[1] });
    expect(out[2]!.reject!.reason).toMatch(/author\.id/);
    expect(out[2]!.reject!.payload).toBe(lines[3]);
    expect(out[3]!.mention).toMatchObject({ id: 'webhook:t-4', source: 'webhook' });
    expect(out[3]!.mention!.fetchedAt).toMatch(/^\d{4}-/);
  });

  it('CSV: dotted columns nest, counts are numbers, a quoted field may span lines, a ragged or badly quoted row is rejected', async () => {
    const path = join(dir, 'mentions.csv');
    writeFileSync(
      path,
      [
        'id,source,nativeId,author.id,author.handle,author.followers,text,createdAt,fetchedAt,brand,engagement.likes,langHint',
        'webhook:c-1,webhook,c-1,u1,ann,120,"Refund still not here, third email",2026-11-24T09:00:00Z,2026-11-24T09:01:00Z,acme,3,en',
        'webhook:c-2,webhook,c-2,u2,bo', // too few columns
        'webhook:c-3,webhook,c-3,u3,cy,,"line one',
        'line two",2026-11-24T09:02:00Z,2026-11-24T09:03:00Z,acme,,',
        'webhook:c-4,webhook,c-4,u4,di,lots,text,2026-11-24T09:02:00Z,2026-11-24T09:03:00Z,acme,,',
        'webhook:c-5,webhook,c-5,u5,ed,1,"fine",2026-11-24T09:02:00Z,2026-11-24T09:03:00Z,acme,0,',
      ].join('\n') + '\n',
    );
    const out = await all(readMentionFile(path));
    expect(out.map((l) => [l.line, l.mention ? 'ok' : 'reject'])).toEqual([
      [2, 'ok'],
      [3, 'reject'],
      [4, 'ok'],
      [6, 'reject'],
      [7, 'ok'],
    ]);
    expect(out[0]!.mention).toMatchObject({ author: { id: 'u1', handle: 'ann', followers: 120 }, engagement: { likes: 3 }, langHint: 'en', text: 'Refund still not here, third email' });
    expect(out[1]!.reject).toMatchObject({ reason: expect.stringMatching(/CSV: .*columns/i), payload: 'webhook:c-2,webhook,c-2,u2,bo' });
    expect(out[2]!.mention!.text).toBe('line one\nline two');
    expect(out[3]!.reject!.reason).toMatch(/author\.followers/);
  });

  it('names the formats it understands when the file name does not say', () => {
    expect(() => readMentionFile(join(dir, 'mentions.txt'))).toThrow(/\.jsonl, \.ndjson or \.csv/);
  });
});

describe('file source', () => {
  it('resumes after the last published line and picks up appended lines; rejects go to the dead-letter topic with their line', async () => {
    const path = join(dir, 'export.jsonl');
    writeFileSync(path, [1, 2, 3, 4, 5].map((n) => (n === 3 ? 'not json' : JSON.stringify(mention(n)))).join('\n') + '\n');
    const source = sourceConfig<SourceOf<'file'>>({ kind: 'file', id: 'crm-export', path });
    const bus = newBus();
    const first = testContext();
    let pages = 0;
    await expect(
      runPoll(createFileConnector('crm-export', source, { pageSize: 2 }), {
        bus,
        store,
        ctx: first.ctx,
        onPage: () => {
          if (++pages === 1) first.abort.abort(new Error('stopped after page 1'));
        },
      }),
    ).rejects.toThrow(/stopped/);
    expect(JSON.parse((await store.getCursor('crm-export'))!).line).toBe(2);

    const resumed = await runPoll(createConnector(source, BRANDS), { bus, store, ctx: testContext().ctx });
    expect(resumed).toMatchObject({ published: 2, rejected: 1 });
    appendFileSync(path, JSON.stringify(mention(6)) + '\n');
    const more = await runPoll(createConnector(source, BRANDS), { bus, store, ctx: testContext().ctx });
    expect(more.published).toBe(1);

    const ids = (await publishedMentions(bus)).map((m) => m.nativeId);
    expect(ids.sort()).toEqual(['t-1', 't-2', 't-4', 't-5', 't-6']);
    const dlq = await deadLetters(bus);
    expect(dlq).toEqual([{ reason: expect.stringMatching(/export\.jsonl:3: not valid JSON/), stage: 'ingest:crm-export', source: 'crm-export', payload: 'not json' }]);
  });
});
