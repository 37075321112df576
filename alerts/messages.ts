// Rendering an alert event into every shape the sinks send (text, HTML, Slack blocks, JSON).
import type { AlertRecord } from '../store/index.js';
import type { AlertContent } from './content.js';
import type { OutboundMessage } from './sinks/index.js';

export type AlertEvent = 'open' | 'resolved';

const fmt = (metric: AlertContent['metric'], v: number) => (metric === 'negative_share' ? `${(100 * v).toFixed(1)}%` : Number.isInteger(v) ? String(v) : v.toFixed(1));
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const clip = (s: string, n = 240) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function alertMessage(a: AlertRecord, event: AlertEvent): OutboundMessage {
  const c = a.payload as AlertContent;
  const what = c.metric === 'negative_share' ? 'negative share' : 'negative mentions';
  const scope = `${c.brand}${c.topic ? ` / ${c.topic}` : ''}`;
  const subject =
    event === 'open'
      ? `[earshot] Negative spike: ${scope}: ${fmt(c.metric, c.observed)} ${what} vs ${fmt(c.metric, c.expected)} expected`
      : `[earshot] Resolved: ${scope} negative spike since ${c.window.since.slice(0, 16).replace('T', ' ')} UTC`;
  const lines = [
    `${event === 'open' ? 'Negative spike' : 'Spike over'} for ${scope} (rule ${c.rule})`,
    `Interval: ${c.window.since} → ${a.endedAt ? a.endedAt.toISOString() : c.window.until}${event === 'open' ? ' (ongoing)' : ''}`,
    `Observed ${fmt(c.metric, c.observed)} ${what}, expected ${fmt(c.metric, c.expected)}; score ${c.score.toFixed(1)}`,
  ];
  if (c.terms.length) lines.push(`Emerging terms: ${c.terms.map((t) => `${t.term} (${t.count})`).join(', ')}`);
  if (c.topics.length) lines.push(`Topics: ${c.topics.map((t) => `${t.topic} (${t.negative})`).join(', ')}`);
  if (c.failureDemand.categories.length)
    lines.push(`Failure demand ${(100 * c.failureDemand.share).toFixed(0)}%: ${c.failureDemand.categories.map((x) => `${x.category} (${x.mentions})`).join(', ')}`);
  if (c.examples.length) lines.push('Representative mentions:', ...c.examples.map((e) => `- @${e.author} (reach ${e.reach}): "${clip(e.text)}" ${e.url}`));
  lines.push(`Dig in: ${c.query.cli}`, `SQL: ${c.query.sql}`);
  const text = lines.join('\n');
  const html = `<h2>${esc(lines[0]!)}</h2><p>${lines.slice(1, 3).map(esc).join('<br>')}</p>${
    c.terms.length ? `<p><b>Emerging terms:</b> ${c.terms.map((t) => esc(t.term)).join(', ')}</p>` : ''
  }${c.examples.length ? `<ul>${c.examples.map((e) => `<li><a href="${esc(e.url)}">@${esc(e.author)}</a>: ${esc(clip(e.text))}</li>`).join('')}</ul>` : ''}<pre>${esc(c.query.cli)}\n${esc(c.query.sql)}</pre>`;
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(lines[0]!, 150) } },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Observed*\n${fmt(c.metric, c.observed)} ${what}` },
        { type: 'mrkdwn', text: `*Expected*\n${fmt(c.metric, c.expected)}` },
        { type: 'mrkdwn', text: `*Score*\n${c.score.toFixed(1)}` },
        { type: 'mrkdwn', text: `*Since*\n${c.window.since}` },
      ],
    },
  ];
  if (c.terms.length) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*Emerging terms:* ${c.terms.map((t) => `\`${t.term}\``).join(' ')}` } });
  if (c.examples.length) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: c.examples.map((e) => `• <${e.url}|@${e.author}>: ${clip(e.text, 200)}`).join('\n') } });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `\`${c.query.cli}\`` }] });
  return {
    key: `${a.id}#${event}`,
    kind: event === 'open' ? 'alert.open' : 'alert.resolved',
    subject,
    text,
    html,
    slack: { text: subject, blocks },
    json: { event, alert: { id: a.id, rule: a.rule, brand: a.brand, topic: a.topic, status: a.status, startedAt: a.startedAt.toISOString(), endedAt: a.endedAt?.toISOString() ?? null, observed: a.observed, expected: a.expected, score: a.score }, content: c },
    files: [{ name: `alert-${a.id.replace(/[^a-zA-Z0-9_-]+/g, '_')}-${event}.json`, content: `${JSON.stringify({ event, id: a.id, status: a.status, text, content: c }, null, 2)}\n` }],
  };
}
