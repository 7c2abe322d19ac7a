import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, DockerImage, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { consoleContentSecurityPolicy, HSTS_SECONDS } from '../console-security.ts';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');

export interface AgentConsoleProps {
  readonly userPool: cognito.UserPool;
  /** The user pool client the console signs in with (the agent API's JWT audience). */
  readonly client: cognito.UserPoolClient;
  readonly api: apigw.HttpApi;
  /** Where S3 access logs go, when the admin turned them on (cdk.json accessLogs). */
  readonly accessLogs?: s3.IBucket | undefined;
}

/**
 * The agent console in AWS: the built bundle in a private bucket that only
 * CloudFront may read (origin access control), served over HTTPS with the
 * console's security headers (CSP, HSTS, no framing), and sign-in through
 * the user pool's hosted UI (authorization code with PKCE; the pool asks
 * for password and MFA). `config.json` beside the bundle tells it where the
 * API and the hosted UI are; the bundle itself holds neither.
 */
export class AgentConsole extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly deployment: s3deploy.BucketDeployment;
  readonly url: string;

  constructor(scope: Construct, id: string, props: AgentConsoleProps) {
    super(scope, id);
    const { userPool, client, api, accessLogs } = props;
    const stack = Stack.of(this);

    this.bucket = new s3.Bucket(this, 'Files', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Only build output lives here: the next deploy writes it again.
      removalPolicy: RemovalPolicy.DESTROY,
      ...(accessLogs ? { serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: 'console/' } : {}),
    });

    // A hosted-UI domain per stack and account (Cognito domain prefixes are unique per region).
    const domainPrefix = `${stack.stackName.toLowerCase().replace(/[^a-z0-9-]/g, '-')}-agents-${stack.account}`;
    const signIn = userPool.addDomain('SignIn', { cognitoDomain: { domainPrefix } });
    const signInOrigin = `https://${domainPrefix}.auth.${stack.region}.amazoncognito.com`;

    const headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Inbox Triage agent console: CSP, HSTS, no framing, no sniffing, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: consoleContentSecurityPolicy([api.apiEndpoint, signInOrigin]), override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.seconds(HSTS_SECONDS), includeSubdomains: true, override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });
    this.distribution = new cloudfront.Distribution(this, 'Cdn', {
      comment: 'Inbox Triage agent console',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}/`;

    // The console's client gets the hosted UI's code flow, back to the console only (no implicit flow, no secret).
    const cfnClient = client.node.defaultChild as cognito.CfnUserPoolClient;
    cfnClient.allowedOAuthFlowsUserPoolClient = true;
    cfnClient.allowedOAuthFlows = ['code'];
    cfnClient.allowedOAuthScopes = ['openid', 'profile'];
    cfnClient.supportedIdentityProviders = ['COGNITO'];
    cfnClient.callbackUrLs = [this.url];
    cfnClient.logoutUrLs = [this.url];

    this.deployment = new s3deploy.BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
      distribution: this.distribution,
      // Agents load the page as `/` (the console's URL and the sign-in callback), which CloudFront caches apart
      // from /index.html. The hashed assets of earlier builds are kept (no prune), so a page cached before
      // the invalidation lands still finds the scripts it names.
      distributionPaths: ['/', '/index.html', '/config.json'],
      prune: false,
      // Deleting the stack deletes the files first, so the bucket can go too.
      retainOnDelete: false,
      sources: [
        s3deploy.Source.asset(join(ROOT, 'console'), {
          exclude: ['dist', 'node_modules'],
          bundling: {
            // Built on this machine with the project's Vite (no Docker needed); the image is the fallback.
            image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22-slim'),
            command: ['sh', '-c', 'echo "build the console locally: npm ci && npx cdk synth" && exit 1'],
            local: {
              tryBundle(outputDir: string) {
                execFileSync('npx', ['vite', 'build', 'console', '--outDir', outputDir, '--emptyOutDir'], { cwd: ROOT, stdio: 'inherit' });
                return true;
              },
            },
          },
        }),
        s3deploy.Source.jsonData('config.json', {
          apiBase: api.apiEndpoint,
          auth: { kind: 'cognito', domain: signInOrigin, clientId: client.userPoolClientId, redirectUri: this.url },
        }),
      ],
    });
    this.deployment.node.addDependency(signIn);

    new CfnOutput(this, 'ConsoleUrl', { value: this.url, description: 'The agent console (sign in with a user of the pool)' });
  }
}
