/**
 * The sign-up page's progressive enhancement: the live username check, and form posts sent with
 * `fetch`, so that the last answer (where to go back to) comes as JSON the script follows, and
 * any other answer (the page again, with its errors) is put in place of this one.
 *
 * ONE self-contained function, with no imports and no variable from outside: the HTTP server's
 * page inlines its source (`enhancementScript`); the browser mock's shell page imports it and
 * calls it with the authorization URL, whose page it fetches and shows first. Without script the
 * plain form posts still work.
 */
export function enhanceOAuthPage(authorizationUrl?: string): void {
  // The same header as `SHELL_HEADER` (responses.ts), which this function cannot import.
  const shellHeader = 'X-Mock-Oauth-Shell';
  const show = (text: string) => {
    const next = new DOMParser().parseFromString(text, 'text/html');
    // Scripts in the page are this function again: already running, and refused by the shell's CSP.
    for (const script of Array.from(next.querySelectorAll('script'))) script.remove();
    document.title = next.title;
    document.body.replaceChildren(...Array.from(next.body.childNodes, (node) => document.importNode(node, true)));
    // Where a plain page load would start: the first field with a problem, else the heading.
    const start = document.querySelector<HTMLElement>('[autofocus]') ?? document.querySelector<HTMLElement>('h1');
    start?.focus();
  };
  /** An answer to this page: where to go (JSON, in place of a redirect), or the page to show. */
  const follow = async (response: Response) => {
    if ((response.headers.get('content-type') ?? '').includes('application/json')) {
      const answer = (await response.json()) as { location?: unknown };
      if (typeof answer.location === 'string') {
        window.location.assign(answer.location);
        return;
      }
    }
    show(await response.text());
  };
  const unreachable = (before: Element) => {
    const alert = document.createElement('p');
    alert.setAttribute('role', 'alert');
    alert.textContent = 'The server could not be reached. Try again.';
    before.prepend(alert);
  };
  if (authorizationUrl !== undefined) {
    fetch(authorizationUrl, { headers: { [shellHeader]: '1' } })
      .then(follow)
      .catch(() => unreachable(document.body));
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;
  document.addEventListener('input', (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.name !== 'username') return;
    // The Matrix ID preview follows what is typed, lower-cased as the account will be.
    const preview = document.getElementById('username-preview');
    if (preview !== null) {
      preview.textContent = `@${input.value.toLowerCase() || '…'}:${preview.dataset.serverName ?? ''}`;
    }
    const url = input.dataset.availabilityUrl;
    const status = document.getElementById('username-status');
    if (url === undefined || status === null) return;
    clearTimeout(timer);
    // Lower-cased as the form's answer lower-cases it (as `/register` does).
    const username = input.value.toLowerCase();
    status.textContent = '';
    if (username === '') return;
    timer = setTimeout(() => {
      const asked = ++latest;
      fetch(`${url}?username=${encodeURIComponent(username)}`)
        .then((response) => response.json() as Promise<{ message?: unknown }>)
        .then((answer) => {
          if (asked === latest && typeof answer.message === 'string') status.textContent = answer.message;
        })
        .catch(() => undefined);
    }, 300);
  });

  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    event.preventDefault();
    const body = new URLSearchParams();
    new FormData(form, event.submitter).forEach((value, name) => {
      if (typeof value === 'string') body.append(name, value);
    });
    const buttons = Array.from(form.querySelectorAll('button'));
    for (const button of buttons) button.disabled = true;
    // Not `form.action`: the buttons are named `action`, and a named control shadows the property.
    fetch(form.getAttribute('action') ?? '', { method: 'POST', body, headers: { [shellHeader]: '1' } })
      .then(follow)
      .catch(() => {
        for (const button of buttons) button.disabled = false;
        unreachable(form);
      });
  });
}

/**
 * The function as an inline script. `__name` is esbuild's `keepNames` helper, which `tsx` (the HTTP
 * server's runner) wraps named functions in: defined here, the source runs outside its module.
 */
export function enhancementScript(): string {
  return `<script>(function () { var __name = function (target) { return target; }; (${enhanceOAuthPage.toString()})(); })();</script>`;
}
