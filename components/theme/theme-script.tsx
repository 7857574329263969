export const THEME_STORAGE_KEY = 'promptlab-theme';
export type Theme = 'light' | 'dark' | 'system';

/**
 * Runs before first paint: applies the `dark` class on <html> from localStorage
 * ('light' | 'dark' | 'system', default 'system'), follows OS changes while on
 * 'system', and syncs across tabs.
 */
const script = `(function(){try{
var k=${JSON.stringify(THEME_STORAGE_KEY)},m=window.matchMedia('(prefers-color-scheme: dark)');
function a(){var t=null;try{t=localStorage.getItem(k)}catch(e){}
if(t!=='light'&&t!=='dark')t='system';
var d=t==='dark'||(t==='system'&&m.matches);
document.documentElement.classList.toggle('dark',d);}
a();
if(m.addEventListener)m.addEventListener('change',a);else if(m.addListener)m.addListener(a);
window.addEventListener('storage',function(e){if(e.key===k||e.key===null)a()});
}catch(e){}})();`;

/** Render inside <head> in the root layout with the page's CSP nonce; add suppressHydrationWarning to <html>. */
export function ThemeScript({ nonce }: { nonce?: string }) {
  return <script id="promptlab-theme-script" nonce={nonce} dangerouslySetInnerHTML={{ __html: script }} />;
}
