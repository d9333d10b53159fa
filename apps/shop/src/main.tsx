import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { unstableSetRender } from 'antd-mobile';
import { App } from './App.tsx';
import './styles.css';
import './care-mode.css';
import { applyCareMode, cachedCareMode } from './api/careMode.ts';

// antd-mobile's imperative Toast/Dialog render with React 18's API unless given React 19's root (antd-mobile "v5 for 19").
type RootHolder = Element & { _shopRoot?: ReturnType<typeof createRoot> };
unstableSetRender((node, container) => {
  const holder = container as RootHolder;
  holder._shopRoot ??= createRoot(container);
  const root = holder._shopRoot;
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    delete holder._shopRoot;
  };
});

// The account's last known 关怀模式, before the first paint (the server's answer follows).
applyCareMode(cachedCareMode().enabled);

const rootEl = document.getElementById('root');
if (!rootEl) throw new Error('#root is missing from index.html');
createRoot(rootEl).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
