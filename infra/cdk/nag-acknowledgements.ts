import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
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
  const { processing, storage, agentApi } = stack;
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
