/**
 * Keeps the user's name out of a report meant for a public forum: the home folder (given by the
 * host, and the usual home locations of every OS in case a path came from another machine or
 * account) becomes `~`. Applied to every text before it is escaped, and once more to the
 * finished Markdown.
 */
const HOME_PATTERNS: readonly RegExp[] = [
  // Windows, with one or two backslashes (the second when the text was already escaped).
  /\b[A-Za-z]:(?:\\{1,2}|\/)(?:Users|Documents and Settings)(?:\\{1,2}|\/)[^\\/\s`|:*?"<>]+/gi,
  /\/home\/[^/\s`|:]+/g,
  /\/Users\/[^/\s`|:]+/g,
  /\/var\/home\/[^/\s`|:]+/g,
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export type Scrubber = (text: string) => string;

export function createScrubber(homeDir?: string): Scrubber {
  const home = homeDir?.replace(/[\\/]+$/, '');
  // A bare "/" or "C:" home would replace every path; such homes are left to the patterns.
  const ownHome = home !== undefined && home.length > 3 ? home : undefined;
  const homePattern =
    ownHome === undefined
      ? undefined
      : new RegExp(
          escapeRegExp(ownHome)
            .split(/\\\\|\//)
            .join('(?:\\\\{1,2}|/)') + '(?![A-Za-z0-9._-])',
          /^[A-Za-z]:/.test(ownHome) ? 'gi' : 'g',
        );
  return (text) => {
    let result = homePattern === undefined ? text : text.replace(homePattern, '~');
    for (const pattern of HOME_PATTERNS) result = result.replace(pattern, '~');
    return result;
  };
}

/** The same value with every string scrubbed (plain objects and arrays; other objects as they are). */
export function scrubDeep<T>(value: T, scrub: Scrubber): T {
  if (typeof value === 'string') return scrub(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => scrubDeep(item, scrub)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubDeep(item, scrub)])) as T;
  }
  return value;
}
