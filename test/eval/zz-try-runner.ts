import { kavak } from './eval-cli.js';
process.exitCode = await kavak(...process.argv.slice(2));
