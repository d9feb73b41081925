import { describe, expect, it } from 'vitest';
import { ar } from '../web/locales/ar.js';
import { fr } from '../web/locales/fr.js';
import { homeShell, inlineStylesheet } from './web-shell.js';

describe('homeShell', () => {
  it('writes the home heading and the three main actions in the visitor’s language', () => {
    const html = homeShell('ar');
    expect(html).toContain(`<h1>${ar['home.title']}</h1>`);
    for (const href of ['/guides', '#pick', '/track'])
      expect(html).toContain(`<a href="${href}" class="action">`);
    expect(html).toContain(ar['home.actions.track']);
    expect(homeShell('fr')).toContain(fr['home.actions.complaint']);
  });

  it('escapes the texts as HTML', () => {
    expect(homeShell('fr')).not.toMatch(/<(?!\/?(main|section|h1|p|ul|li|a|strong|span)\b)/);
  });
});

describe('inlineStylesheet', () => {
  it('writes the linked stylesheet into the page, and keeps the link when the file is missing', () => {
    const html = '<head><link rel="stylesheet" crossorigin href="/assets/index-Ab1.css"></head>';
    expect(inlineStylesheet(html, () => 'h1{color:red}')).toBe('<head><style>h1{color:red}</style></head>');
    expect(inlineStylesheet(html, () => null)).toBe(html);
  });
});
