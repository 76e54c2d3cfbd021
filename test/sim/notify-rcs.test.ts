/** Notify configurations and RCS agents through the AWS SDK: stateful, with sends and their events. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  CreateNotifyConfigurationCommand,
  CreateRcsAgentCommand,
  DeleteNotifyConfigurationCommand,
  DeleteRcsAgentCommand,
  DescribeNotifyConfigurationsCommand,
  DescribeNotifyTemplatesCommand,
  DescribeRcsAgentCountryLaunchStatusCommand,
  DescribeRcsAgentsCommand,
  ListNotifyCountriesCommand,
  SendNotifyTextMessageCommand,
  SendNotifyVoiceMessageCommand,
  SendRcsMessageCommand,
  UpdateNotifyConfigurationCommand,
  UpdateRcsAgentCommand,
  type PinpointSMSVoiceV2Client,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { rejection, startTestSim, type TestSim } from './helpers.js';

let sim: TestSim;
let sms: PinpointSMSVoiceV2Client;

beforeAll(async () => {
  sim = await startTestSim();
  sms = sim.client();
});
afterAll(() => sim.close());

describe('Notify', () => {
  test('templates and countries; a configuration sends a rendered code by SMS and voice', async () => {
    const templates = (await sms.send(new DescribeNotifyTemplatesCommand({ Filters: [{ Name: 'channels', Values: ['VOICE'] }] }))).NotifyTemplates!;
    expect(templates.map((t) => t.TemplateId)).toEqual(['otp-verification-en']);
    expect(templates[0]).toMatchObject({ TemplateType: 'OTP_VERIFICATION', Version: 1, Variables: { code: { Type: 'STRING', Required: true } } });
    const countries = (await sms.send(new ListNotifyCountriesCommand({ Channels: ['VOICE'] }))).NotifyCountries!;
    expect(countries.map((c) => c.IsoCountryCode)).toEqual(['CA', 'US']);

    const created = await sms.send(
      new CreateNotifyConfigurationCommand({
        DisplayName: 'Shop',
        UseCase: 'CODE_VERIFICATION',
        EnabledChannels: ['SMS', 'VOICE'],
        DefaultTemplateId: 'otp-verification-en',
        DeletionProtectionEnabled: true,
      }),
    );
    expect(created).toMatchObject({
      Status: 'ACTIVE',
      Tier: 'BASIC',
      TierUpgradeStatus: 'BASIC',
      DisplayName: 'Shop',
      NotifyConfigurationId: expect.stringMatching(/^notify-[0-9a-f]{32}$/),
    });
    const id = created.NotifyConfigurationId!;

    const r = await sms.send(
      new SendNotifyTextMessageCommand({ NotifyConfigurationId: id, DestinationPhoneNumber: '+12065550142', TemplateVariables: { code: '482913' } }),
    );
    expect(r).toMatchObject({ TemplateId: 'otp-verification-en', ResolvedMessageBody: 'Your Shop verification code is 482913. It expires in 10 minutes.' });
    const inbox = (await sim.hook('GET', '/_eum/messages?to=%2B12065550142')).body.messages;
    expect(inbox).toEqual([expect.objectContaining({ kind: 'notify', from: 'NOTIFY-US', body: r.ResolvedMessageBody })]);
    await sms.send(new SendNotifyVoiceMessageCommand({ NotifyConfigurationId: id, DestinationPhoneNumber: '+12065550142', TemplateVariables: { code: '1' } }));
    expect((await sim.hook('GET', '/_eum/account')).body.spend.NOTIFY).toBeGreaterThan(0);

    expect(
      await rejection(sms.send(new SendNotifyTextMessageCommand({ NotifyConfigurationId: id, DestinationPhoneNumber: '+12065550142', TemplateVariables: {} }))),
    ).toMatchObject({ name: 'ValidationException', Reason: 'MISSING_PARAMETER' });
    expect(
      await rejection(
        sms.send(
          new SendNotifyTextMessageCommand({
            NotifyConfigurationId: id,
            DestinationPhoneNumber: '+12065550142',
            TemplateVariables: { code: '1', colour: 'red' },
          }),
        ),
      ),
    ).toMatchObject({ Reason: 'FIELD_VALIDATION_FAILED' });
    expect(
      await rejection(
        sms.send(
          new SendNotifyTextMessageCommand({ NotifyConfigurationId: 'notify-nope', DestinationPhoneNumber: '+12065550142', TemplateVariables: { code: '1' } }),
        ),
      ),
    ).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'notify-configuration' });

    await sms.send(new UpdateNotifyConfigurationCommand({ NotifyConfigurationId: id, EnabledChannels: ['SMS'], EnabledCountries: ['CA'] }));
    expect(
      await rejection(
        sms.send(new SendNotifyVoiceMessageCommand({ NotifyConfigurationId: id, DestinationPhoneNumber: '+12065550142', TemplateVariables: { code: '1' } })),
      ),
    ).toMatchObject({ Reason: 'CHANNEL_NOT_ENABLED' });
    expect(
      await rejection(
        sms.send(new SendNotifyTextMessageCommand({ NotifyConfigurationId: id, DestinationPhoneNumber: '+12065550142', TemplateVariables: { code: '1' } })),
      ),
    ).toMatchObject({ Reason: 'COUNTRY_NOT_ENABLED' });

    const listed = (await sms.send(new DescribeNotifyConfigurationsCommand({ Filters: [{ Name: 'display-name', Values: ['Shop'] }] }))).NotifyConfigurations!;
    expect(listed).toEqual([expect.objectContaining({ NotifyConfigurationId: id, EnabledChannels: ['SMS'], EnabledCountries: ['CA'] })]);
    expect(await rejection(sms.send(new DeleteNotifyConfigurationCommand({ NotifyConfigurationId: id })))).toMatchObject({
      name: 'ConflictException',
      Reason: 'DELETION_PROTECTION_ENABLED',
    });
    await sms.send(new UpdateNotifyConfigurationCommand({ NotifyConfigurationId: id, DeletionProtectionEnabled: false }));
    await sms.send(new DeleteNotifyConfigurationCommand({ NotifyConfigurationId: id }));
    expect((await sms.send(new DescribeNotifyConfigurationsCommand({}))).NotifyConfigurations).toEqual([]);
  });

  test('an unknown template is refused when creating', async () => {
    expect(
      await rejection(
        sms.send(new CreateNotifyConfigurationCommand({ DisplayName: 'X', UseCase: 'CODE_VERIFICATION', EnabledChannels: ['SMS'], DefaultTemplateId: 'nope' })),
      ),
    ).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'notify-template' });
  });
});

describe('RCS', () => {
  test('an agent sends RCS where launched, falls back to SMS elsewhere, and emits RCS events', async () => {
    const agent = await sms.send(new CreateRcsAgentCommand({}));
    expect(agent).toMatchObject({ Status: 'ACTIVE', OptOutListName: 'Default', TwoWayEnabled: false, RcsAgentId: expect.stringMatching(/^rcs-[0-9a-f]{32}$/) });
    const id = agent.RcsAgentId!;
    const launch = await sms.send(new DescribeRcsAgentCountryLaunchStatusCommand({ RcsAgentId: id }));
    expect(launch.CountryLaunchStatus).toEqual([expect.objectContaining({ IsoCountryCode: 'US', Status: 'ACTIVE' })]);

    const r = await sms.send(
      new SendRcsMessageCommand({
        DestinationPhoneNumber: '+12065550143',
        OriginationIdentity: id,
        RcsMessageContent: { Content: { TextMessage: { Body: 'Your parcel is here' } } },
      }),
    );
    const m = (await sim.hook('GET', `/_eum/messages/${r.MessageId}`)).body;
    expect(m).toMatchObject({ kind: 'rcs', messageBody: 'Your parcel is here', origination: { type: 'rcs-agent', id } });
    sim.clock.advance(5000);
    const events = (await sim.hook('GET', `/_eum/events?messageId=${r.MessageId}`)).body.events.map((e: { event: { eventType: string } }) => e.event.eventType);
    expect(events).toEqual(['RCS_SENT', 'RCS_DELIVERED']);

    // Canada: not launched; without a fallback the send fails, with one it goes as SMS from a number.
    expect(await rejection(sms.send(new SendRcsMessageCommand({ DestinationPhoneNumber: '+14165550100', OriginationIdentity: id })))).toMatchObject({
      name: 'ConflictException',
      Reason: 'RESOURCE_NOT_ACTIVE',
      ResourceType: 'rcs-agent',
    });
    const fb = await sms.send(
      new SendRcsMessageCommand({
        DestinationPhoneNumber: '+12065550144',
        OriginationIdentity: id,
        FallbackConfiguration: { Channel: 'SMS', MessageBody: 'fallback' },
      }),
    );
    expect(fb.MessageId).toBeTruthy();

    expect(await rejection(sms.send(new UpdateRcsAgentCommand({ RcsAgentId: id, SelfManagedOptOutsEnabled: true })))).toMatchObject({
      Reason: 'TWO_WAY_NOT_ENABLED',
    });
    await sms.send(
      new UpdateRcsAgentCommand({
        RcsAgentId: id,
        TwoWayEnabled: true,
        TwoWayChannelArn: 'arn:aws:sns:us-east-1:123456789012:rcs',
        DeletionProtectionEnabled: true,
      }),
    );
    expect((await sms.send(new DescribeRcsAgentsCommand({ Filters: [{ Name: 'two-way-enabled', Values: ['true'] }] }))).RcsAgents).toEqual([
      expect.objectContaining({ RcsAgentId: id, TwoWayChannelArn: 'arn:aws:sns:us-east-1:123456789012:rcs' }),
    ]);
    expect(await rejection(sms.send(new DeleteRcsAgentCommand({ RcsAgentId: id })))).toMatchObject({ Reason: 'DELETION_PROTECTION_ENABLED' });
    await sms.send(new UpdateRcsAgentCommand({ RcsAgentId: id, DeletionProtectionEnabled: false }));
    expect(await sms.send(new DeleteRcsAgentCommand({ RcsAgentId: agent.RcsAgentArn! }))).toMatchObject({ Status: 'DELETED' });
    expect(await rejection(sms.send(new DescribeRcsAgentsCommand({ RcsAgentIds: [id] })))).toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceType: 'rcs-agent',
    });
  });
});
