import { Command } from 'commander';
import { z } from 'zod';
import { integer, parseInput } from '../../config.ts';
import { servePage } from '../../serve/static.ts';
import { num } from '../options.ts';

export function serveCommand(): Command {
  return new Command('serve')
    .description(
      'serve the explorer page (built by npm run build into build/web) on 127.0.0.1 until interrupted; docs/web.md',
    )
    .option('--port <p>', 'TCP port, 0 for any free one (default 8080)', num)
    .action((opts) => serve(opts));
}

async function serve(opts: { port?: unknown }): Promise<void> {
  const { port } = parseInput(z.object({ port: integer(0, 65535).default(8080) }), { port: opts.port });
  const { server, url } = await servePage(port);
  process.stdout.write(`serving the explorer at ${url} (Ctrl-C stops)\n`);
  await new Promise<void>((done) => {
    const stop = () => server.close(() => done());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
