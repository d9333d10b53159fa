import { Button } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyState } from '../components/QueryError.tsx';
import { useT } from '../i18n/index.tsx';

export default function NotFoundPage() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <div className="page">
      <PageHeader title={t('页面不存在')} />
      <EmptyState title={t('页面不存在')} description={t('链接可能已失效')}>
        <Button color="primary" onClick={() => void navigate('/')}>
          {t('回到首页')}
        </Button>
      </EmptyState>
    </div>
  );
}
