import { SoundOutline } from 'antd-mobile-icons';
import { useCareMode } from '../api/careMode.ts';
import { useT } from '../i18n/index.tsx';

/** "12 元 9 角" reads better aloud than "12.90". */
function spoken(fen: number): string {
  const yuanPart = Math.floor(fen / 100);
  const jiao = Math.floor((fen % 100) / 10);
  const fenPart = fen % 10;
  return `${yuanPart}元${jiao || fenPart ? `${jiao}角` : ''}${fenPart ? `${fenPart}分` : ''}`;
}

const canSpeak = () => typeof window !== 'undefined' && 'speechSynthesis' in window;

/** 关怀模式's 语音播报价格: reads the price aloud in Mandarin; absent where the browser has no speech synthesis. */
export function SpeakPrice({ fen, label }: { fen: number; label: string }) {
  const t = useT();
  const mode = useCareMode();
  if (!mode.enabled || !mode.voicePrices || !canSpeak()) return null;
  const say = () => {
    const utterance = new SpeechSynthesisUtterance(`${label}${spoken(fen)}`);
    utterance.lang = 'zh-CN';
    utterance.rate = 0.9;
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
  };
  return (
    <button type="button" className="speak-price" onClick={say} data-testid="speak-price">
      <SoundOutline aria-hidden />
      {t('语音播报价格')}
    </button>
  );
}
