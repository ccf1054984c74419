import { CommanderError } from 'commander';
import { RunFailed, UsageError } from '../errors.ts';
import { createProgram } from './program.ts';

// Entry point: the only place that exits. User mistakes print one line and exit 2; bugs keep their stack.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

try {
  await createProgram().parseAsync(process.argv);
} catch (e) {
  if (e instanceof UsageError) {
    process.stderr.write(`error: ${e.message}\n`);
    process.exit(2);
  }
  if (e instanceof RunFailed) {
    process.stderr.write(`error: ${e.message}\n`);
    process.exit(1);
  }
  if (e instanceof CommanderError) {
    process.exit(e.exitCode === 0 ? 0 : 2);
  }
  throw e;
}
