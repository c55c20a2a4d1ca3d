import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runBundledHandler } from '../../lab/bundled-handler';
import { CATALOG } from '../../lab/fixtures/catalog';
import {
  HEALTH_DESCRIPTION,
  HEALTH_EVENT_ARN,
  HEALTH_MODEL,
  healthEvent,
} from '../../lab/fixtures/health-event';
import { type DeployedStack, deployToMoto, motoEnv } from '../../lab/local-deploy';
import { AlertQueue, dynamoDb } from '../../lab/moto-resources';
import { StandInTenant } from '../../lab/stand-in-tenant';
import { query, scanAll } from '../support/table-scan';

/**
 * The handler's clock is the real one: after a notice it runs the catalog check at once, at the
 * clock's time. The baseline is taken a minute before, against the catalog as of now, so that run
 * finds nothing new and the notice's alert is the only message.
 */
describe('AWS Health notices, end to end in emulated AWS', () => {
  const motoUrl = inject('motoUrl');
  let stack: DeployedStack;
  let queue: AlertQueue;
  let tenant: StandInTenant;

  const invoke = (event: unknown) => {
    const deployed = stack.functions.FunctionName;
    if (!deployed) throw new Error('No deployed monitor function');
    return runBundledHandler(
      deployed.bundlePath,
      { ...deployed.env, ...motoEnv(motoUrl), ...tenant.env() },
      event,
    );
  };
  const history = () =>
    query(dynamoDb(motoUrl), {
      TableName: stack.outputs.TableName,
      KeyConditionExpression: 'PK = :pk',
      values: { ':pk': `MODEL#${HEALTH_MODEL}` },
    });

  beforeAll(async () => {
    const suffix = randomBytes(3).toString('hex');
    stack = await deployToMoto(motoUrl, `Health${suffix}`, { regions: 'us-east-1' });
    queue = await AlertQueue.subscribe(motoUrl, stack.outputs.TopicArn);
    tenant = new StandInTenant(inject('standInUrl'), `HEALTH-${suffix}`);
    const now = Date.now();
    await tenant.set({ time: new Date(now).toISOString(), models: CATALOG });
    const baseline = await invoke({ time: new Date(now - 60_000).toISOString() });
    expect(baseline.ok, JSON.stringify(baseline.error)).toBe(true);
    await queue.drain();
  });

  it('sends one alert that quotes the notice and names the model, and records it in the model’s history', async () => {
    const run = await invoke(healthEvent());
    expect(run.ok, JSON.stringify(run.error)).toBe(true);
    expect(run.result).toMatchObject({ eventArn: HEALTH_EVENT_ARN, models: [`us-east-1/${HEALTH_MODEL}`] });
    const received = await queue.drain();
    expect(received).toHaveLength(1);
    const [alert] = received;
    expect(alert?.subject).toBe('[WARNING] Llama 3.3 70B Instruct (us-east-1) AWS Health notice');
    expect(alert?.body.events).toHaveLength(1);
    expect(alert?.body.events[0]).toMatchObject({
      kind: 'HEALTH_NOTICE',
      severity: 'warning',
      modelId: HEALTH_MODEL,
      region: 'us-east-1',
      phase: 'ACTIVE',
      notice: {
        eventArn: HEALTH_EVENT_ARN,
        eventTypeCode: 'AWS_BEDROCK_PLANNED_LIFECYCLE_EVENT',
        eventTypeCategory: 'scheduledChange',
        startTime: '2027-01-15T08:00:00.000Z',
        lastUpdatedTime: '2026-12-01T10:14:00.000Z',
        description: HEALTH_DESCRIPTION,
      },
    });
    const recorded = await history();
    expect(recorded.map((item) => item.kind)).toEqual(['HEALTH_NOTICE']);
    expect(recorded[0]?.notice).toMatchObject({
      eventArn: HEALTH_EVENT_ARN,
      eventTypeCode: 'AWS_BEDROCK_PLANNED_LIFECYCLE_EVENT',
      eventTypeCategory: 'scheduledChange',
      startTime: '2027-01-15T08:00:00.000Z',
      description: HEALTH_DESCRIPTION,
    });
  });

  it('sends nothing and records nothing new when the same notice comes again', async () => {
    const run = await invoke(healthEvent());
    expect(run.ok, JSON.stringify(run.error)).toBe(true);
    expect(run.result).toMatchObject({ staged: [] });
    expect(await queue.drain()).toEqual([]);
    expect(await history()).toHaveLength(1);
  });

  it('sends again when AWS updates the notice', async () => {
    const run = await invoke(healthEvent({ lastUpdatedTime: 'Wed, 02 Dec 2026 09:00:00 GMT' }));
    expect(run.ok, JSON.stringify(run.error)).toBe(true);
    const received = await queue.drain();
    expect(received.map((r) => r.body.events[0]?.notice)).toMatchObject([
      { lastUpdatedTime: '2026-12-02T09:00:00.000Z' },
    ]);
    expect(await history()).toHaveLength(2);
  });

  it('refuses an AWS Health event of another service, and writes nothing', async () => {
    const before = await scanAll(dynamoDb(motoUrl), stack.outputs.TableName);
    const run = await invoke(
      healthEvent({ service: 'EC2', eventArn: 'arn:aws:health:us-east-1::event/EC2/1' }),
    );
    expect(run.ok).toBe(false);
    expect(run.error?.message).toContain(
      'Refused invocation event: AWS Health event of the service "EC2", not BEDROCK',
    );
    expect(await scanAll(dynamoDb(motoUrl), stack.outputs.TableName)).toEqual(before);
    expect(await queue.drain()).toEqual([]);
  });
});
