import { describe, expect, it } from 'vitest';
import { KNOWN_PROVIDERS, mentionFinder } from '../../cli/scan/model-mentions';
import { SAMPLE_SERVICE } from '../../lab/fixtures/sample-service';

const find = mentionFinder(KNOWN_PROVIDERS);
const references = (text: string) => find(text).map((m) => m.reference);
const source = (path: string) => String(SAMPLE_SERVICE[path]);

describe('finding Bedrock model references in text', () => {
  it('finds a model id in TypeScript with its line and its 1-based columns, and nothing in the e-mail and URLs beside it', () => {
    expect(find(source('src/summarise.ts'))).toEqual([
      {
        line: 4,
        column: 19,
        endColumn: 60,
        reference: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
        modelId: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
        profileId: null,
        geography: null,
        arnRegion: null,
      },
    ]);
  });

  it('maps an inference-profile id of every geography to its base model', () => {
    const id = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
    for (const geography of ['us', 'eu', 'apac', 'global', 'us-gov', 'jp', 'au', 'ca']) {
      expect(find(`model_id = "${geography}.${id}"`)).toEqual([
        expect.objectContaining({ reference: `${geography}.${id}`, modelId: id, geography, column: 13 }),
      ]);
    }
  });

  it('finds foundation-model and inference-profile ARNs, in any partition, with their region', () => {
    const found = find(
      [
        'arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-embed-text-v1',
        '"arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0"',
        'arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
      ].join('\n'),
    );
    expect(
      found.map(({ line, column, modelId, geography, arnRegion }) => ({
        line,
        column,
        modelId,
        geography,
        arnRegion,
      })),
    ).toEqual([
      { line: 1, column: 1, modelId: 'amazon.titan-embed-text-v1', geography: null, arnRegion: 'eu-west-1' },
      {
        line: 2,
        column: 2,
        modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0',
        geography: 'us',
        arnRegion: 'us-east-1',
      },
      {
        line: 3,
        column: 1,
        modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
        geography: null,
        arnRegion: 'us-gov-west-1',
      },
    ]);
    expect(found[0]?.endColumn).toBe(71);
  });

  it('finds an application inference profile ARN, whose model only the profile knows, in line order with the rest', () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/x9cf1ccd1fph';
    expect(
      find(`a = "amazon.nova-pro-v1:0"\nb = "${arn}"  # cost tracking, team A\nc = "${arn}x.json"`),
    ).toEqual([
      expect.objectContaining({ line: 1, reference: 'amazon.nova-pro-v1:0' }),
      {
        line: 2,
        column: 6,
        endColumn: 6 + arn.length,
        reference: arn,
        modelId: null,
        profileId: 'x9cf1ccd1fph',
        geography: null,
        arnRegion: 'us-east-1',
      },
    ]);
  });

  it('finds the id in an ARN whose region is templated (Terraform, CloudFormation !Sub) and in a runtime URL path', () => {
    expect(
      references(
        [
          // Terraform and CloudFormation interpolation, not JavaScript's.
          `"arn:aws:bedrock:\${var.region}::foundation-model/meta.llama3-2-90b-instruct-v1:0",`,
          `!Sub arn:aws:bedrock:\${AWS::Region}::foundation-model/anthropic.claude-3-haiku-20240307-v1:0:200k`,
          'POST https://bedrock-runtime.us-east-1.amazonaws.com/model/cohere.command-r-plus-v1:0/invoke',
        ].join('\n'),
      ),
    ).toEqual([
      'meta.llama3-2-90b-instruct-v1:0',
      'anthropic.claude-3-haiku-20240307-v1:0:200k',
      'cohere.command-r-plus-v1:0',
    ]);
  });

  it('keeps context-length variants and versions, and stops at punctuation that ends a sentence', () => {
    expect(
      references(
        'Use anthropic.claude-3-haiku-20240307-v1:0:48k, or meta.llama3-3-70b-instruct-v1:0. Old: anthropic.claude-v2:1; cohere.embed-english-v3.',
      ),
    ).toEqual([
      'anthropic.claude-3-haiku-20240307-v1:0:48k',
      'meta.llama3-3-70b-instruct-v1:0',
      'anthropic.claude-v2:1',
      'cohere.embed-english-v3',
    ]);
  });

  it('finds the references in Python, Java, Go, Terraform, CloudFormation, JSON, .env and Markdown of a real-looking service', () => {
    const found = Object.fromEntries(
      [
        'app/classify.py',
        'src/main/java/com/example/Images.java',
        'cmd/chat/main.go',
        'infra/main.tf',
        'infra/prod.tfvars',
        'template.yaml',
        'config/models.json',
        '.env.example',
        'README.md',
      ].map((path) => [path, references(source(path))]),
    );
    expect(found).toEqual({
      'app/classify.py': ['us.anthropic.claude-3-5-haiku-20241022-v1:0'],
      'src/main/java/com/example/Images.java': ['amazon.titan-image-generator-v2:0'],
      'cmd/chat/main.go': ['anthropic.claude-sonnet-4-20250514-v1:0'],
      'infra/main.tf': [
        'arn:aws:bedrock:us-east-1::foundation-model/cohere.command-r-plus-v1:0',
        'meta.llama3-2-90b-instruct-v1:0',
      ],
      'infra/prod.tfvars': ['eu.anthropic.claude-3-7-sonnet-20250219-v1:0'],
      'template.yaml': ['anthropic.claude-haiku-4-5-20251001-v1:0'],
      'config/models.json': ['amazon.nova-lite-v1:0', 'anthropic.claude-v2:1'],
      '.env.example': ['global.anthropic.claude-sonnet-4-5-20250929-v1:0'],
      'README.md': ['meta.llama3-1-8b-instruct-v1:0'],
    });
  });

  it('finds nothing in look-alikes: addresses, hosts, packages, Maven and Ansible names, versions and file names', () => {
    expect(
      references(
        [
          'Contact ml@anthropic.com or anthropic.claude-v2@example.com; see https://aws.amazon.com/bedrock/.',
          'import anthropic.types; from amazon.ion import simpleion  # amazon.ion==0.13.0',
          'software.amazon.awssdk:bedrockruntime:2.25.60 com.amazon.ion-java-1.0',
          '- amazon.aws.ec2_instance: {}  # amazon.aws collection 8.2.1',
          'version: 1.2.3, python3.11, node v22.1.0, meta.json, meta.title-v2.json, anthropic.claude-v2.json',
          'https://example.com/anthropic.claude-v2 and s3://bucket/meta.llama3-8b-v1',
          'xus.anthropic.claude-3-haiku-20240307-v1:0 or foo.anthropic.claude-3-haiku-20240307-v1:0',
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('counts lines across CRLF and CR endings and columns in UTF-16 code units', () => {
    const found = find('a\r\nb\rmodel = "🚀 amazon.nova-pro-v1:0"');
    expect(found).toEqual([
      expect.objectContaining({ line: 3, column: 13, reference: 'amazon.nova-pro-v1:0' }),
    ]);
  });

  it('finds models of a provider it did not know when the listing names that provider', () => {
    const text = 'MODEL = "acme.rocket-7b-v1:0"';
    expect(references(text)).toEqual([]);
    expect(mentionFinder([...KNOWN_PROVIDERS, 'acme'])(text).map((m) => m.reference)).toEqual([
      'acme.rocket-7b-v1:0',
    ]);
  });

  it('finds every reference on a line, in order', () => {
    expect(
      references('models = ["amazon.nova-pro-v1:0", "us.amazon.nova-lite-v1:0", "amazon.nova-micro-v1:0"]'),
    ).toEqual(['amazon.nova-pro-v1:0', 'us.amazon.nova-lite-v1:0', 'amazon.nova-micro-v1:0']);
  });
});
