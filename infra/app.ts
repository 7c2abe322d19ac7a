import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConfigError } from '../lib/domain/errors.ts';
import { parseDeployConfig } from './cdk/deploy-config.ts';
import { InboxTriageStack } from './cdk/inbox-triage-stack.ts';
import { acknowledgeNagFindings } from './cdk/nag-acknowledgements.ts';

// `npx cdk synth` / `npx cdk deploy`: the config comes from cdk.json context "inboxTriage".
const app = new App();
const config = configOrExit(app.node.tryGetContext('inboxTriage'));
const stack = new InboxTriageStack(app, 'InboxTriage', config, {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
// AwsSolutions checks run on every synth: an unacknowledged finding stops it.
acknowledgeNagFindings(stack);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

/** A bad config is the admin's to fix: say what is wrong, without a stack trace. */
function configOrExit(context: unknown) {
  try {
    return parseDeployConfig(context);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
