/*
 * The demo page's language switch and theme switch. A classic script in the
 * head, so it runs before Samtal reads its config: the language goes to
 * window.samtalConfig.locale (the embed tag leaves data-locale out, since an
 * attribute would win). The choice travels in the URL (?lang=en) and in the
 * demo's own links; the demo stores nothing in the browser itself.
 */
(() => {
  const lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'sv';
  const root = document.documentElement;
  root.lang = lang;
  root.classList.add('site-theme');
  window.samtalConfig = { locale: lang };
  const title = root.dataset[`title${lang === 'en' ? 'En' : 'Sv'}`];
  if (title) document.title = title;

  document.addEventListener('DOMContentLoaded', () => {
    for (const link of document.querySelectorAll('a[href]')) {
      const url = new URL(link.href, location.href);
      if (link.dataset.language) {
        if (link.dataset.language === lang) link.setAttribute('aria-current', 'true');
        continue;
      }
      if (url.origin !== location.origin || lang === 'sv') continue;
      url.searchParams.set('lang', lang);
      link.href = url.pathname + url.search + url.hash;
    }
    const theme = document.getElementById('site-theme');
    theme?.addEventListener('change', () => root.classList.toggle('site-theme', theme.checked));
  });
})();
