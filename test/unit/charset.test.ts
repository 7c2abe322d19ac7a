import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes, findHeaderEnd, relabelCharsets } from '../../lib/mail/charset.ts';
import { parseMail } from '../../lib/mail/parse-mail.ts';

const mime = (headers: string, body: Buffer) => Buffer.concat([Buffer.from(`From: a@example.net\r\nSubject: t\r\n${headers}\r\n\r\n`, 'latin1'), body]);

describe('charset repair', () => {
  it('decodes GBK text labelled GB2312 without losing characters', async () => {
    const text = '您好，我的訂單（镕）还没到'; // 镕 exists in GBK, not in GB2312
    const parsed = await parseMail(mime('Content-Type: text/plain; charset=gb2312\r\nContent-Transfer-Encoding: 8bit', iconv.encode(text, 'gbk')));
    expect(parsed.text).toBe(text);
    expect(parsed.replacementCharacters).toBe(0);
  });

  it('reads UTF-8 that is labelled as something else', async () => {
    const parsed = await parseMail(mime('Content-Type: text/plain; charset=big5\r\nContent-Transfer-Encoding: 8bit', Buffer.from('退款什么时候到账？', 'utf8')));
    expect(parsed.text).toBe('退款什么时候到账？');
  });

  it('guesses unlabelled and unknown-label text instead of printing replacement characters', async () => {
    const unlabelled = await parseMail(mime('Content-Transfer-Encoding: 8bit', iconv.encode('Grüße aus Köln, die Lieferung fehlt.', 'windows-1252')));
    expect(unlabelled.text).toBe('Grüße aus Köln, die Lieferung fehlt.');
    const unknown = await parseMail(mime('Content-Type: text/plain; charset=x-unknown\r\nContent-Transfer-Encoding: 8bit', Buffer.from('naïve café', 'utf8')));
    expect(unknown.text).toBe('naïve café');
  });

  it('reads a raw 8-bit subject written in a legacy charset', async () => {
    const raw = Buffer.concat([
      Buffer.from('From: a@example.net\r\nSubject: ', 'latin1'),
      iconv.encode('订单一直没有发货，请尽快处理', 'gb18030'),
      Buffer.from('\r\n\r\nbody', 'latin1'),
    ]);
    const parsed = await parseMail(raw);
    expect(parsed.subject).toBe('订单一直没有发货，请尽快处理');
  });

  it('prefers valid UTF-8 and keeps plain ASCII as it is', () => {
    expect(decodeBytes(Buffer.from('café', 'utf8'), 'iso-8859-1')).toBe('café');
    expect(decodeBytes(Buffer.from('plain', 'ascii'), 'koi8-r')).toBe('plain');
    expect(decodeBytes(iconv.encode('Привет', 'koi8-r'), 'koi8-r')).toBe('Привет');
  });

  it('relabels part headers in any letter case, folded, and after bare CR line ends, copying nothing else', () => {
    const body = Buffer.from(
      '\r\n\r\n--b\r\nCONTENT-TYPE: text/plain\r\n\r\nx\r\n--b\rcontent-type: text/html;\r\n charset="utf-8"\r\n\r\ny\r\n--b\r\nContent-Type: image/png\r\n\r\n\xff\r\n--b--\r\n',
      'latin1',
    );
    const raw = Buffer.concat([Buffer.from('Content-Type: multipart/mixed; boundary=b', 'latin1'), body]);
    const out = relabelCharsets(raw).toString('latin1');
    expect(out).toContain('CONTENT-TYPE: text/plain; charset=x-triage-undeclared\r\n');
    expect(out).toContain('\rcontent-type: text/html;\r\n charset=x-triage-utf-8\r\n');
    expect(out).toContain('Content-Type: image/png\r\n\r\n\xff');
  });

  it('relabels exactly the Content-Type lines a line-by-line reading finds, whatever the line ends and folding', () => {
    // The reference: split the body into lines (CRLF, LF or a bare CR ends one), join folded continuations (after CRLF or LF).
    const reference = (body: string): string => {
      const parts = body.split(/(\r\n|\r|\n)/);
      let out = '';
      for (let i = 0; i < parts.length; i += 2) {
        let line = parts[i]!;
        if (/^content-type:/i.test(line)) {
          while (i + 2 < parts.length && (parts[i + 1] === '\r\n' || parts[i + 1] === '\n') && /^[ \t]/.test(parts[i + 2]!)) {
            line += parts[i + 1]! + parts[i + 2]!;
            i += 2;
          }
          out += relabelledLine(line);
        } else out += line;
        out += parts[i + 1] ?? '';
      }
      return out;
    };
    // What relabelCharsets does to one Content-Type line, read off a one-part message.
    const relabelledLine = (line: string): string =>
      relabelCharsets(Buffer.from(`Content-Type: multipart/mixed\n\n${line}`, 'latin1'))
        .toString('latin1')
        .split('\n\n')[1]!;
    const piece = fc.constantFrom(
      'Content-Type: text/plain',
      'content-TYPE: text/html; charset="utf-8"',
      'Content-Type: image/png',
      ' charset=us-ascii',
      '\tmore',
      'x',
      '--b',
      '\xff\xfe',
      '\r\n',
      '\n',
      '\r',
      ' ',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const body = `\n\n${pieces.join('')}`;
        const out = relabelCharsets(Buffer.concat([Buffer.from('Content-Type: multipart/mixed', 'latin1'), Buffer.from(body, 'latin1')])).toString('latin1');
        expect(out).toBe(`Content-Type: multipart/mixed${reference(body)}`);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a declared label that decodes cleanly, and detects when it does not', () => {
    expect(decodeBytes(iconv.encode('Grüße', 'windows-1252'), 'iso-8859-1')).toBe('Grüße');
    // Shift_JIS cannot read these Windows-1252 bytes cleanly: detection finds what can.
    expect(decodeBytes(iconv.encode('Grüße aus Köln, die Lieferung fehlt noch immer.', 'windows-1252'), 'shift_jis')).toBe('Grüße aus Köln, die Lieferung fehlt noch immer.');
  });

  it('detects the charset of unlabelled text that follows a long ASCII preamble, such as an HTML style block', () => {
    const styles = `<style>${'td { border: 0; padding: 2px } '.repeat(800)}</style>\n`;
    const text = 'Добрый день. Посылка так и не пришла, номер заказа в письме выше. Верните, пожалуйста, деньги. '.repeat(2);
    for (const charset of ['windows-1251', 'koi8-r']) {
      const decoded = decodeBytes(Buffer.concat([Buffer.from(styles, 'latin1'), iconv.encode(text, charset)]));
      expect(decoded.slice(styles.length), charset).toBe(text);
    }
  });

  it('detects the charset of unlabelled text whose 8-bit lines are far apart, such as a greeting, a long ASCII block, then the message', () => {
    const block = 'Order 4711 / SKU AB-123 / qty 1 / status: shipped / carrier: DHL\n'.repeat(120);
    const simplified = ['您好，', block, '我上个月买的耳机左边一直没有声音，换了手机也一样。请问可以换货吗？订单号在上面。谢谢！\n'.repeat(3)].join('\n');
    const traditional = ['您好，', block, '我上個月買的耳機左邊一直沒有聲音，換了手機也一樣。請問可以換貨嗎？訂單號在上面。謝謝！\n'.repeat(3)].join('\n');
    expect(decodeBytes(iconv.encode(simplified, 'gbk'))).toBe(simplified);
    expect(decodeBytes(iconv.encode(traditional, 'big5'))).toBe(traditional);
  });
});

describe('findHeaderEnd', () => {
  /** The definition: the first CRLF CRLF, or a bare LF LF before it, whichever comes first. */
  function reference(raw: Buffer): number {
    const crlf = raw.indexOf('\r\n\r\n');
    const lf = raw.indexOf('\n\n');
    const ends = [crlf, lf].filter((i) => i >= 0);
    return ends.length === 0 ? raw.length : Math.min(...ends);
  }

  it('finds the first blank line, CRLF or LF, in any mix of line ends', () => {
    const char = fc.constantFrom('\r', '\n', 'a', ':', ' ');
    fc.assert(
      fc.property(fc.string({ unit: char, maxLength: 40 }), (text) => {
        const raw = Buffer.from(text, 'latin1');
        expect(findHeaderEnd(raw)).toBe(reference(raw));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads CRLF, LF and no blank line at all', () => {
    expect(findHeaderEnd(Buffer.from('A: 1\r\nB: 2\r\n\r\nbody\n\n'))).toBe(10);
    expect(findHeaderEnd(Buffer.from('A: 1\nB: 2\n\nbody\r\n\r\n'))).toBe(9);
    expect(findHeaderEnd(Buffer.from('\r\n\r\nbody'))).toBe(0);
    expect(findHeaderEnd(Buffer.from('\n\nbody'))).toBe(0);
    expect(findHeaderEnd(Buffer.from('A: 1\n\r\nB: 2'))).toBe(11);
  });
});
