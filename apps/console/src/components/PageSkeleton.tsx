import { Skeleton } from 'antd';

// A plain box rather than antd's Card: this renders before any page chunk loads, and Card pulls in Tabs.
const box = { background: '#fff', borderRadius: 8, padding: 24, border: '1px solid #f0f0f0' };

/** What a page shows while its code or first data loads. */
export function PageSkeleton({ full = false }: { full?: boolean }) {
  return (
    <div style={full ? { padding: 48, maxWidth: 960, margin: '0 auto' } : undefined} aria-busy="true">
      <Skeleton.Input active size="large" style={{ width: 240, marginBottom: 24 }} />
      <div style={box}>
        <Skeleton active paragraph={{ rows: 8 }} />
      </div>
    </div>
  );
}
