// The log-in page: posts the form as JSON, then goes back to where the user came from.
import { login, safeNext } from './auth.js';
import { initI18n, t } from './i18n.js';

await initI18n();
const form = document.getElementById('login-form');
const error = document.getElementById('login-error');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.textContent = '';
  const username = form.username.value.trim();
  const password = form.password.value;
  if (!username || !password) {
    error.textContent = t('login.missing');
    return;
  }
  try {
    await login(username, password);
    location.assign(safeNext(new URLSearchParams(location.search).get('next')));
  } catch (e) {
    if (e.status === 429) {
      error.textContent = t('login.throttled', { seconds: e.body?.details?.retryAfterSeconds ?? '' });
    } else if (e.status === 401) {
      error.textContent = t('login.wrong');
    } else {
      error.textContent = t('login.failed');
    }
    form.password.value = '';
    form.password.focus();
  }
});
