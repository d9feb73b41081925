import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, type Institution, type Place } from '../api.js';
import { useDebounced } from '../hooks.js';
import { keyIn, localName } from '../i18n.js';
import { keys } from '../query-keys.js';
import { useSession } from '../session.js';

/** Bodies serving a place: those located there, else those of its province, else of its region. */
export function bodiesFor(place: Place, all: Institution[]): { exact: boolean; items: Institution[] } {
  const exact = all.filter(
    (i) =>
      i.territoryCode === place.code ||
      (place.type === 'province' || place.type === 'prefecture' ? i.provinceCode === place.code : false) ||
      (place.type === 'region' ? i.regionCode === place.code : false),
  );
  if (exact.length) return { exact: true, items: exact };
  const near = all.filter(
    (i) =>
      (place.provinceCode && i.provinceCode === place.provinceCode) ||
      (place.regionCode && i.regionCode === place.regionCode),
  );
  return { exact: false, items: near };
}

export function InstitutionCard({ inst }: { inst: Institution }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="card">
      <p className="eyebrow">{t(keyIn('institution.type.', inst.type))}</p>
      <h3>{localName(inst, i18n.language)}</h3>
      <Link href={`/file/${inst.id}`} className="button">
        {t('home.pick.choose')}
      </Link>
    </li>
  );
}

export function Home() {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [place, setPlace] = useState<Place | null>(null);
  const debounced = useDebounced(q.trim(), 250);
  const inputId = useId();
  const session = useSession();
  const institutions = useQuery({
    queryKey: keys.institutions(),
    queryFn: () => api<{ items: Institution[] }>('/api/institutions'),
  });
  const places = useQuery({
    queryKey: keys.territory(debounced),
    queryFn: () => api<{ items: Place[] }>(`/api/territory?q=${encodeURIComponent(debounced)}&limit=8`),
    enabled: debounced.length >= 2,
  });
  const profile = useQuery({
    queryKey: keys.profile(),
    queryFn: () => api<{ originCommuneCode: string | null }>('/api/me/profile'),
    enabled: session.data?.account.kind === 'citizen',
  });
  const applyOrigin = async () => {
    const code = profile.data?.originCommuneCode;
    if (code) setPlace(await api<Place>(`/api/territory/${code}`));
  };
  const chosen = place && institutions.data ? bodiesFor(place, institutions.data.items) : null;
  const placeName = place ? localName(place, i18n.language) : '';
  const topLevel = institutions.data?.items.filter((i) => !i.parentId) ?? [];

  return (
    <>
      <section className="hero">
        <h1>{t('home.title')}</h1>
        <p className="lead">{t('home.lead')}</p>
        <ul className="actions">
          <li>
            <Link href="/guides" className="action">
              <strong>{t('home.actions.document')}</strong>
              <span>{t('home.actions.documentHint')}</span>
            </Link>
          </li>
          <li>
            <a href="#pick" className="action">
              <strong>{t('home.actions.complaint')}</strong>
              <span>{t('home.actions.complaintHint')}</span>
            </a>
          </li>
          <li>
            <Link href="/track" className="action">
              <strong>{t('home.actions.track')}</strong>
              <span>{t('home.actions.trackHint')}</span>
            </Link>
          </li>
        </ul>
      </section>

      <section id="pick" aria-labelledby="pick-title">
        <h2 id="pick-title">{t('home.pick.title')}</h2>
        <div className="field">
          <label htmlFor={inputId}>{t('home.pick.label')}</label>
          <input
            id={inputId}
            type="search"
            value={q}
            autoComplete="off"
            placeholder={t('home.pick.placeholder')}
            onChange={(e) => {
              setQ(e.target.value);
              setPlace(null);
            }}
          />
        </div>
        {profile.data?.originCommuneCode && (
          <button type="button" className="secondary" onClick={applyOrigin}>
            {t('home.pick.origin')}
          </button>
        )}
        {!place && debounced.length >= 2 && places.data && (
          <div aria-live="polite">
            {places.data.items.length === 0 ? (
              <p>{t('home.pick.noResult', { q: debounced })}</p>
            ) : (
              <ul className="choices">
                {places.data.items.map((p) => (
                  <li key={p.code}>
                    <button type="button" className="choice" onClick={() => setPlace(p)}>
                      <span>{localName(p, i18n.language)}</span>
                      <small>
                        {t(keyIn('place.type.', p.type))} ·{' '}
                        <bdi>{i18n.language === 'ar' ? p.nameFr : p.nameAr}</bdi>
                      </small>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {chosen && (
          <div aria-live="polite">
            <h3>
              {chosen.exact
                ? t('home.pick.bodies', { place: placeName })
                : t('home.pick.noBody', { place: placeName })}
            </h3>
            {chosen.items.length === 0 ? (
              <p>{t('home.pick.none')}</p>
            ) : (
              <ul className="cards">
                {chosen.items.map((i) => (
                  <InstitutionCard key={i.id} inst={i} />
                ))}
              </ul>
            )}
          </div>
        )}
      </section>

      <section aria-labelledby="bodies-title">
        <h2 id="bodies-title">{t('home.bodies.title')}</h2>
        <ul className="cards">
          {topLevel.map((i) => (
            <InstitutionCard key={i.id} inst={i} />
          ))}
        </ul>
      </section>
    </>
  );
}
