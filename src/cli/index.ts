import { runCli } from './run-cli.js';

// The only place that sets the exit code; commands return or throw.
process.exitCode = await runCli(process.argv);
