import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useT } from '../i18n/index.tsx';
import { type CsvColumn, toCsv } from './csv.ts';

/** 导出 CSV for any table on an analytics page: the rows on screen, with the columns' Chinese headers. */
export function CsvButton<T>({
  filename,
  columns,
  rows,
}: {
  filename: string;
  columns: CsvColumn<T>[];
  rows: readonly T[];
}) {
  const t = useT();
  const download = () => {
    const blob = new Blob([toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${filename}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Button size="small" icon={<DownloadOutlined />} onClick={download} disabled={rows.length === 0}>
      {t('导出 CSV')}
    </Button>
  );
}
