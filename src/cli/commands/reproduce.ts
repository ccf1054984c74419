import { Command } from 'commander';
import { FIGURE_IDS } from '../../plot/figures/figure.ts';
import { parseFigureIds, reproduce } from '../../plot/reproduce.ts';
import { printJson } from '../options.ts';

export function reproduceCommand(): Command {
  return new Command('reproduce')
    .description(
      `redraw the paper's theory figures from the closed forms: writes <fig>.svg, <fig>.png (2×) and ` +
        `<fig>.json (parameters and curves) per figure`,
    )
    .argument('<figures...>', `${FIGURE_IDS.join(' | ')} | all`)
    .option('--out <dir>', 'output folder, created if missing', 'out/figures')
    .option('--json', 'print the written paths as JSON')
    .addHelpText('after', '\nExamples:\n  emergence reproduce fig2\n  emergence reproduce all --out figures/')
    .action(async (names: string[], opts: { out: string; json?: boolean }) => {
      const written = await reproduce(parseFigureIds(names), opts.out);
      if (opts.json) printJson(written);
      else for (const f of written) process.stdout.write(`${f.svg}\n${f.png}\n${f.json}\n`);
    });
}
