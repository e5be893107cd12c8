import { ApiError } from './api.js';
import { useI18nShared as useI18n } from './i18n.js';

/** The localized sentence for a problem code, then the registry's own detail (row numbers, limits). */
export function ErrorBox({ error }: { error: unknown }) {
  const { t, has } = useI18n();
  if (!error) return null;
  const e = error instanceof ApiError ? error : new ApiError(0, 'network', String(error));
  const key = `error.${e.code}`;
  const headline = has(key) ? t(key) : t('error.unknown', { status: e.status });
  return (
    <div class="error" role="alert">
      <strong>{headline}</strong>
      {e.detail && e.code !== 'network' ? <p class="detail">{e.detail}</p> : null}
      {e.fieldErrors.length > 0 ? (
        <ul>
          {e.fieldErrors.slice(0, 20).map((f) => (
            <li key={f.path}>{t('error.field', { path: f.path || '/', message: f.message })}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Notice({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p class="notice" role="status">
      {text}
    </p>
  );
}
