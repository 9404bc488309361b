import type { Command } from 'commander';
import type { GlobalFlags } from '../../app/config/load-config.js';

/** `kavak chat`: registered here, loaded only when run (Ink and React are not loaded for other commands). */
export function registerChatCommand(program: Command): void {
  program
    .command('chat')
    .description(
      'talk to the agent in the terminal, see the trace of each turn, reload prompts and save golden-set cases',
    )
    .option('-c, --conversation <id>', 'resume this stored conversation (default: a new one)')
    .option('--json', 'line mode for scripts: one JSON object (reply and trace) per input line')
    .addHelpText(
      'after',
      [
        '',
        'Without a terminal (stdin piped) it reads one message per line and prints one reply per line.',
        'Slash commands (/help, /reset, /reload, /save <id> …) work in both modes.',
        '/save writes to ./golden-set, or to KAVAK_GOLDEN_SET_DIR when set.',
      ].join('\n'),
    )
    .action(async (options: { conversation?: string; json?: boolean }, command: Command) => {
      const { chatCommand } = await import('./chat.js');
      await chatCommand({ ...command.optsWithGlobals<GlobalFlags>(), ...options });
    });
}
