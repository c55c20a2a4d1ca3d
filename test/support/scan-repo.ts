import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ScheduledModel } from '../../lab/bedrock-stand-in';
import { CATALOG } from '../../lab/fixtures/catalog';

/** When the scan tests evaluate: a week before Claude 3.7 Sonnet's end of life. */
export const SCAN_NOW = '2026-04-21T08:00:00Z';

/** The fixture catalog plus an Active model with a Legacy date announced (a note). */
export const SCAN_CATALOG: readonly ScheduledModel[] = [
  ...CATALOG,
  {
    modelId: 'amazon.nova-lite-v1:0',
    modelName: 'Nova Lite',
    providerName: 'Amazon',
    regions: ['us-east-1', 'us-west-2'],
    startOfLifeTime: '2024-12-03T00:00:00Z',
    datesVisibleFrom: '2026-03-01T00:00:00Z',
    legacyTime: '2026-09-01T08:00:00Z',
    endOfLifeTime: '2027-03-01T08:00:00Z',
  },
];

/**
 * A small service as teams write them: TypeScript, Python, Java, Go, Terraform, CloudFormation,
 * JSON config, an env file and docs naming Bedrock models in every form, among the look-alikes a
 * scanner must leave alone (e-mail addresses, URLs, packages, versions), plus what it must skip.
 */
export const SAMPLE_REPO: Readonly<Record<string, string | Buffer>> = {
  'src/summarise.ts': `import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';

// Questions: ml-platform@amazon.com. See https://aws.amazon.com/bedrock/ and docs.anthropic.com.
const MODEL_ID = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
const client = new BedrockRuntimeClient({ region: 'us-east-1' });

export const summarise = (text: string) =>
  client.send(new ConverseCommand({ modelId: MODEL_ID, messages: [{ role: 'user', content: [{ text }] }] }));
`,
  'app/classify.py': `import json

import anthropic.types  # the SDK package, not a model
import boto3

MODEL = "us.anthropic.claude-3-5-haiku-20241022-v1:0"
runtime = boto3.client("bedrock-runtime", region_name="us-east-1")  # boto3>=1.35.0


def classify(text: str) -> str:
    body = json.dumps({"anthropic_version": "bedrock-2023-05-31", "max_tokens": 64,
                       "messages": [{"role": "user", "content": text}]})
    return runtime.invoke_model(modelId=MODEL, body=body)["body"].read()
`,
  'src/main/java/com/example/Images.java': `package com.example;

import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

public final class Images {
    static final String MODEL_ID = "amazon.titan-image-generator-v2:0";
    static final String SDK = "software.amazon.awssdk:bedrockruntime:2.25.60";
}
`,
  'cmd/chat/main.go': `package main

import "github.com/aws/aws-sdk-go-v2/service/bedrockruntime"

const modelID = "anthropic.claude-sonnet-4-20250514-v1:0"

var _ = bedrockruntime.NewFromConfig
`,
  'infra/main.tf': `resource "aws_iam_policy" "invoke" {
  name = "invoke-bedrock"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["bedrock:InvokeModel"]
      Resource = [
        "arn:aws:bedrock:us-east-1::foundation-model/cohere.command-r-plus-v1:0",
        "arn:aws:bedrock:\${var.region}::foundation-model/meta.llama3-2-90b-instruct-v1:0",
      ]
    }]
  })
}
`,
  'infra/prod.tfvars': `region   = "eu-west-1"
model_id = "eu.anthropic.claude-3-7-sonnet-20250219-v1:0"
`,
  'template.yaml': `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Agent:
    Type: AWS::Bedrock::Agent
    Properties:
      AgentName: support
      FoundationModel: anthropic.claude-haiku-4-5-20251001-v1:0
      Instruction: Answer questions about orders.
`,
  'config/models.json': `{
  "primary": "amazon.nova-lite-v1:0",
  "fallback": "anthropic.claude-v2:1",
  "schemaVersion": "1.2.3"
}
`,
  '.env.example': 'BEDROCK_MODEL_ID=global.anthropic.claude-sonnet-4-5-20250929-v1:0\n',
  'README.md': `# Orders assistant

Calls \`meta.llama3-1-8b-instruct-v1:0\` for tagging. Needs Python 3.11 and Node v22.1.0.
Mail team@anthropic.com or see https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle.html.
`,
  '.gitignore': 'generated/\n*.local.ts\n',
  'generated/models.ts': "export const M = 'anthropic.claude-3-7-sonnet-20250219-v1:0';\n",
  'src/dev.local.ts': "export const M = 'anthropic.claude-3-7-sonnet-20250219-v1:0';\n",
  'node_modules/sdk/index.js': "module.exports = 'anthropic.claude-3-7-sonnet-20250219-v1:0';\n",
  'cdk.out/Stack.template.json': '{"ModelId": "anthropic.claude-3-7-sonnet-20250219-v1:0"}\n',
  'dist/bundle.js': "var m='anthropic.claude-3-7-sonnet-20250219-v1:0';\n",
  'assets/logo.png': Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]),
    Buffer.from('anthropic.claude-3-7-sonnet-20250219-v1:0'),
  ]),
};

/** Writes files (path → content) under a new temporary directory and returns it. */
export function writeRepo(files: Readonly<Record<string, string | Buffer>>): string {
  const root = mkdtempSync(join(tmpdir(), 'scan-repo-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}
