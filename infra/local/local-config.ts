import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../lib/domain/errors.ts';
import { type DeployConfig, functionSettingsOf, parseDeployConfig, supportAddressesOf } from '../cdk/deploy-config.ts';
import type { LocalStackOptions } from './local-stack.ts';

/** The project's cdk.json: the CDK app reads its context "inboxTriage", and so does the local stack. */
const PROJECT_CDK_JSON = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'cdk.json');

/**
 * The deployment config from cdk.json (context "inboxTriage"), validated by
 * the same schema `cdk synth` uses, so what runs locally is what deploys.
 */
export async function readDeployConfig(file = PROJECT_CDK_JSON): Promise<DeployConfig> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new ConfigError(`cannot read ${file}: the local stack takes its settings from its context "inboxTriage" (see README "Deploy to AWS")`);
  });
  let json: { context?: { inboxTriage?: unknown } };
  try {
    json = JSON.parse(text) as typeof json;
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  try {
    return parseDeployConfig(json.context?.inboxTriage);
  } catch (error) {
    throw new ConfigError(`${(error as Error).message} (fix it in ${file}; cdk synth runs the same check)`, { cause: error });
  }
}

/** The local stack's options from the deployment config: addresses, team, zone, languages and SLA, as the functions get them in AWS. */
export function localStackOptionsOf(
  config: DeployConfig,
): Pick<LocalStackOptions, 'domains' | 'supportAddresses' | 'teamName' | 'teamNames' | 'timeZone' | 'defaultLocale' | 'noticeLocale' | 'slaConfig'> {
  const settings = functionSettingsOf(config);
  const domains = [...new Set(config.recipients.map((r) => (r.includes('@') ? r.split('@')[1]! : r).toLowerCase()))];
  return {
    domains,
    supportAddresses: supportAddressesOf(config),
    teamName: settings.teamName,
    ...(settings.teamNames ? { teamNames: settings.teamNames } : {}),
    timeZone: settings.teamTimeZone,
    defaultLocale: settings.defaultLocale,
    noticeLocale: settings.noticeLocale,
    ...(settings.slaConfig ? { slaConfig: settings.slaConfig } : {}),
  };
}
