import { Command } from 'commander';
import { registerCoverage } from './commands/coverage.js';
import { runVerify } from './commands/verify.js';
import { sourceFromFlags, UsageError } from './load-registry.js';

interface VerifyFlags {
  json?: boolean;
  at?: string;
  text?: string;
  registry?: string;
  sample?: boolean;
}

/** The `zjmade` program; commands register here, one file each under `commands/`. */
export function buildProgram(write: { out: (s: string) => void; err: (s: string) => void }): Command {
  const program = new Command('zjmade')
    .description('Verify 浙江制造 (品字标) marketplace listings against the zjmade registry.')
    .configureOutput({ writeOut: write.out, writeErr: write.err })
    .exitOverride();

  program
    .command('verify')
    .description('print the verdict for each listing URL or share text')
    .argument('<listing...>', 'listing URLs or share texts')
    .option('--json', 'print the Verdict array as JSON')
    .option('--at <date>', 'answer for this business date (YYYY-MM-DD, UTC+8) or ISO time')
    .option('--text <title>', "the listing's title, to check claims of 浙江制造 / 品字标")
    .option('--registry <dir>', 'registry files written by zjmade-sample')
    .option('--sample', 'use the synthetic sample registry generated in memory (the default)')
    .action(async (listings: string[], flags: VerifyFlags) => {
      let source: ReturnType<typeof sourceFromFlags>;
      try {
        source = sourceFromFlags(flags);
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        write.err(`zjmade verify: ${error.message}\n`);
        process.exitCode = 2;
        return;
      }
      const result = await runVerify(listings, {
        json: flags.json,
        at: flags.at,
        text: flags.text,
        source,
        colour: process.stdout.isTTY === true && !process.env.NO_COLOR,
      });
      write.out(result.stdout);
      write.err(result.stderr);
      process.exitCode = result.exitCode;
    });

  registerCoverage(program, write);

  return program;
}
