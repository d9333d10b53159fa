import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Toast } from 'antd-mobile';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, must } from '../api/client.ts';
import { type NearbyStore, saveSpot, savedSpot, type Spot, useNearby } from '../api/local.ts';
import { useMe } from '../api/session.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { Price } from '../components/Price.tsx';
import { EmptyState, QueryError } from '../components/QueryError.tsx';
import { ListSkeleton } from '../components/Skeletons.tsx';
import { useT } from '../i18n/index.tsx';
import './Local.css';

// Well-known places a shopper can pick when they would rather not share their position.
const PRESETS: Spot[] = [
  { lat: 31.2304, lng: 121.4737, source: 'manual', label: '上海 · 人民广场' },
  { lat: 31.2397, lng: 121.4998, source: 'manual', label: '上海 · 陆家嘴' },
  { lat: 30.2592, lng: 120.1555, source: 'manual', label: '杭州 · 西湖' },
  { lat: 39.9087, lng: 116.3975, source: 'manual', label: '北京 · 天安门' },
];

/**
 * 位置授权 through the privacy module's 'location' consent when signed in (the same switch as in 隐私中心); a
 * signed-out shopper's choice stays on this device.
 */
function useLocationConsent() {
  const qc = useQueryClient();
  const me = useMe();
  const signedIn = !!me.data;
  const centre = useQuery({
    queryKey: ['privacy'],
    queryFn: () => must(api.GET('/api/v1/me/privacy')),
    enabled: signedIn,
  });
  const set = useMutation({
    mutationFn: async (granted: boolean) => {
      localStorage.setItem('haowu.shop.location-consent', granted ? 'granted' : 'denied');
      if (!signedIn) return null;
      return must(
        api.PUT('/api/v1/me/privacy/consents/{purpose}', {
          params: { path: { purpose: 'location' } },
          body: { granted },
        }),
      );
    },
    onSuccess: (data) => data && qc.setQueryData(['privacy'], data),
  });
  const granted = signedIn
    ? centre.data?.consents.find((c) => c.purpose === 'location')?.granted
    : localStorage.getItem('haowu.shop.location-consent') === 'granted';
  return { granted: granted === true, set };
}

/** 附近: stores within 3 km of the shopper, nearest first, with their vouchers and set meals. */
export default function NearbyPage() {
  const t = useT();
  const [spot, setSpot] = useState<Spot | null>(savedSpot);
  const [manual, setManual] = useState(false);
  const [locating, setLocating] = useState(false);
  const consent = useLocationConsent();
  const nearby = useNearby(spot);

  const choose = (s: Spot) => {
    saveSpot(s);
    setSpot(s);
    setManual(false);
  };
  const locate = async () => {
    if (!consent.granted) await consent.set.mutateAsync(true);
    if (!('geolocation' in navigator)) {
      setManual(true);
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocating(false);
        choose({ lat: p.coords.latitude, lng: p.coords.longitude, source: 'device', label: t('我的位置') });
      },
      () => {
        setLocating(false);
        Toast.show({ content: t('无法获取位置，请手动选择或输入') });
        setManual(true);
      },
      { timeout: 10_000, maximumAge: 300_000 },
    );
  };

  return (
    <div className="page">
      <PageHeader title={t('附近')} />
      {spot && !manual ? (
        <div className="nearby-where" data-testid="nearby-where">
          <span className="grow ellipsis">{t('当前位置：{label}', { label: spot.label })}</span>
          <button type="button" className="text-button" onClick={() => setManual(true)} data-testid="nearby-change">
            {t('更换位置')}
          </button>
        </div>
      ) : null}
      {!spot && !manual ? (
        <section className="card" data-testid="nearby-ask">
          <h2>{t('查看附近 3 公里的门店')}</h2>
          <p className="muted" style={{ margin: '0 0 12px' }}>
            {t('需要使用你的位置来查找附近门店。位置只用于本次查询，不会保存到服务器；可随时在 我的 › 隐私中心 关闭。')}
          </p>
          <Button block color="primary" loading={locating} onClick={() => void locate()} data-testid="nearby-allow">
            {consent.granted ? t('获取我的位置') : t('允许使用我的位置')}
          </Button>
          <Button block style={{ marginTop: 8 }} onClick={() => setManual(true)} data-testid="nearby-manual">
            {t('不允许，手动选择位置')}
          </Button>
        </section>
      ) : null}
      {manual ? <ManualSpot onChoose={choose} onCancel={spot ? () => setManual(false) : undefined} /> : null}
      {spot && !manual ? (
        nearby.isPending ? (
          <ListSkeleton rows={3} />
        ) : nearby.isError ? (
          <QueryError error={nearby.error} onRetry={() => void nearby.refetch()} />
        ) : nearby.data.items.length === 0 ? (
          <EmptyState
            title={t('附近 {km} 公里暂无门店', { km: nearby.data.radiusM / 1000 })}
            description={t('换个位置看看吧')}
          />
        ) : (
          <ul className="plain-list" data-testid="nearby-list">
            {nearby.data.items.map((s) => (
              <StoreCard key={s.store.id} s={s} />
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}

function StoreCard({ s }: { s: NearbyStore }) {
  const t = useT();
  return (
    <li className="card nearby-store" data-testid="nearby-store">
      <div className="row-between">
        <h2 className="ellipsis">{s.store.name}</h2>
        <span className="nearby-distance" data-testid="nearby-distance">
          {s.distance}
        </span>
      </div>
      <div className="muted" style={{ marginTop: 4 }}>
        {s.store.address} · {t('营业 {hours}', { hours: s.store.hours })}
      </div>
      {s.store.services.length > 0 ? (
        <div className="nearby-services">
          {s.store.services.map((x) => (
            <span key={x} className="tag gray">
              {x}
            </span>
          ))}
        </div>
      ) : null}
      {s.offers.map((o) => (
        <Link key={o.id} to={`/local/offers/${o.id}`} className="nearby-offer" data-testid="nearby-offer">
          <span className="tag brand">{o.kind === 'voucher' ? t('代金券') : t('套餐')}</span>
          <span className="grow">
            <span className="nearby-offer-title ellipsis" style={{ display: 'block' }}>
              {o.title}
            </span>
            <Price fen={o.price} original={o.faceValue} size={15} />
          </span>
          <span className="nearby-grab">{o.sold >= o.quota ? t('已售罄') : t('抢购')}</span>
        </Link>
      ))}
    </li>
  );
}

function ManualSpot({ onChoose, onCancel }: { onChoose: (s: Spot) => void; onCancel?: (() => void) | undefined }) {
  const t = useT();
  const [lat, setLat] = useState('');
  const [lng, setLng] = useState('');
  const la = Number(lat);
  const ln = Number(lng);
  const valid = lat !== '' && lng !== '' && Math.abs(la) <= 90 && Math.abs(ln) <= 180;
  return (
    <section className="card" data-testid="nearby-manual-form">
      <h2>{t('手动选择位置')}</h2>
      <div className="nearby-presets">
        {PRESETS.map((p) => (
          <Button key={p.label} size="small" onClick={() => onChoose(p)}>
            {p.label}
          </Button>
        ))}
      </div>
      <p className="muted" style={{ margin: '8px 0' }}>
        {t('或输入坐标（可从地图应用复制）：')}
      </p>
      <div className="nearby-coords">
        <input
          inputMode="decimal"
          placeholder={t('纬度，如 31.2304')}
          aria-label={t('纬度')}
          value={lat}
          onChange={(e) => setLat(e.target.value)}
          data-testid="nearby-lat"
        />
        <input
          inputMode="decimal"
          placeholder={t('经度，如 121.4737')}
          aria-label={t('经度')}
          value={lng}
          onChange={(e) => setLng(e.target.value)}
          data-testid="nearby-lng"
        />
      </div>
      <Button
        block
        color="primary"
        style={{ marginTop: 10 }}
        disabled={!valid}
        onClick={() => onChoose({ lat: la, lng: ln, source: 'manual', label: `${la.toFixed(4)}, ${ln.toFixed(4)}` })}
        data-testid="nearby-use-coords"
      >
        {t('查看这里附近')}
      </Button>
      {onCancel ? (
        <Button block fill="none" style={{ marginTop: 4 }} onClick={onCancel}>
          {t('取消')}
        </Button>
      ) : null}
    </section>
  );
}
