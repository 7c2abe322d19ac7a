import { App } from 'aws-cdk-lib';
import { parseDeployConfig } from './cdk/deploy-config.ts';
import { InboxTriageStack } from './cdk/inbox-triage-stack.ts';

// `npx cdk synth` / `npx cdk deploy`: the config comes from cdk.json context "inboxTriage".
const app = new App();
const config = parseDeployConfig(app.node.tryGetContext('inboxTriage'));
new InboxTriageStack(app, 'InboxTriage', config, {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
