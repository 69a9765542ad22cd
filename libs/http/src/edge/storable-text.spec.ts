import { unstorableText } from './storable-text';

// What PostgreSQL refuses to store (a 500 once it got there) is named before it gets there.
describe('unstorableText', () => {
  it.each([
    ['plain text', 'Ada Lovelace'],
    ['accents and other scripts', 'Zoë Ødegård, 東京'],
    ['a surrogate pair (an emoji)', 'cup \ud83c\udf75'],
    ['the empty string', ''],
    ['other control characters', 'tab\there\u0001'],
  ])('stores %s', (_, text) => {
    expect(unstorableText(text)).toBeUndefined();
  });

  it.each([
    ['a NUL character', 'a\u0000b', /NUL/],
    ['a lone high surrogate', 'a\ud800b', /surrogate/],
    ['a lone high surrogate at the end', 'cup \ud83c', /surrogate/],
    ['a lone low surrogate', '\udc00', /surrogate/],
    ['a low surrogate before a high one', '\udf75\ud83c', /surrogate/],
  ])('refuses %s, saying why', (_, text, why) => {
    expect(unstorableText(text)).toMatch(why);
  });
});
