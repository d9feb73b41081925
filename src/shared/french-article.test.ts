import { describe, expect, it } from 'vitest';
import { frenchName, frenchNameAtStart } from './french-article.js';

describe('a body’s name in a French sentence', () => {
  it('takes the article of its kind, contracted and elided', () => {
    const cases: [string, string, string, string][] = [
      [
        'Commune d’Aït Melloul',
        'la Commune d’Aït Melloul',
        'de la Commune d’Aït Melloul',
        'à la Commune d’Aït Melloul',
      ],
      [
        'Agence urbaine de Béni Mellal',
        'l’Agence urbaine de Béni Mellal',
        'de l’Agence urbaine de Béni Mellal',
        'à l’Agence urbaine de Béni Mellal',
      ],
      [
        'Conseil régional de Souss-Massa',
        'le Conseil régional de Souss-Massa',
        'du Conseil régional de Souss-Massa',
        'au Conseil régional de Souss-Massa',
      ],
      [
        'Arrondissement Agdal',
        'l’Arrondissement Agdal',
        'de l’Arrondissement Agdal',
        'à l’Arrondissement Agdal',
      ],
      ['Guichet unique MRE', 'le Guichet unique MRE', 'du Guichet unique MRE', 'au Guichet unique MRE'],
      [
        'Préfecture d’Inezgane-Aït Melloul',
        'la Préfecture d’Inezgane-Aït Melloul',
        'de la Préfecture d’Inezgane-Aït Melloul',
        'à la Préfecture d’Inezgane-Aït Melloul',
      ],
    ];
    for (const [name, le, de, a] of cases) {
      expect(frenchName(name, 'le')).toBe(le);
      expect(frenchName(name, 'de')).toBe(de);
      expect(frenchName(name, 'à')).toBe(a);
    }
  });

  it('keeps a name that already has its article, and a proper name as it is', () => {
    expect(frenchName('Le Médiateur du Royaume', 'de')).toBe('du Médiateur du Royaume');
    expect(frenchName('La Poste', 'à')).toBe('à la Poste');
    expect(frenchName('L’Institution du Médiateur', 'de')).toBe('de l’Institution du Médiateur');
    expect(frenchName('Agadir', 'de')).toBe('d’Agadir');
    expect(frenchName('Tanger Med', 'de')).toBe('de Tanger Med');
    expect(frenchName('Tanger Med', 'le')).toBe('Tanger Med');
  });

  it('starts a sentence with a capital', () => {
    expect(frenchNameAtStart('Commune d’Aït Melloul')).toBe('La Commune d’Aït Melloul');
    expect(frenchNameAtStart('Agence urbaine de Béni Mellal')).toBe('L’Agence urbaine de Béni Mellal');
  });
});
