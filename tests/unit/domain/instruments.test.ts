import { describe, expect, it } from 'vitest';
import { getInstrument, instruments } from '../../../functions/domain/instruments/index';

const phq9 = getInstrument('PHQ9');
const gad7 = getInstrument('GAD7');

describe('instrument definitions', () => {
  it('PHQ-9 has the nine LOINC-coded items in order, 0–3 answers and a 0–27 total', () => {
    expect(phq9.items.map((item) => item.loinc)).toEqual([
      '44250-9',
      '44255-8',
      '44259-0',
      '44254-1',
      '44251-7',
      '44258-2',
      '44252-5',
      '44253-3',
      '44260-8',
    ]);
    expect(phq9.items.map((item) => item.id)).toEqual([
      'phq9.1',
      'phq9.2',
      'phq9.3',
      'phq9.4',
      'phq9.5',
      'phq9.6',
      'phq9.7',
      'phq9.8',
      'phq9.9',
    ]);
    expect(phq9.loinc).toEqual({ panel: '44249-1', total: '44261-6' });
    expect(phq9.answerOptions.map((option) => option.value)).toEqual([0, 1, 2, 3]);
    expect(phq9.maxTotal).toBe(27);
    expect(phq9.bands.map((band) => [band.id, band.min, band.max])).toEqual([
      ['none-minimal', 0, 4],
      ['mild', 5, 9],
      ['moderate', 10, 14],
      ['moderately-severe', 15, 19],
      ['severe', 20, 27],
    ]);
  });

  it('GAD-7 has the seven LOINC-coded items in order, 0–3 answers and a 0–21 total', () => {
    expect(gad7.items.map((item) => item.loinc)).toEqual([
      '69725-0',
      '68509-9',
      '69733-4',
      '69734-2',
      '69735-9',
      '69689-8',
      '69736-7',
    ]);
    expect(gad7.loinc).toEqual({ panel: '69737-5', total: '70274-6' });
    expect(gad7.answerOptions.map((option) => option.value)).toEqual([0, 1, 2, 3]);
    expect(gad7.maxTotal).toBe(21);
    expect(gad7.bands.map((band) => [band.id, band.min, band.max])).toEqual([
      ['minimal', 0, 4],
      ['mild', 5, 9],
      ['moderate', 10, 14],
      ['severe', 15, 21],
    ]);
  });

  it('uses the published English wording', () => {
    expect(phq9.preamble.en).toBe(
      'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
    );
    expect(phq9.items[8]?.text.en).toBe(
      'Thoughts that you would be better off dead or of hurting yourself in some way',
    );
    expect(gad7.items[0]?.text.en).toBe('Feeling nervous, anxious or on edge');
    expect(phq9.answerOptions.map((option) => option.label.en)).toEqual([
      'Not at all',
      'Several days',
      'More than half the days',
      'Nearly every day',
    ]);
  });

  it('uses Pfizer’s Spanish (USA) PHQ-9 wording', () => {
    expect(phq9.preamble.es).toBe(
      'Durante las últimas 2 semanas, ¿qué tan seguido ha tenido molestias debido a los siguientes problemas?',
    );
    expect(phq9.items[8]?.text.es).toBe(
      'Pensamientos de que estaría mejor muerto(a) o de lastimarse de alguna manera',
    );
    expect(phq9.answerOptions.map((option) => option.label.es)).toEqual([
      'Ningún día',
      'Varios días',
      'Más de la mitad de los días',
      'Casi todos los días',
    ]);
    expect(gad7.answerOptions.every((option) => option.label.es === undefined)).toBe(true);
  });

  it('offers only languages whose text is present for every string', () => {
    for (const definition of Object.values(instruments)) {
      const texts = [
        definition.preamble,
        ...definition.items.map((item) => item.text),
        ...definition.answerOptions.map((option) => option.label),
      ];
      for (const language of definition.languages) {
        for (const text of texts) expect(text[language]).toMatch(/\S/);
      }
      // Only the verified Pfizer Spanish (PHQ-9); a string in a language not offered must not appear.
      expect(definition.languages).toEqual(definition.id === 'PHQ9' ? ['en', 'es'] : ['en']);
      if (!definition.languages.includes('es')) {
        for (const text of texts) expect(text.es).toBeUndefined();
      }
    }
  });

  it('records the Pfizer terms of use and the source', () => {
    for (const definition of Object.values(instruments)) {
      expect(definition.terms).toContain('Pfizer');
      expect(definition.terms).toContain(
        'No permission required to reproduce, translate, display or distribute',
      );
      expect(definition.source).toContain('Pfizer');
    }
  });

  it('maxTotal is the sum of the highest answers, and the map is keyed by id', () => {
    for (const [id, definition] of Object.entries(instruments)) {
      const top = Math.max(...definition.answerOptions.map((option) => option.value));
      expect(definition.maxTotal).toBe(top * definition.items.length);
      expect(definition.id).toBe(id);
    }
  });

  it('bands partition [0, maxTotal] with no gap and no overlap', () => {
    for (const definition of Object.values(instruments)) {
      for (let total = 0; total <= definition.maxTotal; total += 1) {
        const holding = definition.bands.filter((band) => band.min <= total && total <= band.max);
        expect(holding, `${definition.name} total ${total}`).toHaveLength(1);
      }
      expect(definition.bands[0]?.min).toBe(0);
      expect(definition.bands.at(-1)?.max).toBe(definition.maxTotal);
    }
  });

  it('cannot be changed at run time', () => {
    expect(() => {
      (phq9.bands[0] as { max: number }).max = 9;
    }).toThrow(TypeError);
    expect(phq9.bands[0]?.max).toBe(4);
  });
});
