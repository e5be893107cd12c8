import { type MessageKey, useI18n } from '../i18n/index.js';
import { zhCN } from '../i18n/zh-CN.js';

const KEYS: Readonly<Record<string, string>> = zhCN;

/** A state as a coloured label; `group` names its catalogue (status.valid, triage.new, …). */
export function Pill({ group, value }: { group: 'status' | 'triage' | 'claimState' | 'keyState'; value: string }) {
  const { t } = useI18n();
  const key = `${group}.${value}`;
  return <span class={`pill ${group}-${value} ${value}`}>{key in KEYS ? t(key as MessageKey) : value}</span>;
}
