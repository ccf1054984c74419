import { Command, Option } from 'commander';
import { z } from 'zod';
import { integer, oneOf, parseInput } from '../../config.ts';
import { UsageError } from '../../errors.ts';
import {
  allocBatch,
  batchLabels,
  type CompactBatch,
  createTask,
  exactFrequencyTestSet,
  inputString,
  sampleBatch,
  sampleSkillBatch,
  seededStream,
  type Task,
  type TaskSpecInput,
} from '../../task/index.ts';
import { addConfigFlags, configFromFlags, TASK_FLAGS } from '../flags.ts';
import { formatTable, num, printJson, seedFromOptions } from '../options.ts';

export function taskCommand(): Command {
  const task = new Command('task').description('the multitask sparse parity task: describe it, draw samples');
  task.addCommand(
    addTaskOptions(new Command('describe'))
      .description('skill frequencies P_s(k) and the relevant bits of every skill')
      .option('--json', 'machine-readable output')
      .action((opts) => describe(opts)),
  );
  task.addCommand(
    addTaskOptions(new Command('sample'))
      .description('draw samples: i.i.d. (default), one skill only (--skill), or exact frequencies (--exact)')
      .option('--n <n>', 'number of samples (default 10)', num)
      .addOption(
        new Option('--format <f>', 'output format').choices(['jsonl', 'csv', 'table']).default('jsonl'),
      )
      .option('--skill <k>', 'only skill k (1-based): a per-skill test set', num)
      .option('--exact', "Michaud's exact-frequency set: ⌊P_s(k)·n⌋ samples of each skill")
      .action((opts) => sample(opts)),
  );
  return task;
}

/** The task flags and the seed of its masks and samples. */
function addTaskOptions(cmd: Command): Command {
  return addConfigFlags(cmd, TASK_FLAGS).option('--seed <n>', 'seed for masks and samples (default 0)', num);
}

/** The task and seed the flags describe. */
function taskFromOptions(opts: Record<string, unknown>): Task {
  return createTask((configFromFlags(opts, TASK_FLAGS).task ?? {}) as TaskSpecInput, seedFromOptions(opts));
}

/** JSON description of a task (the fields of `emergence task describe --json`). */
export function describeTask(task: Task) {
  const { skills, bits, m, alpha, S, distribution, masks, labels } = task.spec;
  return {
    skills,
    bits,
    m,
    alpha,
    S,
    probs: Array.from(task.probs),
    masks: task.masks.map((mask) => [...mask]),
    distribution,
    maskMode: masks,
    labels,
    seed: task.seed,
  };
}

/** A human-readable table of skills, frequencies and masks. */
export function taskTable(task: Task): string {
  const { skills, bits, m, alpha, S, distribution, masks } = task.spec;
  const law = distribution === 'zipf' ? `P_s(k) ∝ k^-${alpha + 1}` : 'P_s(k) = 1/n_s';
  const head = `n_s = ${skills}, n_b = ${bits}, m = ${m}, ${law}, y = ±${S}, ${masks} masks, seed ${task.seed}`;
  const rows = task.masks.map((mask, k) => [k + 1, task.probs[k].toFixed(6), mask.join(' ')]);
  return `${head}\n${formatTable(['skill', 'P_s(k)', 'relevant bits (0-based)'], rows)}`;
}

function describe(opts: Record<string, unknown>): void {
  const task = taskFromOptions(opts);
  if (opts.json) printJson(describeTask(task));
  else process.stdout.write(`${taskTable(task)}\n`);
}

const SampleOptions = z.object({
  n: integer(1, 100_000_000).default(10),
  format: oneOf(['jsonl', 'csv', 'table']),
});

function sample(opts: Record<string, unknown>): void {
  const task = taskFromOptions(opts);
  const { n, format } = parseInput(SampleOptions, { n: opts.n, format: opts.format });
  const rng = seededStream(task.seed, 'data');
  let batch: CompactBatch;
  if (opts.exact) {
    batch = exactFrequencyTestSet(task, rng, n);
  } else {
    batch = allocBatch(task, n);
    if (opts.skill === undefined) sampleBatch(task, rng, batch);
    else {
      const { skill } = parseInput(z.object({ skill: integer(1, task.spec.skills) }), { skill: opts.skill });
      sampleSkillBatch(task, rng, batch, skill - 1);
    }
  }
  if (batch.size === 0)
    throw new UsageError(`n must be large enough that ⌊P_s(k)·n⌋ > 0 for some skill (got ${n})`);
  writeSamples(task, batch, format);
}

function writeSamples(task: Task, batch: CompactBatch, format: 'jsonl' | 'csv' | 'table'): void {
  const y = batchLabels(task, batch);
  const line = (i: number) => {
    const skill = batch.skill[i] + 1;
    const x = inputString(task, batch, i);
    if (format === 'jsonl') return JSON.stringify({ skill, x, y: y[i] });
    return format === 'csv'
      ? `${skill},${x},${y[i]}`
      : `${String(skill).padStart(5)}  ${x}  ${String(y[i]).padStart(3)}`;
  };
  const header =
    format === 'csv'
      ? 'skill,x,y\n'
      : format === 'table'
        ? `${'skill'.padStart(5)}  x (control | task bits)  y\n`
        : '';
  process.stdout.write(header);
  const CHUNK = 4096;
  for (let start = 0; start < batch.size; start += CHUNK) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(batch.size, start + CHUNK); i++) lines.push(line(i));
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}
