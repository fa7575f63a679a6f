import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The team-written logs in test/fixtures/logs/<format>/<cause>[--variant].log. */
export const FIXTURE_ROOT = join(__dirname, '..', '..', '..', '..', 'fixtures', 'logs');

export interface LogFixture {
  /** "esptool/no-data--v4.log" */
  readonly name: string;
  readonly format: string;
  readonly cause: string;
  readonly text: string;
}

export function logFixtures(): LogFixture[] {
  const fixtures: LogFixture[] = [];
  for (const format of readdirSync(FIXTURE_ROOT, { withFileTypes: true })) {
    if (!format.isDirectory()) continue;
    for (const file of readdirSync(join(FIXTURE_ROOT, format.name))) {
      if (!file.endsWith('.log')) continue;
      const cause = file.replace(/\.log$/, '').split('--')[0]!;
      fixtures.push({ name: `${format.name}/${file}`, format: format.name, cause, text: readFileSync(join(FIXTURE_ROOT, format.name, file), 'utf8') });
    }
  }
  return fixtures;
}

export function fixture(name: string): string {
  return readFileSync(join(FIXTURE_ROOT, name), 'utf8');
}
