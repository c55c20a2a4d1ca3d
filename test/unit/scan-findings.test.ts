import { describe, expect, it } from 'vitest';
import { type ApplicationProfiles, findingResolver } from '../../cli/scan/findings';
import { KNOWN_PROVIDERS, mentionFinder } from '../../cli/scan/model-mentions';
import type { CatalogModel } from '../../lambda/domain/model';
import { inGeography } from '../../lambda/domain/model-reference';
import { catalogModel, legacySonnet } from '../support/models';

const SONNET = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
const find = mentionFinder(KNOWN_PROVIDERS);

/** Resolves the one reference in `text` against per-region listings at `now`. */
function finding(
  text: string,
  listings: Record<string, readonly CatalogModel[]>,
  now: string,
  withinDays = 30,
  applicationProfiles: ApplicationProfiles = new Map(),
) {
  const resolve = findingResolver(
    Object.entries(listings).map(([region, models]) => ({ region, models })),
    { now: new Date(now), withinDays, applicationProfiles },
  );
  const [mention] = find(text);
  if (!mention) throw new Error(`no reference in ${text}`);
  return resolve('src/app.ts', mention);
}

const successor = catalogModel({
  modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
  modelName: 'Claude Sonnet 4.5',
  startOfLifeTime: '2025-09-29T00:00:00.000Z',
});

describe('resolving a reference to a finding', () => {
  it('is an error past end of life, naming the date, the regions and a replacement', () => {
    const f = finding(SONNET, { 'us-east-1': [legacySonnet(), successor] }, '2026-05-01T00:00:00Z');
    expect(f).toMatchObject({
      path: 'src/app.ts',
      class: 'eol',
      level: 'error',
      phase: 'EOL',
      replacement: successor.modelId,
      nextDeadline: { deadline: 'END_OF_LIFE', date: '2026-04-28T08:00:00.000Z', days: -2 },
      matches: ['eol', 'extended-access', 'legacy'],
    });
    expect(f.message).toBe(
      `Claude 3.7 Sonnet (${SONNET}) reached its end of life on 2026-04-28 in us-east-1: calls to it fail. Test ${successor.modelId} instead.`,
    );
  });

  it('is an error within --within days of end of life, and a warning one day outside it', () => {
    const listings = { 'us-east-1': [legacySonnet()] };
    expect(finding(SONNET, listings, '2026-04-21T08:00:00Z', 7)).toMatchObject({
      class: 'eol',
      level: 'error',
      phase: 'EXTENDED_ACCESS',
      matches: ['eol', 'extended-access', 'legacy'],
    });
    expect(finding(SONNET, listings, '2026-04-21T08:00:00Z', 7).message).toBe(
      `Claude 3.7 Sonnet (${SONNET}) reaches its end of life on 2026-04-28, in 7 days, in us-east-1: calls will fail from then on.`,
    );
    expect(finding(SONNET, listings, '2026-04-21T08:00:00Z', 6)).toMatchObject({
      class: 'extended-access',
      level: 'warning',
      matches: ['extended-access', 'legacy'],
      nextDeadline: { deadline: 'END_OF_LIFE', days: 7 },
    });
  });

  it('is a Legacy warning that meets extended-access when that date is within --within days', () => {
    const listings = { 'us-east-1': [legacySonnet()] };
    const f = finding(SONNET, listings, '2026-01-01T00:00:00Z');
    expect(f).toMatchObject({
      class: 'legacy',
      level: 'warning',
      matches: ['extended-access', 'legacy'],
      nextDeadline: { deadline: 'EXTENDED_ACCESS', days: 27 },
    });
    expect(f.message).toBe(
      `Claude 3.7 Sonnet (${SONNET}) is Legacy (deprecated) in us-east-1; next: extended access 2026-01-27 (in 27 days), end of life 2026-04-28 (in 118 days).`,
    );
    expect(finding(SONNET, listings, '2025-12-01T00:00:00Z').matches).toEqual(['legacy']);
  });

  it('is a note for an Active model with an announced date, and nothing with none', () => {
    const announced = catalogModel({ legacyTime: '2026-10-28T08:00:00.000Z' });
    expect(finding(SONNET, { 'us-east-1': [announced] }, '2026-06-01T00:00:00Z')).toMatchObject({
      class: 'announced',
      level: 'note',
      matches: [],
      message: `Claude 3.7 Sonnet (${SONNET}) is Active in us-east-1; announced: Legacy 2026-10-28 (in 150 days).`,
    });
    expect(finding(SONNET, { 'us-east-1': [catalogModel()] }, '2026-06-01T00:00:00Z')).toMatchObject({
      class: null,
      level: null,
      phase: 'ACTIVE',
      matches: [],
    });
  });

  it('is unknown when no scanned region lists the model, whatever other regions say', () => {
    const f = finding(
      'anthropic.claude-v2:1',
      { 'us-east-1': [catalogModel()], 'eu-west-1': [] },
      '2026-06-01T00:00:00Z',
    );
    expect(f).toMatchObject({ class: 'unknown', level: 'warning', phase: null, matches: ['unknown'] });
    expect(f.regions.map((r) => [r.region, r.phase])).toEqual([
      ['us-east-1', null],
      ['eu-west-1', null],
    ]);
    expect(f.message).toBe(
      'anthropic.claude-v2:1 is not listed in us-east-1, eu-west-1: retired, misspelled, or not offered there.',
    );
  });

  it('is unknown when a model lists a status Bedrock did not name', () => {
    const odd = catalogModel({ status: 'DEPRECATED_SOON' });
    expect(finding(SONNET, { 'us-east-1': [odd] }, '2026-06-01T00:00:00Z')).toMatchObject({
      class: 'unknown',
      phase: 'UNKNOWN',
      matches: ['unknown'],
    });
  });

  it('takes a known phase over a status Bedrock did not name, and names the regions of each', () => {
    const odd = catalogModel({ status: 'DEPRECATED_SOON' });
    const retired = finding(
      SONNET,
      { 'us-east-1': [odd], 'us-west-2': [legacySonnet()] },
      '2026-05-01T00:00:00Z',
    );
    expect(retired).toMatchObject({
      class: 'eol',
      phase: 'EOL',
      matches: ['eol', 'extended-access', 'legacy', 'unknown'],
    });
    expect(retired.message).toBe(
      `Claude 3.7 Sonnet (${SONNET}) reached its end of life on 2026-04-28 in us-west-2: calls to it fail.`,
    );
    const mixed = finding(
      SONNET,
      { 'us-east-1': [catalogModel()], 'us-west-2': [odd] },
      '2026-05-01T00:00:00Z',
    );
    expect(mixed).toMatchObject({ class: 'unknown', phase: 'ACTIVE', matches: ['unknown'] });
    expect(mixed.message).toBe(
      `Claude 3.7 Sonnet (${SONNET}) is in a lifecycle state Bedrock did not name in us-west-2.`,
    );
  });

  it('takes the worst region: Legacy in one, Active in another, not listed in a third', () => {
    const f = finding(
      SONNET,
      { 'us-east-1': [catalogModel()], 'us-west-2': [legacySonnet()], 'us-east-2': [] },
      '2025-12-01T00:00:00Z',
    );
    expect(f).toMatchObject({ class: 'legacy', phase: 'LEGACY' });
    expect(f.regions.map((r) => [r.region, r.phase])).toEqual([
      ['us-east-1', 'ACTIVE'],
      ['us-west-2', 'LEGACY'],
      ['us-east-2', null],
    ]);
    expect(f.message).toContain('is Legacy (deprecated) in us-west-2;');
  });

  it('resolves an ARN in its own region only, and cannot check one whose region was not scanned', () => {
    const listings = { 'us-east-1': [legacySonnet()], 'eu-west-1': [catalogModel()] };
    expect(
      finding(`arn:aws:bedrock:eu-west-1::foundation-model/${SONNET}`, listings, '2026-01-01T00:00:00Z'),
    ).toMatchObject({ class: null, phase: 'ACTIVE' });
    const elsewhere = finding(
      `arn:aws:bedrock:ap-south-1::foundation-model/${SONNET}`,
      listings,
      '2026-01-01T00:00:00Z',
    );
    expect(elsewhere).toMatchObject({ class: 'unknown', regions: [], matches: ['unknown'] });
    expect(elsewhere.message).toBe(
      `arn:aws:bedrock:ap-south-1::foundation-model/${SONNET} cannot be checked: its ARN names ap-south-1, which was not scanned (add it to --regions).`,
    );
  });

  it('resolves a profile id in the scanned regions of its geography only', () => {
    const listings = { 'us-east-1': [legacySonnet()], 'eu-west-1': [catalogModel()] };
    expect(finding(`eu.${SONNET}`, listings, '2026-01-01T00:00:00Z')).toMatchObject({
      class: null,
      phase: 'ACTIVE',
    });
    expect(finding(`us.${SONNET}`, listings, '2026-01-01T00:00:00Z')).toMatchObject({ class: 'legacy' });
    expect(finding(`global.${SONNET}`, listings, '2026-01-01T00:00:00Z')).toMatchObject({ class: 'legacy' });
    expect(finding(`apac.${SONNET}`, listings, '2026-01-01T00:00:00Z')).toMatchObject({
      class: 'unknown',
      message: `apac.${SONNET} cannot be checked: apac. profiles are called from regions of their geography, and none was scanned (add one to --regions).`,
    });
  });
});

describe('resolving an application inference profile ARN', () => {
  const ARN = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/x9cf1ccd1fph';
  const profile = {
    id: 'x9cf1ccd1fph',
    arn: ARN,
    type: 'APPLICATION',
    targets: ['us-east-1', 'us-west-2', 'us-east-2'].map((region) => ({ region, modelId: SONNET })),
  };
  const listings = { 'us-east-1': [legacySonnet()], 'us-west-2': [legacySonnet()] };

  it('checks the model it calls, in the scanned regions it routes to', () => {
    const f = finding(ARN, listings, '2026-04-21T08:00:00Z', 30, new Map([['us-east-1', [profile]]]));
    expect(f).toMatchObject({ modelId: SONNET, profileId: 'x9cf1ccd1fph', class: 'eol', level: 'error' });
    expect(f.regions.map((r) => r.region)).toEqual(['us-east-1', 'us-west-2']);
  });

  it.each([
    [
      'a profile its region does not list',
      new Map([['us-east-1', []]]),
      "us-east-1 lists no application inference profile x9cf1ccd1fph to these credentials: deleted, or another account's",
    ],
    [
      'profiles that could not be listed',
      new Map([['us-east-1', new Error('AccessDeniedException: not authorized')]]),
      'the application inference profiles of us-east-1 could not be listed (AccessDeniedException: not authorized)',
    ],
    [
      'a profile that routes only to regions not scanned',
      new Map([['us-east-1', [{ ...profile, targets: [{ region: 'eu-west-1', modelId: SONNET }] }]]]),
      `the profile calls ${SONNET} in eu-west-1, none of which was scanned (add one to --regions)`,
    ],
  ] as const)('is unknown for %s, and says why', (_case, profiles, why) => {
    expect(finding(ARN, listings, '2026-04-21T08:00:00Z', 30, profiles)).toMatchObject({
      modelId: null,
      class: 'unknown',
      matches: ['unknown'],
      message: `${ARN} cannot be checked: ${why}.`,
    });
  });
});

describe('the geography of an inference profile', () => {
  it('holds the regions whose names belong to it, and no others', () => {
    const regions = [
      'us-east-1',
      'us-west-2',
      'us-gov-west-1',
      'eu-central-1',
      'eu-west-3',
      'ap-northeast-1',
      'ap-northeast-3',
      'ap-southeast-2',
      'ap-southeast-4',
      'ap-south-1',
      'ca-central-1',
      'ca-west-1',
      'sa-east-1',
      'cn-north-1',
    ];
    const within = (geography: string) => regions.filter((r) => inGeography(geography, r));
    expect(within('us')).toEqual(['us-east-1', 'us-west-2']);
    expect(within('us-gov')).toEqual(['us-gov-west-1']);
    expect(within('eu')).toEqual(['eu-central-1', 'eu-west-3']);
    expect(within('apac')).toEqual([
      'ap-northeast-1',
      'ap-northeast-3',
      'ap-southeast-2',
      'ap-southeast-4',
      'ap-south-1',
    ]);
    expect(within('jp')).toEqual(['ap-northeast-1', 'ap-northeast-3']);
    expect(within('au')).toEqual(['ap-southeast-2', 'ap-southeast-4']);
    expect(within('ca')).toEqual(['ca-central-1', 'ca-west-1']);
    expect(within('global')).toEqual(regions.filter((r) => !r.startsWith('us-gov-') && !r.startsWith('cn-')));
    expect(within('mars')).toEqual([]);
  });
});
