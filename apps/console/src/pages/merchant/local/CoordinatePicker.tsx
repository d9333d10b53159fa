import { Flex, InputNumber, Segmented, Typography } from 'antd';
import { useState, type MouseEvent } from 'react';
import { useT } from '../../../i18n/index.tsx';

export interface LatLng {
  lat: number;
  lng: number;
}

// Picking a store's coordinates without an online map (no tiles or geocoder are reachable): a plain grid around a
// centre, the shop's other stores as dots; a click places the store, the fields take exact values.

const SIZE = 320;
const SPANS = [
  { label: '±1 km', value: 0.01 },
  { label: '±5 km', value: 0.05 },
  { label: '±50 km', value: 0.5 },
];
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

export function CoordinatePicker({
  value,
  onChange,
  others,
}: {
  value?: LatLng | undefined;
  onChange?: (v: LatLng) => void;
  others: (LatLng & { name: string })[];
}) {
  const t = useT();
  const [span, setSpan] = useState(0.05);
  // The grid centres on the chosen point, else on the first other store, else on People's Square, Shanghai.
  const [centre, setCentre] = useState<LatLng>(value ?? others[0] ?? { lat: 31.2304, lng: 121.4737 });
  const toXY = (p: LatLng) => ({
    x: ((p.lng - centre.lng) / span / 2 + 0.5) * SIZE,
    y: (0.5 - (p.lat - centre.lat) / span / 2) * SIZE,
  });
  const pick = (e: MouseEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const x = (e.clientX - box.left) / SIZE;
    const y = (e.clientY - box.top) / SIZE;
    onChange?.({ lat: round6(centre.lat + (0.5 - y) * 2 * span), lng: round6(centre.lng + (x - 0.5) * 2 * span) });
  };
  const set = (field: 'lat' | 'lng', n: number | null) => {
    if (n === null) return;
    const next = { ...(value ?? centre), [field]: n };
    onChange?.(next);
    setCentre(next);
  };
  const inView = (p: LatLng) => Math.abs(p.lat - centre.lat) <= span && Math.abs(p.lng - centre.lng) <= span;
  const dot = (p: LatLng, color: string, r: number, title: string, key: string) => {
    const { x, y } = toXY(p);
    return (
      <span
        key={key}
        title={title}
        style={{
          position: 'absolute',
          left: x - r,
          top: y - r,
          width: r * 2,
          height: r * 2,
          borderRadius: '50%',
          background: color,
          border: '2px solid #fff',
          boxShadow: '0 0 0 1px rgba(0,0,0,.25)',
          pointerEvents: 'none',
        }}
      />
    );
  };
  return (
    <Flex gap={16} wrap>
      <div
        role="application"
        aria-label={t('坐标选点：点击网格放置门店')}
        data-testid="coordinate-grid"
        onClick={pick}
        style={{
          position: 'relative',
          width: SIZE,
          height: SIZE,
          cursor: 'crosshair',
          background: '#f4f7fb',
          backgroundImage:
            'linear-gradient(#dde4ee 1px, transparent 1px), linear-gradient(90deg, #dde4ee 1px, transparent 1px)',
          backgroundSize: `${SIZE / 10}px ${SIZE / 10}px`,
          border: '1px solid #d0d7e2',
          borderRadius: 6,
          overflow: 'hidden',
        }}
      >
        <Typography.Text type="secondary" style={{ position: 'absolute', left: 6, top: 4, fontSize: 11 }}>
          {t('北')} ↑
        </Typography.Text>
        {others.filter(inView).map((o, i) => dot(o, '#8c8c8c', 5, o.name, `o${i}`))}
        {value && inView(value) ? dot(value, '#e8432e', 7, t('本门店'), 'me') : null}
      </div>
      <Flex vertical gap={8} style={{ minWidth: 200 }}>
        <Segmented size="small" options={SPANS} value={span} onChange={(v) => setSpan(v)} />
        <label>
          {t('纬度')}
          <InputNumber
            aria-label={t('纬度')}
            data-testid="store-lat"
            value={value?.lat ?? null}
            min={-90}
            max={90}
            step={0.0001}
            precision={6}
            style={{ width: '100%' }}
            onChange={(n) => set('lat', n)}
          />
        </label>
        <label>
          {t('经度')}
          <InputNumber
            aria-label={t('经度')}
            data-testid="store-lng"
            value={value?.lng ?? null}
            min={-180}
            max={180}
            step={0.0001}
            precision={6}
            style={{ width: '100%' }}
            onChange={(n) => set('lng', n)}
          />
        </label>
        <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 220 }}>
          {t('在网格上点击放置门店（灰点为本店其他门店），或直接填写坐标（WGS-84，可从地图应用复制）。')}
        </Typography.Text>
      </Flex>
    </Flex>
  );
}
