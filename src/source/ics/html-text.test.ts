import { describe, expect, it } from 'vitest';
import { htmlToText, looksLikeHtml } from './html-text.ts';

describe('htmlToText', () => {
  it('keeps the text and its line breaks, drops tags, scripts and styles', () => {
    const html =
      '<html><head><title>x</title><style>p{color:red}</style></head><body><p>Room <b>B</b> &amp; C</p>' +
      '<script>alert("x")</script><ul><li>one</li><li>two</li></ul>Line<br/>break &lt;img src=x onerror=alert(1)&gt; &#8364;5 &#x2713;</body></html>';
    expect(htmlToText(html)).toBe('Room B & C\n• one\n• two\n\nLine\nbreak <img src=x onerror=alert(1)> €5 ✓');
  });

  it('tells HTML from text that happens to contain a < sign', () => {
    expect(looksLikeHtml('<p>Hi</p>')).toBe(true);
    expect(looksLikeHtml('Bring <your> laptop; 1 < 2')).toBe(false);
  });
});
