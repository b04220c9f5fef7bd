/**
 * Asking for the password on a terminal, without echo. The terminal is put
 * in raw mode so the typed characters are never drawn; the prompt goes to
 * stderr so stdout stays clean for `--json`.
 */

/** Where typing stands after some keys. */
export interface LineState {
  value: string;
  /** Enter was pressed. */
  done: boolean;
  /** Ctrl-C, or Ctrl-D on an empty line. */
  cancelled: boolean;
}

/**
 * Applies typed (or pasted) keys to the line: Enter ends it, Backspace deletes a character,
 * Ctrl-U clears the line, Ctrl-C cancels, Ctrl-D cancels on an empty line and ends it otherwise;
 * other control keys and escape sequences (arrows) are ignored. Pure.
 *
 * @example
 * readKeys({ value: '', done: false, cancelled: false }, 'pass\u007fs\r');
 * // { value: 'pass', done: true, cancelled: false }
 */
export function readKeys(state: LineState, keys: string): LineState {
  let { value } = state;
  const chars = [...keys];
  for (let i = 0; i < chars.length; i++) {
    const key = chars[i] ?? '';
    if (key === '\r' || key === '\n') return { value, done: true, cancelled: false };
    if (key === '\u0003') return { value: '', done: false, cancelled: true };
    if (key === '\u0004') return value === '' ? { value, done: false, cancelled: true } : { value, done: true, cancelled: false };
    if (key === '\u007f' || key === '\b') {
      value = [...value].slice(0, -1).join('');
    } else if (key === '\u0015') {
      value = '';
    } else if (key === '\u001b') {
      // An escape sequence (an arrow key): skip '[' or 'O' and the rest up to its final letter.
      if (chars[i + 1] === '[' || chars[i + 1] === 'O') {
        i++;
        while (i + 1 < chars.length && !/[A-Za-z~]/.test(chars[i + 1] ?? 'x')) i++;
        i++;
      }
    } else if (key >= ' ') {
      value += key;
    }
  }
  return { value, done: false, cancelled: false };
}

/** The parts of `process.stdin` the prompt needs. */
export interface TerminalInput {
  isTTY?: boolean;
  isRaw?: boolean;
  setRawMode(mode: boolean): unknown;
  setEncoding(encoding: 'utf8'): unknown;
  on(event: 'data', listener: (chunk: string) => void): unknown;
  off(event: 'data', listener: (chunk: string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

/**
 * Prints `question` to `write` and reads a line from a terminal without echoing it.
 *
 * @param input a TTY stream (`process.stdin`)
 * @param write where the prompt goes (stderr)
 * @returns the typed line, or `null` when the user cancelled
 * @example
 * const password = await promptHidden(process.stdin, (t) => process.stderr.write(t), 'Password: ');
 */
export function promptHidden(input: TerminalInput, write: (text: string) => void, question: string): Promise<string | null> {
  const wasRaw = input.isRaw === true;
  // Echo goes off before the prompt shows: keys typed (or pasted) the moment it appears stay hidden.
  input.setRawMode(true);
  input.setEncoding('utf8');
  write(question);
  return new Promise((resolve) => {
    let state: LineState = { value: '', done: false, cancelled: false };
    const onData = (chunk: string): void => {
      state = readKeys(state, chunk);
      if (!state.done && !state.cancelled) return;
      input.off('data', onData);
      // Restored before anything else is printed, so a Ctrl-C leaves a usable terminal.
      input.setRawMode(wasRaw);
      input.pause();
      write('\n');
      resolve(state.cancelled ? null : state.value);
    };
    input.on('data', onData);
    input.resume();
  });
}
