import { useI18n } from '../i18n/index.js';

/** Previous/next over a paged answer. */
export function Pager({ total, limit, offset, onPage }: { total: number; limit: number; offset: number; onPage: (offset: number) => void }) {
  const { t } = useI18n();
  if (total <= limit && offset === 0) return null;
  return (
    <div class="pager">
      <button type="button" class="secondary" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - limit))}>
        {t('common.prev')}
      </button>
      <span class="muted small">{t('common.page', { from: total === 0 ? 0 : offset + 1, to: Math.min(total, offset + limit), total })}</span>
      <button type="button" class="secondary" disabled={offset + limit >= total} onClick={() => onPage(offset + limit)}>
        {t('common.next')}
      </button>
    </div>
  );
}
