/**
 * One call of a Protect plan, made through `src/aws/protect.ts`: shared by `eum protect apply`
 * and the Protect section of `eum program apply`.
 */
import type { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { PlanCall } from '../../core/protect/plan.js';

/** The configurations a plan's calls refer to (by id, Name or document name); `add` records one a create made. */
export interface ProtectTargets {
  get(ref: string): { id: string; arn: string };
  add(ref: string, target: { id: string; arn: string }): void;
}

/** Makes one call; a create records the configuration it made in `targets`. `clientToken`: the create's, kept for its retries. */
export async function executeProtectCall(client: PinpointSMSVoiceV2Client, call: PlanCall, targets: ProtectTargets, clientToken?: string): Promise<void> {
  const api = await import('../../aws/protect.js');
  switch (call.op) {
    case 'CreateProtectConfiguration': {
      const r = await api.createConfiguration(client, { deletionProtection: call.deletionProtection, tags: call.tags, clientToken });
      targets.add(call.ref, { id: r.id, arn: r.arn });
      return;
    }
    case 'UpdateProtectConfiguration':
      await api.updateConfiguration(client, targets.get(call.ref).id, call.deletionProtection);
      return;
    case 'TagResource':
      await api.tagResource(client, targets.get(call.ref).arn, call.tags);
      return;
    case 'UntagResource':
      await api.untagResource(client, targets.get(call.ref).arn, call.keys);
      return;
    case 'UpdateProtectConfigurationCountryRuleSet':
      await api.updateCountryRuleSet(client, targets.get(call.ref).id, call.channel, call.updates);
      return;
    case 'PutProtectConfigurationRuleSetNumberOverride':
      await api.putNumberOverride(client, targets.get(call.ref).id, {
        number: call.number,
        action: call.action,
        expires: call.expires ? new Date(call.expires) : undefined,
      });
      return;
    case 'DeleteProtectConfigurationRuleSetNumberOverride':
      await api.deleteNumberOverride(client, targets.get(call.ref).id, call.number);
      return;
    case 'AssociateProtectConfiguration':
    case 'DisassociateProtectConfiguration':
      await api.setConfigurationSetAssociation(client, targets.get(call.ref).id, call.configurationSet, call.op === 'AssociateProtectConfiguration');
      return;
    case 'SetAccountDefaultProtectConfiguration':
      await api.setAccountDefault(client, targets.get(call.ref).id);
      return;
    case 'DeleteAccountDefaultProtectConfiguration':
      await api.deleteAccountDefault(client);
      return;
    case 'DeleteProtectConfiguration':
      await api.deleteConfiguration(client, targets.get(call.ref).id);
      return;
  }
}
