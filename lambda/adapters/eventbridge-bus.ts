import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { BusEntry } from '../messages/alert-contract';
import type { EventBus } from '../ports';

/** The region of a bus given by ARN (PutEvents goes to the bus's own region); undefined for a name. */
export const busRegion = (bus: string): string | undefined => /^arn:[^:]+:events:([^:]+):/.exec(bus)?.[1];

/** Puts entries on one event bus (a name or an ARN). */
export class EventBridgeBus implements EventBus {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
  ) {}

  async put(entries: readonly BusEntry[]): Promise<readonly (string | null)[]> {
    const out = await this.client.send(
      new PutEventsCommand({
        Entries: entries.map((entry) => ({
          EventBusName: this.busName,
          Source: entry.source,
          DetailType: entry.detailType,
          Detail: entry.detail,
          Resources: [...entry.resources],
          Time: new Date(entry.time),
        })),
      }),
    );
    // The answer lists the entries in the order they were sent: an ErrorCode marks one not taken.
    return entries.map((_, i) => {
      const result = out.Entries?.[i];
      if (result === undefined) return 'EventBridge returned no result for this entry';
      return result.ErrorCode ? `${result.ErrorCode}: ${result.ErrorMessage ?? ''}`.trim() : null;
    });
  }
}
