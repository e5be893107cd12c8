/** @jsxImportSource preact */
import type { Verdict } from '@zjmade/sdk';
import type { ComponentChildren } from 'preact';
import { type CheckUrl, checkHref, formatDate, formatInstant } from './format.js';
import { type Locale, type MessageKey, t } from './i18n.js';
import { MarkGlyph, type PersonalMark, ToneIcon } from './icons.js';
import { labelText, presentVerdict } from './present.js';

export interface DetailCardProps {
  verdict: Verdict;
  locale: Locale;
  personalMark?: PersonalMark;
  /** Base URL of the registry, for the "check at the registry" link. */
  registryUrl?: string;
  /** Overrides the check link: a template with `{key}` or a function of the listing key. */
  checkUrl?: CheckUrl;
  /** Element id of the card; its title and explanation get `-t` and `-d` suffixes. */
  id?: string;
  onClose?: () => void;
}

const REASONS: Record<string, MessageKey> = {
  'invalid-listing': 'reasonInvalidListing',
  'no-snapshot': 'reasonNoSnapshot',
  stale: 'reasonStale',
  signature: 'reasonSignature',
  unreachable: 'reasonUnreachable',
  error: 'reasonError',
};

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** The detail card: who, which evaluation and standard, valid until when, and where to check. */
export function DetailCard({ verdict, locale, personalMark, registryUrl, checkUrl, id = 'zj-card', onClose }: DetailCardProps) {
  const m = (key: MessageKey, vars?: Record<string, string | number>) => t(locale, key, vars);
  const p = presentVerdict(verdict, { quiet: true });
  const { enterprise, evaluation, standard, store, sanction, lapsedAt, lapseReason } = verdict.evidence;
  const en = locale === 'en';
  const lapsed = ['expired', 'suspended', 'withdrawn', 'cancelled'].includes(verdict.status);
  const href = checkHref(verdict.key, registryUrl, checkUrl);
  const source = verdict.source;
  const explain = m(p.explain, {
    claims: verdict.claims.join('”, “'),
    reason: m(REASONS[verdict.reason ?? 'error'] ?? 'reasonError'),
  });

  return (
    <div
      class="card"
      id={id}
      role="dialog"
      aria-modal="false"
      aria-labelledby={`${id}-t`}
      aria-describedby={`${id}-d`}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose?.();
        }
      }}
    >
      <h2 id={`${id}-t`} class={`t-${p.tone}`} style="background:none">
        <ToneIcon tone={p.tone} />
        {labelText(p, locale)}
      </h2>
      {onClose && (
        <button type="button" class="x" aria-label={m('close')} onClick={onClose}>
          ×
        </button>
      )}
      {p.sample && <p class="banner">{m('sampleBanner')}</p>}
      <p id={`${id}-d`}>{explain}</p>
      <dl>
        {enterprise && (
          <>
            <Row label={m('fieldEnterprise')}>{(en && enterprise.nameEn) || enterprise.name}</Row>
            <Row label={m('fieldUscc')}>{enterprise.uscc}</Row>
          </>
        )}
        {evaluation && (
          <>
            <Row label={m('fieldRoute')}>
              {m(evaluation.route === 'certification' ? 'routeCertification' : 'routeSelfDeclaration')}
            </Row>
            <Row label={m('fieldNumber')}>{evaluation.id}</Row>
            {evaluation.body && <Row label={m('fieldBody')}>{evaluation.body}</Row>}
          </>
        )}
        {(standard || evaluation) && (
          <Row label={m('fieldStandard')}>
            {standard ? `${standard.code} ${(en && standard.titleEn) || standard.title}` : evaluation?.standard}
          </Row>
        )}
        {evaluation && evaluation.products.length > 0 && (
          <Row label={m('fieldProducts')}>
            <ul>
              {evaluation.products.map((prod) => (
                <li key={`${prod.name}/${prod.model ?? ''}`}>{prod.model ? `${prod.name} (${prod.model})` : prod.name}</li>
              ))}
            </ul>
          </Row>
        )}
        {evaluation && verdict.status === 'verified' && <Row label={m('fieldValidUntil')}>{evaluation.expires}</Row>}
        {lapsed && lapsedAt && <Row label={m('fieldLapsedSince')}>{formatDate(lapsedAt)}</Row>}
        {lapsed && lapseReason && <Row label={m('fieldReason')}>{lapseReason}</Row>}
        {sanction && (
          <Row label={m('fieldSanction')}>
            {`${sanction.reason ?? sanction.kind} (${sanction.from}${sanction.until ? ` – ${sanction.until}` : ''})`}
          </Row>
        )}
        {store && (
          <Row label={m('fieldStore')}>
            {`${store.name} · ${m(store.role === 'official-flagship' ? 'roleOfficialFlagship' : 'roleAuthorised')}`}
          </Row>
        )}
        {source.kind === 'snapshot' && (
          <Row label={m('fieldDataIssued')}>
            {m('dataIssuedSnapshot', { date: formatInstant(source.issuedAt), sequence: source.sequence })}
          </Row>
        )}
        {source.kind === 'online' && (
          <Row label={m('fieldDataIssued')}>
            {source.issuedAt
              ? `${formatInstant(source.issuedAt)} · ${m('dataOnline')}${source.sequence !== undefined ? ` #${source.sequence}` : ''}`
              : m('dataOnline')}
          </Row>
        )}
      </dl>
      {href && (
        <p>
          <a href={href} target="_blank" rel="noopener noreferrer">
            {m('checkAtRegistry')}
          </a>
        </p>
      )}
      {personalMark && (
        <p class="pm">
          <MarkGlyph mark={personalMark} />
          {m('personalMarkLine')}
        </p>
      )}
    </div>
  );
}
