/**
 * Reads a new password for `samtal-server user add`: typed twice without
 * echo on a terminal, else the first line of standard input (for scripts:
 * `printf '%s\n' "$PASSWORD" | samtal-server user add …`).
 */
import type { ReadStream } from 'node:tty';

/** Everything on stdin up to the first line break. */
async function firstLine(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += String(chunk);
    if (text.includes('\n') || text.length > 4096) break;
  }
  return text.split(/\r?\n/, 1)[0] ?? '';
}

/** One line typed without echo. */
function typeHidden(
  stdin: ReadStream,
  stderr: (text: string) => void,
  prompt: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    stderr(prompt);
    let typed = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === '\r' || character === '\n') {
          finish();
          resolve(typed);
          return;
        }
        if (character === '\u0003') {
          finish();
          reject(new Error('cancelled'));
          return;
        }
        if (character === '\u007f' || character === '\b') typed = typed.slice(0, -1);
        else typed += character;
      }
    };
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr('\n');
    };
    stdin.on('data', onData);
  });
}

/** The new password, or an error message. */
export async function readNewPassword(
  stdin: NodeJS.ReadStream,
  stderr: (text: string) => void,
): Promise<{ password: string } | { error: string }> {
  if (!stdin.isTTY) return { password: await firstLine(stdin) };
  const tty = stdin as ReadStream;
  const first = await typeHidden(tty, stderr, 'Password: ');
  const again = await typeHidden(tty, stderr, 'Password again: ');
  return first === again ? { password: first } : { error: 'the two passwords differ' };
}
