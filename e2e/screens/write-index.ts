import { readdirSync, writeFileSync } from 'node:fs';
import { captionOf } from './captions';

/** Writes docs/screens/index.html: each state's phone and desktop pictures side by side, with a sentence saying what it is. */
export default function writeIndex() {
  const dir = 'docs/screens';
  const files = readdirSync(dir).filter((file) => file.endsWith('.png'));
  const states = [...new Set(files.map((file) => file.replace(/\.(phone|desktop)\.png$/, '')))].sort();
  const escape = (text: string) =>
    text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] ?? char);
  const rows = states
    .map(
      (state) =>
        `<section id="${escape(state)}"><h2><a href="#${escape(state)}">${escape(captionOf(state))}</a></h2><div class="pair">${[
          'phone',
          'desktop',
        ]
          .filter((size) => files.includes(`${state}.${size}.png`))
          .map(
            (size) =>
              `<figure><img src="${escape(state)}.${size}.png" alt="${escape(captionOf(state))}, ${size} width" loading="lazy"><figcaption>${size === 'phone' ? 'Phone, 390 px' : 'Desktop, 1280 px'}</figcaption></figure>`,
          )
          .join('')}</div></section>`,
    )
    .join('\n');
  const nav = states.map((state) => `<li><a href="#${escape(state)}">${escape(captionOf(state))}</a></li>`).join('');
  writeFileSync(
    `${dir}/index.html`,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Sign-up screens</title><style>body{font-family:system-ui,sans-serif;margin:1.5rem;background:#f6f7f9;color:#17191c}nav ul{columns:2;font-size:.875rem}h2{font-size:1.1rem}.pair{display:flex;gap:1.5rem;align-items:flex-start;flex-wrap:wrap}figure{margin:0}img{border:1px solid #8a919e;max-width:100%;background:#fff}.pair figure:first-child img{width:390px}.pair figure:last-child img{width:720px}section{margin:2rem 0}</style></head><body><h1>Every screen of the sign-up page</h1><p>Made by <code>npm run screens</code> from the demo build, one state per section: phone (390 px) and desktop (1280 px); the dark and right-to-left variants at phone width only.</p><nav><ul>${nav}</ul></nav>\n${rows}\n</body></html>\n`,
  );
}
