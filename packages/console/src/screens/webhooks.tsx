import { Webhooks as WebhooksScreen } from '@zjmade/web-ui/webhooks';
import type { Can } from '../types.js';

const EVENTS = ['evaluation.status_changed', 'evaluation.lapsed', 'sanction.added', 'sanction.lifted', 'listing.bound', 'listing.unbound', 'report.confirmed_misuse'] as const;
const PLATFORMS = ['tmall', 'taobao', 'jd', 'pinduoduo', 'douyin', '1688', 'suning', 'vip', 'kuaishou', 'xiaohongshu'];

/** The platforms' endpoints: staff manage them, reviewers read them and their delivery logs. */
export function Webhooks({ can }: { can: Can }) {
  return <WebhooksScreen base="/v1/console/webhooks" canWrite={can.people} events={EVENTS} offByDefault={['evaluation.lapsed']} platforms={PLATFORMS} />;
}
