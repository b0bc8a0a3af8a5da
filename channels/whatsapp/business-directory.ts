import type { Config, WhatsAppPhoneNumber } from '#core/config/config-schema.ts';

/**
 * The business's own WhatsApp identities, looked up by Meta's ids (what webhooks carry) or by
 * EUM Social's ids (what the API takes). Anything not in here is not ours.
 */
export interface BusinessPhone {
  awsId: string;
  metaId: string;
  displayNumber: string;
  /** The display number's digits, as Meta's `display_phone_number` gives them. */
  displayDigits: string;
  displayName: string;
  awsWabaId: string;
  metaWabaId: string;
  /** The ARNs EUM Social may name this number by (the id with or without its `phone-number-id-` prefix). */
  arns: ReadonlySet<string>;
}

export interface BusinessDirectory {
  accountId: string;
  region: string;
  topicArn: string;
  /** AWS WABA id (`waba-…`) by Meta WABA id. */
  wabaByMetaId: ReadonlyMap<string, { awsId: string; name: string; arns: ReadonlySet<string> }>;
  phoneByMetaId: ReadonlyMap<string, BusinessPhone>;
  phoneByAwsId: ReadonlyMap<string, BusinessPhone>;
}

/** A business number by any name people use for it: EUM id, Meta id, or the display number in any format. */
export function findBusinessPhone(directory: BusinessDirectory, name: string): BusinessPhone | undefined {
  const byId = directory.phoneByAwsId.get(name) ?? directory.phoneByMetaId.get(name);
  if (byId) return byId;
  const digits = name.replace(/\D/g, '');
  if (digits.length < 6) return undefined;
  for (const phone of directory.phoneByAwsId.values()) if (phone.displayDigits === digits) return phone;
  return undefined;
}

export function businessDirectory(config: Config): BusinessDirectory {
  const arns = (resource: 'waba' | 'phone-number-id', awsId: string): ReadonlySet<string> => {
    const prefix = `arn:aws:social-messaging:${config.aws.region}:${config.aws.accountId}:${resource}/`;
    return new Set([`${prefix}${awsId}`, `${prefix}${awsId.replace(/^(waba-|phone-number-id-)/, '')}`]);
  };
  const wabaByMetaId = new Map(
    config.whatsapp.businessAccounts.map((account) => [
      account.metaWabaId,
      { awsId: account.id, name: account.name, arns: arns('waba', account.id) },
    ]),
  );
  const metaWabaIdOf = new Map(
    config.whatsapp.businessAccounts.map((account) => [account.id, account.metaWabaId]),
  );
  const phones = config.whatsapp.phoneNumbers.map((phone: WhatsAppPhoneNumber) => ({
    awsId: phone.id,
    metaId: phone.metaPhoneNumberId,
    displayNumber: phone.displayNumber,
    displayDigits: phone.displayNumber.replace(/\D/g, ''),
    displayName: phone.displayName,
    awsWabaId: phone.wabaId,
    metaWabaId: metaWabaIdOf.get(phone.wabaId) ?? '',
    arns: arns('phone-number-id', phone.id),
  }));
  return {
    accountId: config.aws.accountId,
    region: config.aws.region,
    topicArn: config.sns.topicArn,
    wabaByMetaId,
    phoneByMetaId: new Map(phones.map((phone) => [phone.metaId, phone])),
    phoneByAwsId: new Map(phones.map((phone) => [phone.awsId, phone])),
  };
}
