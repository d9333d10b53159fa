import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, SearchBar, Selector, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useProductSearch, type ProductCardData } from '../api/catalog.ts';
import { api, must, problemTitle } from '../api/client.ts';
import { type PostInput, postKeys, useTrendingTopics } from '../api/posts.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { PhotoUploader } from '../components/PhotoUploader.tsx';
import { Price } from '../components/Price.tsx';
import { VideoPicker } from '../components/VideoPicker.tsx';
import '../components/posts.css';
import { useT } from '../i18n/index.tsx';

type Kind = PostInput['kind'];
type Tagged = Pick<ProductCardData, 'id' | 'title' | 'imageUrl' | 'minPrice'>;

/** The composer: images or a video with its poster, text, tagged products, topics, an AI draft, a brand partnership. */
export default function ComposePage() {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const orderLineId = params.get('orderLineId') ?? undefined;
  const [kind, setKind] = useState<Kind>('image_text');
  const [images, setImages] = useState<string[]>([]);
  const [video, setVideo] = useState<{ videoUrl?: string; posterUrl?: string }>({});
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [topics, setTopics] = useState<string[]>([]);
  const [products, setProducts] = useState<Tagged[]>([]);
  const [q, setQ] = useState('');
  const [partnershipId, setPartnershipId] = useState<string | undefined>();
  const [variant, setVariant] = useState(0);
  const trending = useTrendingTopics();
  const search = useProductSearch({ q, limit: 6 }, q.trim().length > 0);
  const partnerships = useQuery({
    queryKey: ['creator', 'partnerships'],
    queryFn: () => must(api.GET('/api/v1/creator/partnerships')),
  });

  const draft = useMutation({
    mutationFn: (productId: string) =>
      must(
        api.POST('/api/v1/posts/drafts', {
          body: { productId, style: kind === 'review' ? 'review' : 'seeding', variant },
        }),
      ),
    onSuccess: (d) => {
      setTitle(d.title);
      setBody(d.body);
      setTopics((ts) => [...new Set([...ts, ...d.topics])].slice(0, 5));
      setVariant((v) => v + 1);
    },
    onError: (err) => Toast.show({ icon: 'fail', content: problemTitle(err) }),
  });
  const publish = useMutation({
    meta: { quiet: true },
    mutationFn: (input: PostInput) => must(api.POST('/api/v1/posts', { body: input })),
    onSuccess: async (res) => {
      await qc.invalidateQueries({ queryKey: postKeys.all });
      Toast.show({
        icon: 'success',
        content: res.status === 'published' ? t('发布成功') : t('已提交，审核通过后公开'),
      });
      void navigate(`/posts/${res.id}`, { replace: true });
    },
    onError: (err) => Toast.show({ icon: 'fail', content: problemTitle(err), duration: 3000 }),
  });

  const submit = () => {
    if (!title.trim()) {
      Toast.show({ content: t('请填写标题') });
      return;
    }
    if (kind === 'video' ? !video.videoUrl || !video.posterUrl : images.length === 0) {
      Toast.show({ content: kind === 'video' ? t('请上传视频和封面') : t('请至少上传一张图片') });
      return;
    }
    publish.mutate({
      kind,
      title: title.trim(),
      body: body.trim(),
      images: kind === 'video' ? [] : images,
      ...(kind === 'video' ? { videoUrl: video.videoUrl, posterUrl: video.posterUrl } : {}),
      productIds: products.map((p) => p.id),
      topics,
      ...(partnershipId ? { partnershipId } : {}),
      ...(orderLineId ? { orderLineId } : {}),
    });
  };
  const hits = (search.data?.pages.flatMap((p) => p.items) ?? []).filter((h) => !products.some((p) => p.id === h.id));

  return (
    <div className="compose-page">
      <PageHeader title={orderLineId ? t('晒单') : t('发笔记')} />
      <section className="compose-section">
        <Selector
          columns={3}
          value={[kind]}
          onChange={(v) => v[0] && setKind(v[0])}
          options={[
            { label: t('图文'), value: 'image_text' },
            { label: t('视频'), value: 'video' },
            { label: t('测评'), value: 'review' },
          ]}
        />
      </section>
      <section className="compose-section">
        {kind === 'video' ? (
          <VideoPicker videoUrl={video.videoUrl} posterUrl={video.posterUrl} onChange={setVideo} />
        ) : (
          <PhotoUploader value={images} onChange={setImages} max={9} label={t('笔记图片')} testId="post-photos" />
        )}
      </section>
      <section className="compose-section">
        <input
          className="compose-input"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          maxLength={40}
          placeholder={t('填写标题会有更多赞哦')}
          aria-label={t('标题')}
          data-testid="post-title"
        />
        <textarea
          className="compose-input"
          value={body}
          onChange={(e) => setBody(e.target.value)}
          maxLength={1000}
          rows={6}
          placeholder={t('分享你的真实体验，用 #话题# 参与讨论')}
          aria-label={t('正文')}
          data-testid="post-body"
        />
      </section>
      <section className="compose-section">
        <h2>{t('标记商品（买家可从笔记直接购买）')}</h2>
        <SearchBar
          placeholder={t('搜索要标记的商品')}
          onSearch={setQ}
          onClear={() => setQ('')}
          aria-label={t('搜索要标记的商品')}
          data-testid="tag-search"
        />
        {hits.length > 0 && (
          <div className="chosen-products">
            {hits.map((h) => (
              <button
                type="button"
                key={h.id}
                className="tagged-product"
                style={{ background: '#fff', textAlign: 'left' }}
                onClick={() => setProducts((ps) => [...ps, h].slice(0, 9))}
                data-testid="tag-candidate"
              >
                {h.imageUrl && <img src={h.imageUrl} alt="" />}
                <span className="tagged-product-info">{h.title}</span>
                <Price fen={h.minPrice} size={13} />
              </button>
            ))}
          </div>
        )}
        <div className="chosen-products">
          {products.map((p) => (
            <div className="tagged-product" key={p.id} data-testid="tagged-choice">
              {p.imageUrl && <img src={p.imageUrl} alt="" />}
              <span className="tagged-product-info">{p.title}</span>
              <Button size="mini" loading={draft.isPending} onClick={() => draft.mutate(p.id)}>
                {t('AI 帮写')}
              </Button>
              <Button size="mini" fill="none" onClick={() => setProducts((ps) => ps.filter((x) => x.id !== p.id))}>
                {t('移除')}
              </Button>
            </div>
          ))}
        </div>
      </section>
      <section className="compose-section">
        <h2>{t('话题')}</h2>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
          {[...new Set([...topics, ...(trending.data ?? []).map((x) => x.name)])].map((name) => (
            <Tag
              key={name}
              round
              color={topics.includes(name) ? 'primary' : 'default'}
              fill={topics.includes(name) ? 'solid' : 'outline'}
              onClick={() =>
                setTopics((ts) => (ts.includes(name) ? ts.filter((x) => x !== name) : [...ts, name].slice(0, 5)))
              }
              style={{ padding: '4px 8px', cursor: 'pointer' }}
            >
              #{name}
            </Tag>
          ))}
        </div>
      </section>
      {(partnerships.data?.length ?? 0) > 0 && (
        <section className="compose-section">
          <h2>{t('品牌合作（关联后笔记显示「广告」，发布后不可去除）')}</h2>
          {partnerships.data!.map((p) => (
            <Checkbox
              key={p.id}
              checked={partnershipId === p.id}
              onChange={(on) => setPartnershipId(on ? p.id : undefined)}
              style={{ display: 'flex', margin: '4px 0' }}
            >
              {p.brandName} · {p.title}
            </Checkbox>
          ))}
        </section>
      )}
      <div className="compose-submit">
        <Button
          block
          color="primary"
          shape="rounded"
          size="large"
          loading={publish.isPending}
          onClick={submit}
          data-testid="post-submit"
        >
          {t('发布')}
        </Button>
      </div>
    </div>
  );
}
