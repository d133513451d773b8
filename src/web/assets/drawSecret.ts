/// <reference lib="dom" />
// The participant's page: make a secret in this browser and fill in only its
// commitment. The secret never leaves the device until the participant types
// it in to reveal. Bundled for the browser at start-up (src/web/assets.ts);
// SHA-256 is the pure one the workflow checks reveals with, since
// crypto.subtle is missing on plain HTTP.
import { sha256HexPure } from '../../shared/sha256.ts';

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function setUp(form: HTMLFormElement) {
  const button = form.querySelector<HTMLButtonElement>('button[data-make-secret]');
  const field = form.querySelector<HTMLInputElement>('input[name=commitment]');
  const shown = form.querySelector<HTMLElement>('[data-secret]');
  if (!button || !field || !shown) return;
  button.hidden = false;
  button.addEventListener('click', () => {
    const { draw, session, participant } = form.dataset;
    const secret = hex(crypto.getRandomValues(new Uint8Array(16)));
    field.value = sha256HexPure(`ssj-draw/3\n${draw}\n${session}\n${participant}\n${secret}`);
    const grouped = secret.match(/.{4}/g)?.join('-') ?? secret;
    shown.hidden = false;
    shown.querySelector('code')?.replaceChildren(grouped);
    const save = shown.querySelector<HTMLAnchorElement>('a[download]');
    if (save) {
      const text = `抽取 ${draw} 第 ${session} 次抽取会 参与人 ${participant}\n密钥：${grouped}\n承诺值：${field.value}\n`;
      save.href = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    }
    button.disabled = true;
  });
}

document.querySelectorAll<HTMLFormElement>('form[data-commit]').forEach(setUp);
