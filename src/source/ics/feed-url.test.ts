import { describe, expect, it } from 'vitest';
import { feedUrl, redactUrl, templateProblems } from './feed-url.ts';

const values = { id: 's 1', mailbox: 's1@uni.example', username: 'jan&piet', feedKey: 'k3y/with+chars' };

describe('feed URL templates', () => {
  it('fills each placeholder with its URL-encoded value', () => {
    expect(feedUrl('https://tt.uni.example/ical/{id}?user={username}&key={feedKey}&m={mailbox}', values)).toEqual({
      url: 'https://tt.uni.example/ical/s%201?user=jan%26piet&key=k3y%2Fwith%2Bchars&m=s1%40uni.example',
    });
  });

  it('names a placeholder the person has no value for', () => {
    expect(feedUrl('https://tt.uni.example/ical?key={feedKey}', { ...values, feedKey: null })).toEqual({
      missing: 'feedKey',
    });
  });

  it('refuses unknown placeholders, no placeholder at all, and anything but http(s)', () => {
    expect(templateProblems('https://tt.uni.example/ical?user={user}&key={feedKey}')).toEqual([
      'unknown placeholder {user} (known: {id}, {mailbox}, {username}, {feedKey})',
    ]);
    expect(templateProblems('https://tt.uni.example/ical/everyone.ics')[0]).toMatch(/must name the person/);
    expect(templateProblems('ftp://tt.uni.example/{id}.ics')).toEqual(['must be an http:// or https:// URL']);
    expect(templateProblems('https://tt.uni.example/{id.ics')).toContain('has an unmatched { or }');
    expect(templateProblems('https://tt.uni.example/ical?user={username}&key={feedKey}')).toEqual([]);
  });
});

describe('redactUrl', () => {
  it('hides key-like query values, passwords and the person’s own key wherever it appears', () => {
    expect(redactUrl('https://tt.uni.example/ical?user=s1&key=abc123&apiToken=t0k3n&week=4')).toBe(
      'https://tt.uni.example/ical?user=s1&key=***&apiToken=***&week=4',
    );
    expect(redactUrl('https://admin:hunter2@tt.uni.example/feed/5f2a9c1e.ics', ['5f2a9c1e'])).toBe(
      'https://admin:***@tt.uni.example/feed/***.ics',
    );
    expect(redactUrl('https://tt.uni.example/ical?user={username}&key={feedKey}')).toBe(
      'https://tt.uni.example/ical?user={username}&key={feedKey}',
    );
  });
});
