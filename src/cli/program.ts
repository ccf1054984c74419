import { Command } from 'commander';
import { benchCommand } from './commands/bench.ts';
import { calibrateCommand } from './commands/calibrate.ts';
import { reproduceCommand } from './commands/reproduce.ts';
import { resultsCommand } from './commands/results.ts';
import { serveCommand } from './commands/serve.ts';
import { startCommand } from './commands/start.ts';
import { sweepCommand } from './commands/sweep.ts';
import { taskCommand } from './commands/task.ts';
import { theoryCommand } from './commands/theory.ts';
import { trainCommand } from './commands/train.ts';
import { workerCommand } from './commands/worker.ts';

/** The command table: each command lives in commands/<name>.ts over the library API. */
export function createProgram(): Command {
  const program = new Command('emergence')
    .description('Emergence and scaling laws in multitask sparse parity (Nam et al., NeurIPS 2024)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const make of [
    startCommand,
    taskCommand,
    theoryCommand,
    trainCommand,
    sweepCommand,
    reproduceCommand,
    resultsCommand,
    calibrateCommand,
    serveCommand,
    workerCommand,
    benchCommand,
  ])
    program.addCommand(make());
  // Subcommands inherit the error handling so every parse error reaches main.ts.
  for (const cmd of allCommands(program)) cmd.exitOverride();
  return program;
}

function allCommands(cmd: Command): Command[] {
  return cmd.commands.flatMap((c) => [c, ...allCommands(c)]);
}
