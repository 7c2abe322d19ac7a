import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sesActions from 'aws-cdk-lib/aws-ses-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { bucket as bucketSpec } from '../topology.ts';
import type { DeployConfig } from './deploy-config.ts';

export interface ReceivingProps {
  readonly config: DeployConfig;
  readonly rawMail: s3.IBucket;
  readonly inboundMail: sns.ITopic;
  readonly sesFeedback: sns.ITopic;
}

/**
 * SES both ways: the receipt rule (scan, TLS, raw MIME to S3, then notify),
 * the configuration set every reply is sent with (bounces and complaints to
 * the feedback topic), and optionally the sending identity with Easy DKIM.
 */
export class Receiving extends Construct {
  readonly ruleSet: ses.ReceiptRuleSet;
  readonly configurationSet: ses.ConfigurationSet;

  constructor(scope: Construct, id: string, props: ReceivingProps) {
    super(scope, id);
    const { config } = props;
    // SES publishes the receipt notification itself; the topic must let it (CDK's S3 action adds only the bucket policy).
    props.inboundMail.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [props.inboundMail.topicArn],
        conditions: { StringEquals: { 'AWS:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.ruleSet = new ses.ReceiptRuleSet(this, 'ReceiptRuleSet');
    this.ruleSet.addRule('Inbound', {
      recipients: config.recipients,
      scanEnabled: true,
      tlsPolicy: ses.TlsPolicy.REQUIRE,
      actions: [new sesActions.S3({ bucket: props.rawMail, objectKeyPrefix: bucketSpec.inboundPrefix, topic: props.inboundMail })],
    });

    this.configurationSet = new ses.ConfigurationSet(this, 'Sending', { reputationMetrics: true, tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE });
    this.configurationSet.addEventDestination('Feedback', {
      destination: ses.EventDestination.snsTopic(props.sesFeedback),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });

    if (config.senderDomain) {
      const identity = new ses.EmailIdentity(this, 'SenderIdentity', {
        identity: ses.Identity.domain(config.senderDomain),
        configurationSet: this.configurationSet,
      });
      identity.dkimRecords.forEach((record, i) => {
        new CfnOutput(this, `DkimRecord${i + 1}`, {
          value: `${record.name} CNAME ${record.value}`,
          description: 'Add this DNS record so SES can verify the domain and sign replies (DKIM).',
        });
      });
    }

    // An account has one active rule set; replacing another one is the admin's call (README "Deploy to AWS").
    if (config.activateRuleSet) {
      const activate = (name: string | undefined) => ({
        service: 'SES',
        action: 'setActiveReceiptRuleSet',
        parameters: name ? { RuleSetName: name } : {},
        physicalResourceId: cr.PhysicalResourceId.of(`active-${this.ruleSet.receiptRuleSetName}`),
      });
      new cr.AwsCustomResource(this, 'ActivateRuleSet', {
        onCreate: activate(this.ruleSet.receiptRuleSetName),
        onUpdate: activate(this.ruleSet.receiptRuleSetName),
        onDelete: activate(undefined), // deactivate, so the rule set can be deleted
        // SetActiveReceiptRuleSet has no resource-level permissions.
        policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
        installLatestAwsSdk: false,
      });
    }

    new CfnOutput(this, 'ReceiptRuleSetName', {
      value: this.ruleSet.receiptRuleSetName,
      description: 'Activate it if activateRuleSet is false: aws ses set-active-receipt-rule-set --rule-set-name <this>',
    });
    new CfnOutput(this, 'MxRecord', { value: `10 inbound-smtp.${Stack.of(this).region}.amazonaws.com`, description: 'MX record for each receiving domain' });
  }
}
