import { leadsWithBaseline, type MessageContent, totalModels } from './render-text';
import { headline } from './wording';

/** What a message is about, in one line: the most important change (or the baseline) and where. */
export interface MessageHeadline {
  readonly text: string;
  /** " (us-east-1 +1)", or empty. */
  readonly where: string;
  /** " and 2 more", the part number if split, or empty. */
  readonly more: string;
}

export function messageHeadline(content: MessageContent): MessageHeadline {
  const { groups, baselines, part, parts } = content;
  const top = groups[0];
  const [text, regions, others]: [string, readonly string[], number] = leadsWithBaseline(content)
    ? [
        `Monitoring started: ${totalModels(baselines)} models, ` +
          (groups.length === 0 ? 'all Active' : `${groups.length} not plainly Active`),
        baselines.map((b) => b.region),
        0,
      ]
    : top
      ? [headline(top.event), top.regions, groups.length - 1]
      : ['Bedrock model lifecycle', [], 0];
  const where =
    regions.length > 1
      ? ` (${regions[0]} +${regions.length - 1})`
      : regions.length === 1
        ? ` (${regions[0]})`
        : '';
  return {
    text,
    where,
    more: `${others > 0 ? ` and ${others} more` : ''}${parts > 1 ? ` [${part}/${parts}]` : ''}`,
  };
}

/**
 * `prefix + text + where + more` in at most `max` characters: the text gives way (ending in an
 * ellipsis) so the severity, the regions and the count always show.
 */
export function fitHeadline(prefix: string, line: MessageHeadline, max: number, ellipsis = '...'): string {
  const tail = `${line.where}${line.more}`;
  const room = max - prefix.length - tail.length;
  const text =
    line.text.length > room
      ? `${line.text.slice(0, Math.max(0, room - ellipsis.length))}${ellipsis}`
      : line.text;
  return `${prefix}${text}${tail}`.slice(0, max);
}
