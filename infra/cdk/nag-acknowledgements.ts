import { type CfnElement, Stack, Token, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { InboxTriageStack } from './inbox-triage-stack.ts';

/** The id AwsSolutions checks give a CloudFormation reference such as `<StorageTickets158E91BB.Arn>`. */
function arnOf(construct: IConstruct): string {
  return `<${Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement)}.Arn>`;
}

function acknowledge(scope: IConstruct, rules: Record<string, string>): void {
  Validations.of(scope).acknowledge(...Object.entries(rules).map(([id, reason]) => ({ id: `AwsSolutions-${id}`, reason })));
}

const BASIC_EXECUTION_ROLE = 'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';
const BASIC_EXECUTION_REASON = 'AWSLambdaBasicExecutionRole grants only logs:CreateLogGroup, CreateLogStream and PutLogEvents, which every function needs to write its logs.';

/**
 * Every AwsSolutions finding this stack accepts, each with why. The tests run
 * the checks and fail on anything not listed here, so a new wildcard or an
 * unencrypted resource cannot slip in unnoticed.
 */
export function acknowledgeNagFindings(stack: InboxTriageStack): void {
  const { processing, storage, agentApi, agentConsole } = stack;
  const table = arnOf(storage.table);
  const bucket = arnOf(storage.rawMail);
  for (const fn of [...processing.all, agentApi.function]) {
    acknowledge(fn, {
      L1: 'Node.js 22 is the runtime the code is built and tested for (Lambda LTS); moving to a newer one is a deliberate, tested upgrade.',
    });
    acknowledge(fn.role!, {
      [BASIC_EXECUTION_ROLE]: BASIC_EXECUTION_REASON,
      'IAM5[Resource::*]': 'X-Ray tracing (xray:PutTraceSegments, PutTelemetryRecords) has no resource-level permissions.',
      [`IAM5[Resource::${table}/index/*]`]: "The functions query the table's own indexes (byQueue, byDue); the grant covers only this table's indexes.",
    });
  }
  acknowledge(processing.ingest.role!, {
    [`IAM5[Resource::${bucket}/inbound/*]`]: 'Ingest reads (GetObject only) the raw mail SES writes under inbound/, and nothing else.',
    [`IAM5[Resource::${bucket}/attachments/*]`]: 'Ingest writes attachments under attachments/ only.',
    'IAM5[Action::kms:GenerateDataKey*]': 'Reporting unreadable mail to the encrypted alerts topic needs a data key from the topic key, and only that key.',
  });
  const profile = processing.secondOpinionProfileModel;
  if (profile) {
    acknowledge(processing.ingest.role!, {
      [`IAM5[Resource::arn:<AWS::Partition>:bedrock:*::foundation-model/${profile}]`]:
        'A cross-region inference profile may run its one model in any region of its geography; the grant names that model only.',
    });
  }
  acknowledge(agentApi.function.role!, {
    [`IAM5[Resource::${bucket}/attachments/*]`]: 'The agent API signs download links for attachments (GetObject under attachments/ only); it cannot read raw mail.',
  });
  acknowledge(processing.mailer.role!, {
    [`IAM5[Resource::${bucket}/templates/*]`]:
      'The mailer reads (GetObject only) template overrides under templates/; listing is limited to that prefix; it cannot read customer mail.',
    'IAM5[Action::kms:GenerateDataKey*]': 'Publishing to the encrypted alerts topic needs a data key from the topic key, and only that key.',
  });
  for (const id of ['GET--openapi.json', 'GET--docs']) {
    const route = agentApi.api.node.tryFindChild(id);
    if (route) acknowledge(route, { APIG4: 'The OpenAPI document and its reference page describe the API and hold no data; every other route requires a Cognito ID token.' });
  }
  if (storage.accessLogs) {
    acknowledge(storage.accessLogs, { S1: 'This bucket receives the access logs; logging it into itself would loop.' });
  } else {
    acknowledge(storage.rawMail, { S1: 'Server access logs are opt-in (accessLogs: true in cdk.json); CloudTrail S3 data events are the alternative many accounts already have.' });
  }
  acknowledgeConsoleFindings(stack, agentConsole, Boolean(storage.accessLogs));
  // The AwsCustomResource that activates the receipt rule set runs in a singleton function CDK provides.
  const singleton = stack.node.tryFindChild('AWS679f53fac002430cb0da5b7982bd2287');
  if (singleton) {
    acknowledge(singleton, {
      L1: 'The runtime of the custom-resource function is chosen by aws-cdk-lib (custom-resources module).',
      [BASIC_EXECUTION_ROLE]: BASIC_EXECUTION_REASON,
    });
    acknowledge(stack.receiving, {
      'IAM5[Resource::*]': 'ses:SetActiveReceiptRuleSet has no resource-level permissions; the policy allows that one action only.',
    });
  }
}

/** The agent console's CloudFront distribution and the function CDK uses to copy the bundle into its bucket. */
function acknowledgeConsoleFindings(stack: InboxTriageStack, agentConsole: InboxTriageStack['agentConsole'], accessLogs: boolean): void {
  acknowledge(agentConsole.distribution, {
    CFR1: 'Agents sign in from wherever they work; a team that needs geo restrictions adds them to the distribution.',
    CFR2: 'The distribution serves only the static bundle (no data, no API); every API call is checked by the JWT authorizer and throttled. AWS WAF can be attached where a team pays for it.',
    CFR3: 'The distribution serves only the static bundle; who read what is in the agent API access logs. CloudFront standard logs need an ACL-enabled bucket, left out on purpose.',
    CFR4: 'With the default *.cloudfront.net certificate the TLS policy is fixed by CloudFront; raising the minimum version needs a custom domain and certificate (minimumProtocolVersion TLSv1.2_2021).',
  });
  if (!accessLogs) acknowledge(agentConsole.bucket, { S1: 'Server access logs are opt-in (accessLogs: true in cdk.json); the bucket holds only the public build of the console.' });
  // BucketDeployment copies the bundle with a singleton function aws-cdk-lib provides.
  const copier = stack.node.tryFindChild('Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C');
  if (!copier) return;
  const pseudo = (value: string, name: string) => (Token.isUnresolved(value) ? `<AWS::${name}>` : value);
  const assets = `arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${pseudo(stack.account, 'AccountId')}-${pseudo(stack.region, 'Region')}/*`;
  const copies = 'The bundle copier (aws-cdk-lib s3-deployment) reads the CDK asset bucket and writes, lists and deletes in the console bucket only;';
  acknowledge(copier, {
    L1: 'The runtime of the bucket deployment function is chosen by aws-cdk-lib (s3-deployment module).',
    [BASIC_EXECUTION_ROLE]: BASIC_EXECUTION_REASON,
    'IAM5[Action::s3:GetObject*]': `${copies} these are the grant's own action groups.`,
    'IAM5[Action::s3:GetBucket*]': `${copies} these are the grant's own action groups.`,
    'IAM5[Action::s3:List*]': `${copies} these are the grant's own action groups.`,
    'IAM5[Action::s3:DeleteObject*]': `${copies} it deletes files a new build no longer has.`,
    'IAM5[Action::s3:Abort*]': `${copies} aborting its own multipart uploads.`,
    [`IAM5[Resource::${assets}]`]: `${copies} the asset objects are named by hash.`,
    [`IAM5[Resource::${arnOf(agentConsole.bucket)}/*]`]: `${copies} every file of the console bucket is its to replace.`,
    'IAM5[Resource::*]': 'CloudFront CreateInvalidation / GetInvalidation (after a deploy) have no resource-level permissions in the policy CDK writes.',
  });
}
