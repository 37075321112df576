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

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
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
