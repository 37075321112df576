// `npm run eval [-- TASK ...]`: measures earshot's classifiers and detectors on the labeled
// data in ../shared/datasets (see its README), with reference methods beside them in the same
// run. Each task is a module in eval/tasks exporting `task: EvalTask`.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EvalTask } from './task.js';

const here = dirname(fileURLToPath(import.meta.url));

async function loadTasks(): Promise<EvalTask[]> {
  const files = readdirSync(join(here, 'tasks')).filter((f) => f.endsWith('.ts')).sort();
  const tasks: EvalTask[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(here, 'tasks', f)).href)) as { task?: EvalTask };
    if (mod.task) tasks.push(mod.task);
  }
  return tasks.sort((a, b) => a.order - b.order);
}

// Names come first (`npm run bench -- classify --texts 1000000`): the words before the first
// option; everything from the first option on belongs to the suites.
const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith('-'));
const wanted = firstOption < 0 ? args : args.slice(0, firstOption);
const tasks = await loadTasks();
const unknown = wanted.filter((w) => !tasks.some((t) => t.name === w));
if (unknown.length) {
  console.error(`unknown eval task(s): ${unknown.join(', ')}; available: ${tasks.map((t) => t.name).join(', ')}`);
  process.exit(2);
}
for (const t of tasks) {
  if (wanted.length ? !wanted.includes(t.name) : t.onlyWhenAsked) continue;
  console.log(`\n## ${t.title}\n`);
  await t.run();
}
