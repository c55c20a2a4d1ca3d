/**
 * A small model of IAM policy evaluation, for the statements this app writes into resource
 * policies (topic and key): principals, actions with wildcards, and the condition operators used.
 * CloudFormation intrinsics (a role's GetAtt Arn) are compared as written in the template. Explicit
 * Deny beats Allow; nothing allowed is an implicit deny. Not a general IAM engine.
 */

type Value = string | Record<string, unknown>;
interface Statement {
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | { AWS?: Value | Value[]; Service?: string | string[] };
  Action: string | string[];
  Condition?: Record<string, Record<string, Value | Value[]>>;
}
export interface Policy {
  Statement: Statement[];
}

export interface Request {
  readonly principal: { readonly aws: Value } | { readonly service: string };
  readonly action: string;
  /** Request context keys, e.g. aws:SecureTransport, aws:SourceAccount, aws:PrincipalArn. */
  readonly context: Readonly<Record<string, Value | boolean>>;
}

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const glob = (pattern: string, action: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i').test(action);

/** An account's root principal (`arn:aws:iam::<account>:root`) stands for any principal of the account. */
function accountRootMatches(principal: string, arn: Value): boolean {
  const account = /^arn:[^:]+:iam::(\d{12}):root$/.exec(principal)?.[1];
  return account !== undefined && typeof arn === 'string' && arn.split(':')[4] === account;
}

function principalMatches(statement: Statement, request: Request): boolean {
  const p = statement.Principal;
  if (p === '*' || (p !== undefined && list(p.AWS).some((v) => v === '*'))) return true;
  if ('aws' in request.principal) {
    const arn = request.principal.aws;
    return list(p?.AWS).some((v) => same(v, arn) || accountRootMatches(resolved(v), arn));
  }
  return list(p?.Service).includes(request.principal.service);
}

/** A template value as a string: Fn::Join of literals and the partition (aws) resolved, others as written. */
function resolved(value: unknown): string {
  if (typeof value === 'string') return value;
  const record = value as Record<string, unknown>;
  if (record.Ref === 'AWS::Partition') return 'aws';
  const join = record['Fn::Join'] as [string, unknown[]] | undefined;
  if (join) return join[1].map(resolved).join(join[0]);
  return JSON.stringify(value);
}

function conditionHolds(operator: string, key: string, expected: Value[], request: Request): boolean {
  const actual = request.context[key];
  switch (operator) {
    case 'ArnLike':
      return typeof actual === 'string' && expected.some((e) => glob(resolved(e), actual));
    case 'ArnEquals':
      return typeof actual === 'string' && expected.some((e) => resolved(e) === actual);
    case 'StringEquals':
      return actual !== undefined && expected.some((e) => same(e, actual));
    case 'StringNotEquals':
    case 'StringNotEqualsIfExists':
      return actual === undefined || !expected.some((e) => same(e, actual));
    case 'Bool':
      return actual !== undefined && expected.some((e) => String(e) === String(actual));
    default:
      throw new Error(`The evaluator does not model condition operator ${operator}`);
  }
}

const applies = (statement: Statement, request: Request) =>
  principalMatches(statement, request) &&
  list(statement.Action).some((pattern) => glob(pattern, request.action)) &&
  Object.entries(statement.Condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, values]) => conditionHolds(operator, key, list(values), request)),
  );

export function evaluate(policy: Policy, request: Request): 'allow' | 'deny' | 'implicit deny' {
  const matching = policy.Statement.filter((s) => applies(s, request));
  if (matching.some((s) => s.Effect === 'Deny')) return 'deny';
  return matching.some((s) => s.Effect === 'Allow') ? 'allow' : 'implicit deny';
}
