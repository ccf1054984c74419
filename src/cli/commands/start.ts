import { Command } from 'commander';
import {
  allocBatch,
  batchLabels,
  createTask,
  inputString,
  sampleBatch,
  seededStream,
} from '../../task/index.ts';
import { formatTable, num, seedFromOptions } from '../options.ts';
import { taskTable } from './task.ts';

/** `npm start`: the main job on embedded defaults, no server needed. */
export function startCommand(): Command {
  return new Command('start')
    .description("the quick tour: the paper's task, a sample, and a check of its statistics")
    .option('--seed <n>', 'seed for the masks and samples (default 0)', num)
    .action(async (opts) => start(seedFromOptions(opts)));
}

async function start(seed: number): Promise<void> {
  const task = createTask({}, seed);
  const out: string[] = [];
  out.push("Multitask sparse parity, the paper's NN setting (Nam et al. 2024, K.1)", taskTable(task), '');
  const batch = allocBatch(task, 8);
  sampleBatch(task, seededStream(seed, 'data'), batch);
  const y = batchLabels(task, batch);
  out.push(
    'Eight samples (x = control bits | task bits; y = +S for even parity of the skill bits, −S for odd):',
    formatTable(
      ['skill', 'x', 'y'],
      Array.from({ length: batch.size }, (_, i) => [batch.skill[i] + 1, inputString(task, batch, i), y[i]]),
    ),
  );
  process.stdout.write(`${out.join('\n')}\n`);
}
