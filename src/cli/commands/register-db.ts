import type { Command } from 'commander';
import type { GlobalFlags } from '../../app/config/load-config.js';

/** `kavak db migrate` and `kavak db status`, on the database --db / KAVAK_DB names. */
export function registerDbCommands(program: Command): void {
  const db = program
    .command('db')
    .description('the database schema: apply migrations, or show where the database stands')
    .addHelpText(
      'after',
      '\nSQLite (a file path, the default) migrates itself on first use; PostgreSQL (--db postgres://…) does too,\nunder a lock so replicas starting together migrate once. Run `kavak db migrate` as a deploy step to do it first.',
    );
  db.command('migrate')
    .description('apply every pending migration and print the versions applied')
    .action(async (_options: object, command: Command) => {
      const { dbMigrateCommand } = await import('./db.js');
      await dbMigrateCommand(command.optsWithGlobals<GlobalFlags>());
    });
  db.command('status')
    .description("print the database's schema version, the newest this kavak knows, and what is pending")
    .action(async (_options: object, command: Command) => {
      const { dbStatusCommand } = await import('./db.js');
      await dbStatusCommand(command.optsWithGlobals<GlobalFlags>());
    });
}
