import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingAdvice, findingTitle, studioEn, studioSv } from './studio';

/**
 * The finding codes the Studio's core can send: the variants of
 * `FindingCode` in crates/studio/src/checks.rs, in snake_case as serde
 * writes them. Read from the source, so a new code without words here fails.
 */
function findingCodes(): string[] {
  const source = readFileSync(resolve(__dirname, '../../../../crates/studio/src/checks.rs'), 'utf8');
  const body = source.split('pub enum FindingCode {')[1]?.split('\n}')[0] ?? '';
  return [...body.matchAll(/^ {4}([A-Z]\w*),$/gm)].map((m) => (m[1] ?? '').replace(/(?<!^)([A-Z])/g, '_$1').toLowerCase());
}

describe("the Studio's findings in the editor's language", () => {
  it('has a title and advice in Swedish and English for every code the core sends', () => {
    const codes = findingCodes();
    expect(codes.length, 'the codes are read from the Rust enum').toBeGreaterThan(10);
    expect(codes).toContain('link_not_https');
    for (const code of codes) {
      for (const [name, dictionary] of [['sv', studioSv], ['en', studioEn]] as const) {
        const t = (key: keyof typeof studioSv): string => dictionary[key];
        expect(findingTitle(code, t), `${name} title of ${code}`).toBeTruthy();
        expect(findingAdvice(code, t), `${name} advice of ${code}: what the editor can do`).toBeTruthy();
      }
    }
  });

  it('says nothing for a code this UI does not know, so the core’s sentence stands alone', () => {
    const t = (key: keyof typeof studioSv): string => studioSv[key];
    expect(findingTitle('something_new', t)).toBeNull();
    expect(findingAdvice('something_new', t)).toBeNull();
  });
});
