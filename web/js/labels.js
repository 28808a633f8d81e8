// Display names for the code lists. Our dictionaries know the codes of the Java enums
// (category.*, status.*, funding.*, land.*); a code we do not know shows the label the server
// sent, else the code itself.

import { t, has, pickText } from './i18n.js';

function codeLabel(prefix, code, serverLabel) {
  if (code === undefined || code === null || code === '') return t('common.unknown');
  const key = `${prefix}.${code}`;
  if (has(key)) return t(key);
  const fromServer = serverLabel ? pickText(serverLabel, 'label') : '';
  return fromServer || String(code);
}

export const categoryLabel = (code, serverLabel) => codeLabel('category', code, serverLabel);
export const statusLabel = (code, serverLabel) => codeLabel('status', code, serverLabel);
export const fundingLabel = (code) => codeLabel('funding', code);
export const landStatusLabel = (code) => codeLabel('land', code);
export const verdictLabel = (code) => codeLabel('verdict', code);
