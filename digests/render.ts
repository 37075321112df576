// A digest as Markdown (chat, email text part, files) and as HTML with inline SVG charts.
import type { Digest, DigestMention, DigestTopic } from './build.js';
import { failureDemandChart, sentimentChart } from './charts.js';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const signed = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${(100 * x).toFixed(0)}%` : 'new');
const rel = (now: number, before: number) => (before === 0 ? (now === 0 ? 0 : Infinity) : (now - before) / before);
const negShare = (c: Digest['current']) => (c.mentions ? c.negative / c.mentions : 0);
const clip = (s: string, n = 220) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const md = (s: string) => oneLine(s).replace(/([\\`*_[\]|<>])/g, '\\$1');

function localTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
}

export interface DigestHeadline {
  label: string;
  value: string;
  change: string;
}

export function headlines(d: Digest): DigestHeadline[] {
  const c = d.current;
  const p = d.previous;
  return [
    { label: 'Mentions', value: String(c.mentions), change: signed(rel(c.mentions, p.mentions)) },
    { label: 'Voices (originals)', value: String(c.voices), change: signed(rel(c.voices, p.voices)) },
    { label: 'Negative share', value: pct(negShare(c)), change: `${((negShare(c) - negShare(p)) * 100).toFixed(1)} pts` },
    { label: 'Mean sentiment', value: c.meanSentiment.toFixed(2), change: `${c.meanSentiment - p.meanSentiment >= 0 ? '+' : ''}${(c.meanSentiment - p.meanSentiment).toFixed(2)}` },
    { label: 'Failure demand', value: pct(d.failureDemand.current.share), change: `${((d.failureDemand.current.share - d.failureDemand.previousShare) * 100).toFixed(1)} pts` },
  ];
}

export function alertLine(a: Digest['alerts'][number], timeZone: string): string {
  const scope = a.topic ? ` (${a.topic})` : '';
  const until = a.endedAt ? ` to ${localTime(a.endedAt, timeZone)}` : ' (still open)';
  return `Negative spike${scope} from ${localTime(a.startedAt, timeZone)}${until}: ${Math.round(a.observed)} negative vs ${a.expected.toFixed(1)} expected per interval, score ${a.score.toFixed(1)}${a.terms.length ? `; terms: ${a.terms.join(', ')}` : ''}`;
}

const mentionMd = (m: DigestMention) => `- [@${md(m.author)}](${m.url})${m.category ? ` _${m.category}_` : ''}${m.echoes ? ` (+${m.echoes} echoes)` : ''}: ${md(clip(m.text))}`;
const topicMd = (t: DigestTopic) => `| ${t.topic} | ${t.mentions} | ${t.negative} | ${t.failureDemand} | ${signed(t.change)} |`;

export function renderMarkdown(d: Digest): string {
  const out: string[] = [];
  out.push(`# ${d.brandName}: digest ${localTime(d.periodStart, d.timeZone)} → ${localTime(d.periodEnd, d.timeZone)} (${d.timeZone})`, '');
  out.push('| measure | this period | vs previous |', '| --- | --- | --- |', ...headlines(d).map((h) => `| ${h.label} | ${h.value} | ${h.change} |`), '');
  out.push(`## Alerts (${d.alerts.length})`, '');
  out.push(...(d.alerts.length ? d.alerts.map((a) => `- **${alertLine(a, d.timeZone)}**`) : ['No negative spikes this period.']), '');
  out.push('## Topics', '');
  if (d.topics.length) out.push('| topic | mentions | negative | failure demand | vs previous |', '| --- | --- | --- | --- | --- |', ...d.topics.map(topicMd));
  else out.push('No topics matched this period.');
  out.push('');
  if (d.risingTopics.length) out.push(`Rising: ${d.risingTopics.map((t) => `**${t.topic}** ${signed(t.change)}`).join(', ')}`, '');
  const fd = d.failureDemand.current;
  out.push('## Failure demand', '', `${pct(fd.share)} of ${fd.demand} original voices (${fd.failureDemand}) were failure demand.`, '');
  if (fd.byCategory.length) out.push(...fd.byCategory.slice(0, 6).map((c) => `- ${c.category}: ${c.mentions} (${pct(c.share)})`), '');
  if (d.failureDemand.examples.length) out.push('Examples:', ...d.failureDemand.examples.map(mentionMd), '');
  out.push('## Customer ideas', '', ...(d.ideas.length ? d.ideas.map(mentionMd) : ['No ideas this period.']), '');
  out.push('## Representative negative mentions', '', ...(d.mentions.length ? d.mentions.map(mentionMd) : ['None.']), '');
  return out.join('\n');
}

const CSS = `body{font:14px/1.45 Helvetica,Arial,sans-serif;color:#222;max-width:760px;margin:24px auto;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.sub{color:#666;margin:0 0 16px}.kpis{display:flex;flex-wrap:wrap;gap:10px}.kpi{border:1px solid #e3e3e3;border-radius:6px;padding:8px 12px;min-width:120px}
.kpi b{display:block;font-size:20px}.kpi span{color:#666;font-size:12px}.alert{background:#fdecea;border-left:4px solid #b00020;padding:8px 12px;margin:6px 0}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:4px 6px;text-align:left}th{color:#555;font-weight:600}
li{margin:4px 0}.cat{color:#a15c00;font-size:12px}.chart svg{max-width:100%;height:auto}`;

const mentionHtml = (m: DigestMention) =>
  `<li><a href="${esc(m.url)}">@${esc(m.author)}</a>${m.category ? ` <span class="cat">${esc(m.category)}</span>` : ''}${m.echoes ? ` <span class="cat">+${m.echoes} echoes</span>` : ''}: ${esc(clip(oneLine(m.text)))}</li>`;

export async function renderHtml(d: Digest): Promise<string> {
  const [sentiment, failure] = await Promise.all([sentimentChart(d), failureDemandChart(d)]);
  const fd = d.failureDemand.current;
  const title = `${d.brandName}: digest ${localTime(d.periodStart, d.timeZone)} → ${localTime(d.periodEnd, d.timeZone)}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}</style></head><body>
<h1>${esc(title)}</h1><p class="sub">Times in ${esc(d.timeZone)}; changes against the previous period of the same length.</p>
<div class="kpis">${headlines(d).map((h) => `<div class="kpi"><span>${esc(h.label)}</span><b>${esc(h.value)}</b><span>${esc(h.change)} vs previous</span></div>`).join('')}</div>
<h2>Alerts (${d.alerts.length})</h2>
${d.alerts.length ? d.alerts.map((a) => `<div class="alert">${esc(alertLine(a, d.timeZone))}</div>`).join('\n') : '<p>No negative spikes this period.</p>'}
<div class="chart">${sentiment}</div>
<div class="chart">${failure}</div>
<h2>Topics</h2>
${
  d.topics.length
    ? `<table><tr><th>topic</th><th>mentions</th><th>negative</th><th>failure demand</th><th>vs previous</th></tr>${d.topics
        .map((t) => `<tr><td>${esc(t.topic)}</td><td>${t.mentions}</td><td>${t.negative}</td><td>${t.failureDemand}</td><td>${signed(t.change)}</td></tr>`)
        .join('')}</table>`
    : '<p>No topics matched this period.</p>'
}
${d.risingTopics.length ? `<p>Rising: ${d.risingTopics.map((t) => `<b>${esc(t.topic)}</b> ${signed(t.change)}`).join(', ')}</p>` : ''}
<h2>Failure demand</h2>
<p>${pct(fd.share)} of ${fd.demand} original voices (${fd.failureDemand}) were failure demand.</p>
${fd.byCategory.length ? `<ul>${fd.byCategory.slice(0, 6).map((c) => `<li>${esc(c.category)}: ${c.mentions} (${pct(c.share)})</li>`).join('')}</ul>` : ''}
${d.failureDemand.examples.length ? `<p>Examples:</p><ul>${d.failureDemand.examples.map(mentionHtml).join('')}</ul>` : ''}
<h2>Customer ideas</h2>
${d.ideas.length ? `<ul>${d.ideas.map(mentionHtml).join('')}</ul>` : '<p>No ideas this period.</p>'}
<h2>Representative negative mentions</h2>
${d.mentions.length ? `<ul>${d.mentions.map(mentionHtml).join('')}</ul>` : '<p>None.</p>'}
</body></html>
`;
}
