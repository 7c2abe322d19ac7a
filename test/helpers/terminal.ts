import { clearLine, cursorTo, moveCursor } from 'node:readline';
import { Writable } from 'node:stream';
import type { ProgressStream } from '../../cli/progress.ts';

/** A stream that records what is written, posing as a terminal (or, with isTTY false, as a pipe). */
export function fakeTerminal(isTTY: boolean, colors = true): ProgressStream & { text: () => string; plain: () => string } {
  let written = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      written += chunk.toString();
      done();
    },
  }) as Writable & { isTTY: boolean; columns: number; hasColors: () => boolean; text: () => string; plain: () => string };
  stream.isTTY = isTTY;
  stream.columns = 0; // as a bare pseudo-terminal reports: the spinner must still count its lines
  stream.hasColors = () => colors;
  stream.text = () => written;
  stream.plain = () => written.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
  // The cursor methods of a tty.WriteStream, as escape codes.
  Object.assign(stream, {
    cursorTo: (x: number, y?: number, cb?: () => void) => cursorTo(stream, x, y, cb),
    moveCursor: (dx: number, dy: number, cb?: () => void) => moveCursor(stream, dx, dy, cb),
    clearLine: (dir: -1 | 0 | 1, cb?: () => void) => clearLine(stream, dir, cb),
  });
  return stream;
}
