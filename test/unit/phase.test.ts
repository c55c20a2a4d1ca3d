import { describe, expect, it } from 'vitest';
import type { Phase } from '../../lambda/domain/model';
import { phaseAt } from '../../lambda/domain/phase';
import { catalogModel, legacySonnet, SONNET_37_DATES } from '../support/models';

describe('phaseAt', () => {
  const cases: [string, Parameters<typeof catalogModel>[0], string, Phase][] = [
    ['an ACTIVE model is ACTIVE', {}, '2026-01-01T00:00:00Z', 'ACTIVE'],
    [
      'an ACTIVE model with only future dates is ACTIVE',
      { endOfLifeTime: '2027-01-01T00:00:00Z' },
      '2026-01-01T00:00:00Z',
      'ACTIVE',
    ],
    [
      'LEGACY before extended access is LEGACY',
      { status: 'LEGACY', ...SONNET_37_DATES },
      '2025-11-01T00:00:00Z',
      'LEGACY',
    ],
    [
      'LEGACY 1 ms before extended access is still LEGACY',
      { status: 'LEGACY', ...SONNET_37_DATES },
      '2026-01-27T07:59:59.999Z',
      'LEGACY',
    ],
    [
      'LEGACY at the extended-access time is EXTENDED_ACCESS',
      { status: 'LEGACY', ...SONNET_37_DATES },
      '2026-01-27T08:00:00Z',
      'EXTENDED_ACCESS',
    ],
    [
      'LEGACY without an extended-access date stays LEGACY',
      { status: 'LEGACY', legacyTime: '2025-12-30T08:00:00Z', endOfLifeTime: '2026-06-30T08:00:00Z' },
      '2026-03-01T00:00:00Z',
      'LEGACY',
    ],
    [
      'a lingering LEGACY model at its EOL time is EOL',
      { status: 'LEGACY', ...SONNET_37_DATES },
      '2026-04-28T08:00:00Z',
      'EOL',
    ],
    [
      'EOL follows the date even if the status still says ACTIVE',
      { endOfLifeTime: '2026-01-01T00:00:00Z' },
      '2026-02-01T00:00:00Z',
      'EOL',
    ],
    ['an unknown status is UNKNOWN', { status: 'RETIRED' }, '2026-01-01T00:00:00Z', 'UNKNOWN'],
    ['a missing lifecycle is UNKNOWN', { status: null }, '2026-01-01T00:00:00Z', 'UNKNOWN'],
    [
      'an unknown status past its EOL date is EOL',
      { status: 'EOL', endOfLifeTime: '2026-01-01T00:00:00Z' },
      '2026-02-01T00:00:00Z',
      'EOL',
    ],
  ];
  it.each(cases)('%s', (_name, overrides, at, expected) => {
    expect(phaseAt(catalogModel(overrides), new Date(at))).toBe(expected);
  });

  it('uses the observation time passed in, not the clock', () => {
    expect(phaseAt(legacySonnet(), new Date('2025-11-01T00:00:00Z'))).toBe('LEGACY');
    expect(phaseAt(legacySonnet(), new Date('2030-01-01T00:00:00Z'))).toBe('EOL');
  });
});
