// `npm run bench [-- SUITE ...]`: benchmarks, each a module in bench/suites exporting
// `suite: BenchSuite`. Figures are reported as ratios against a reference run in the same
// process where one exists; absolute times on shared machines are noise.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchSuite } from './suite.js';

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(join(here, 'suites')).filter((f) => f.endsWith('.ts')).sort();
const suites: BenchSuite[] = [];
for (const f of files) {
  const mod = (await import(pathToFileURL(join(here, 'suites', f)).href)) as { suite?: BenchSuite };
  if (mod.suite) suites.push(mod.suite);
}
// Names come first (`npm run bench -- classify --texts 1000000`): the words before the first
// option; everything from the first option on belongs to the suites.
const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith('-'));
const wanted = firstOption < 0 ? args : args.slice(0, firstOption);
const unknown = wanted.filter((w) => !suites.some((s) => s.name === w));
if (unknown.length) {
  console.error(`unknown bench suite(s): ${unknown.join(', ')}; available: ${suites.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
for (const s of suites) {
  if (wanted.length && !wanted.includes(s.name)) continue;
  console.log(`\n## bench: ${s.name}: ${s.title}\n`);
  await s.run(process.argv.slice(2));
}
