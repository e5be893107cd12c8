import { CommanderError } from 'commander';
import { buildProgram } from './program.js';

const program = buildProgram({
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
});

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    // --help and --version end here too, with exit code 0.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
    return;
  }
  process.stderr.write(`zjmade: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
