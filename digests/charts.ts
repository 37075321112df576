// Digest charts as inline SVG, rendered server-side by Vega-Lite (no browser, no canvas, no
// network): the spec is compiled to Vega and the headless view writes SVG.
import { View, parse } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Digest } from './build.js';

async function svg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const COLORS = { negative: '#d62728', neutral: '#9e9e9e', positive: '#2ca02c' };

/** Mentions per interval by sentiment, with the period's alerts as red rules. */
export function sentimentChart(d: Digest): Promise<string> {
  const rows = d.series.flatMap((p) => (['negative', 'neutral', 'positive'] as const).map((s) => ({ t: p.bucket, sentiment: s, mentions: p[s] })));
  const alerts = d.alerts.map((a) => ({ t: a.startedAt, label: `alert ${a.startedAt.slice(11, 16)}` }));
  const time = { field: 't', type: 'temporal' as const, title: null, axis: { format: d.intervalSeconds < 86_400 ? '%H:%M' : '%b %d' } };
  return svg({
    width: 640,
    height: 200,
    title: 'Mentions by sentiment',
    config: { font: 'Helvetica, Arial, sans-serif' },
    layer: [
      {
        data: { values: rows },
        mark: { type: 'area', interpolate: 'monotone' },
        encoding: {
          x: time,
          y: { field: 'mentions', type: 'quantitative', stack: 'zero', title: 'mentions' },
          color: { field: 'sentiment', type: 'nominal', scale: { domain: Object.keys(COLORS), range: Object.values(COLORS) }, legend: { orient: 'top', title: null } },
          order: { field: 'sentiment', sort: 'ascending' },
        },
      },
      ...(alerts.length
        ? [
            { data: { values: alerts }, mark: { type: 'rule' as const, color: '#b00020', strokeDash: [4, 3], strokeWidth: 2 }, encoding: { x: time } },
            { data: { values: alerts }, mark: { type: 'text' as const, color: '#b00020', align: 'left' as const, dx: 4, y: 8, fontWeight: 'bold' as const }, encoding: { x: time, text: { field: 'label' } } },
          ]
        : []),
    ],
  } as TopLevelSpec);
}

/** Failure demand as a share of original voices per interval. */
export function failureDemandChart(d: Digest): Promise<string> {
  const rows = d.series.filter((p) => p.failureShare !== null).map((p) => ({ t: p.bucket, share: p.failureShare }));
  return svg({
    width: 640,
    height: 140,
    title: 'Failure demand share of voices',
    config: { font: 'Helvetica, Arial, sans-serif' },
    data: { values: rows },
    mark: { type: 'line', point: true, color: '#ff7f0e', interpolate: 'monotone' },
    encoding: {
      x: { field: 't', type: 'temporal', title: null, axis: { format: d.intervalSeconds < 86_400 ? '%H:%M' : '%b %d' } },
      y: { field: 'share', type: 'quantitative', axis: { format: '%' }, title: 'failure demand', scale: { domain: [0, 1] } },
    },
  } as TopLevelSpec);
}
