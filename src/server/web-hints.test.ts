import { describe, expect, it } from 'vitest';
import { type BuildManifest, dataHints, pageHints, shellBrand } from './web-hints.js';

const manifest: BuildManifest = {
  'index.html': {
    file: 'assets/index-A.js',
    isEntry: true,
    imports: ['_api-B.js'],
    css: ['assets/index-C.css'],
  },
  '_api-B.js': { file: 'assets/api-B.js' },
  'pages/Guide.tsx': { file: 'assets/Guide-D.js', imports: ['_api-B.js', '_GuideFacts-E.js'] },
  '_GuideFacts-E.js': { file: 'assets/GuideFacts-E.js', css: ['assets/GuideFacts-F.css'] },
  'pages/FileCase.tsx': { file: 'assets/FileCase-G.js', imports: ['_GuideFacts-E.js'] },
};

describe('what a page announces in its head', () => {
  it('names the page’s own code and what it imports beyond the app’s entry', () => {
    const hints = pageHints(manifest, '/guides/etat-civil-extrait-acte-naissance');
    expect(hints).toContain('<link rel="modulepreload" crossorigin href="/assets/Guide-D.js">');
    expect(hints).toContain('href="/assets/GuideFacts-E.js"');
    expect(hints).toContain('<link rel="stylesheet" href="/assets/GuideFacts-F.css">');
    // the entry's own imports are announced by the entry already
    expect(hints).not.toContain('api-B.js');
    expect(pageHints(manifest, '/file/7f0c2a34-5b8e-4f43-9a5e-0d8f7f4c2b11')).toContain('FileCase-G.js');
  });
  it('names nothing for a page in the app’s entry, an unknown address or a build without a manifest', () => {
    expect(pageHints(manifest, '/')).toBe('');
    expect(pageHints(manifest, '/guides/../../etc')).toBe('');
    expect(pageHints(null, '/guides/etat-civil-extrait-acte-naissance')).toBe('');
  });
  it('asks for the data a public page shows first, and who is signed in', () => {
    expect(dataHints('/')).toContain('href="/api/institutions"');
    expect(dataHints('/guides/x-y')).toContain('href="/api/catalog/documents/x-y"');
    expect(dataHints('/file/7f0c2a34-5b8e-4f43-9a5e-0d8f7f4c2b11')).toContain('href="/api/categories"');
    expect(dataHints('/track')).toBe('<link rel="preload" href="/api/auth/session" as="fetch" crossorigin>');
  });
  it('names the app in the page’s script only', () => {
    expect(shellBrand('ar')).toBe('جسر');
    expect(shellBrand('fr')).toBe('Jisr');
  });
});
