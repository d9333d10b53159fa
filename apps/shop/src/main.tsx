import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { unstableSetRender } from 'antd-mobile';
import { App } from './App.tsx';
import './styles.css';

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

const rootEl = document.getElementById('root');
if (!rootEl) throw new Error('#root is missing from index.html');
createRoot(rootEl).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
