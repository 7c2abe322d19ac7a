import { describe, expect, it } from 'vitest';
import { textWithoutTags } from '../../lib/mail/stripped-html.ts';

describe('textWithoutTags', () => {
  it('keeps the words: block tags break lines, other tags, styles and scripts go', () => {
    // Prepare
    const html =
      '<html><head><style>p { color: red }</style></head><body><p>My <b>parcel</b> is late.</p>' +
      '<div>Order 4471<br>Tracking RX-9</div><script>if (a < b) alert(1)</script><p>Thanks, Ada</p></body></html>';

    // Act
    const text = textWithoutTags(html);

    // Assess
    expect(text).toBe('My parcel is late.\n\nOrder 4471\nTracking RX-9\n\nThanks, Ada');
  });

  it('decodes numeric and common named entities once, and replaces code points that do not exist', () => {
    expect(textWithoutTags('Fish &amp; chips &lt;3 &#x4F60;&#22909; &amp;lt; &copy; &#0; &#x110000;')).toBe('Fish & chips <3 你好 &lt; &copy; \uFFFD \uFFFD');
  });

  it('hides what follows a style element that is never closed', () => {
    expect(textWithoutTags('<p>Hello</p><style>p { color: red }<p>Lost</p>')).toBe('Hello');
  });

  it('reads unbalanced markup without failing', () => {
    expect(textWithoutTags(`${'<div>'.repeat(80_000)}deep text`)).toBe('deep text');
    expect(textWithoutTags('1 < 2 and 3 <<< 4')).toBe('1 < 2 and 3 <<< 4');
  });
});
