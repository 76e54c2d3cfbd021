/** The vocabulary of Protect configurations, shared by the CLI, the plan and the simulator. */

/** Channels as eum spells them on the command line and in documents. */
export const CHANNELS = ['sms', 'mms', 'voice', 'rcs'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The API's NumberCapability for a channel. */
export function apiChannel(channel: Channel): 'SMS' | 'MMS' | 'VOICE' | 'RCS' {
  return channel.toUpperCase() as 'SMS' | 'MMS' | 'VOICE' | 'RCS';
}

export const STATUSES = ['ALLOW', 'BLOCK', 'MONITOR', 'FILTER'] as const;
export type ProtectStatus = (typeof STATUSES)[number];

export type OverrideAction = 'ALLOW' | 'BLOCK';

/** Country code (ISO 3166-1 alpha-2, upper case) -> status: one channel of a configuration. */
export type CountryRuleSet = Record<string, ProtectStatus>;

export interface NumberOverride {
  /** E.164 */
  number: string;
  action: OverrideAction;
  /** ISO time, or undefined for no expiry. */
  expires?: string;
  isoCountryCode?: string;
  created?: string;
}

/** One configuration as eum reads it from the API. */
export interface ProtectConfigurationSnapshot {
  id: string;
  arn: string;
  /** The Name tag, if any. */
  name?: string;
  /** Every tag, Name included. */
  tags: Record<string, string>;
  deletionProtection: boolean;
  accountDefault: boolean;
  createdAt?: string;
  rules: Record<Channel, CountryRuleSet>;
  overrides: NumberOverride[];
  /** Names of the configuration sets associated with it. */
  configurationSets: string[];
}

/** Everything Protect in one account and region. */
export interface ProtectSnapshot {
  configurations: ProtectConfigurationSnapshot[];
  accountDefaultId?: string;
  /** Every configuration set in the account (to validate association targets). */
  configurationSetNames: string[];
}
