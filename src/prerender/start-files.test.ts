import { describe, expect, it } from 'vitest';
import { startFilesOf } from './start-files';

describe('the files a built page’s start-app script asks for', () => {
  it('are read in the order the script asks for them, the entry last', () => {
    const html =
      '<script id="before-paint">document.write(`<script src="./assets/first-paint-de-x.js">`)</script>' +
      '<script id="start-app">(function(){var{config:e,preloads:t,entry:n}={config:`./config.json`,' +
      'preloads:[`./assets/rolldown-runtime-A.js`,`./assets/signup-B.js`],entry:`./assets/main-C.js`}})();</script>';
    expect(startFilesOf(html)).toEqual([
      'config.json',
      'assets/rolldown-runtime-A.js',
      'assets/signup-B.js',
      'assets/main-C.js',
    ]);
  });

  it('are none in a page without the script', () => {
    expect(startFilesOf('<script type="module" src="./assets/main-C.js"></script>')).toEqual([]);
  });
});
