import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError, loadDatasets, parseDataset } from './load-dataset.ts';

const problemsOf = (text: string, file = 'cases.yaml') => {
  try {
    parseDataset(text, file);
  } catch (error) {
    if (error instanceof DatasetError)
      return error.problems.map(({ line, path, message }) => ({ line, path, message }));
    throw error;
  }
  return [];
};

describe('datasets', () => {
  it('reads a case in a few lines, with defaults for what it does not say', () => {
    const [only] = parseDataset(
      `- id: hours-en
  category: facts
  language: en
  turns: What are your office hours?
  expect:
    contains: ["10:00", "19:00"]
    cites: About WECARE.DIGITAL and our hours
`,
      'facts.yaml',
    );
    expect(only).toEqual({
      id: 'hours-en',
      category: 'facts',
      language: 'en',
      tags: [],
      given: { ownedBy: 'bot', windowClosed: false },
      turns: ['What are your office hours?'],
      expect: { contains: ['10:00', '19:00'], cites: ['About WECARE.DIGITAL and our hours'] },
    });
  });

  it('names every problem by its line: a wrong field, a missing one, a repeated id, broken YAML', () => {
    const text = `- id: one
  category: facts
  language: en
  turns: Hello
  expect:
    contians: ["typo"]
- id: two
  category: facts
  language: fr
  turns: Bonjour
  expect: {}
- id: one
  category: facts
  language: en
  expect: {}
  turns: Hi
`;
    expect(problemsOf(text)).toEqual([
      { line: 6, path: 'cases[0].expect', message: expect.stringContaining('contians') },
      { line: 9, path: 'cases[1].language', message: expect.stringContaining('"en"') },
      { line: 12, path: 'cases[2].id', message: 'repeats the id of the case on line 1' },
    ]);
    expect(problemsOf('- id: x\n  turns: [unclosed\n')).toEqual([
      expect.objectContaining({ line: expect.any(Number), path: '(yaml)' }),
    ]);
    expect(problemsOf('id: not-a-list\n')).toEqual([
      { line: 1, path: '(file)', message: 'a dataset is a list of cases' },
    ]);
  });

  it('reads JSONL, one case per line, with the line of each problem', () => {
    const good = JSON.stringify({
      id: 'a-case',
      category: 'facts',
      language: 'hi',
      turns: ['नमस्ते'],
      expect: { script: 'devanagari' },
    });
    expect(parseDataset(`${good}\n`, 'x.jsonl')[0]?.expect.script).toBe('devanagari');
    expect(
      problemsOf(`${good}\n{oops\n${good.replace('a-case', 'b-case').replace('"hi"', '"xx"')}\n`, 'x.jsonl'),
    ).toEqual([
      { line: 2, path: '(line)', message: expect.stringContaining('not JSON') },
      { line: 3, path: 'cases[1].language', message: expect.any(String) },
    ]);
  });

  it('loads a folder, or one dataset by name, and says which is missing', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'evals-'));
    await writeFile(
      join(folder, 'one.yaml'),
      '- {id: first, category: facts, language: en, turns: Hi, expect: {}}\n',
    );
    await writeFile(
      join(folder, 'two.jsonl'),
      `${JSON.stringify({ id: 'second', category: 'facts', language: 'bn', turns: 'নমস্কার', expect: {} })}\n`,
    );
    expect((await loadDatasets(folder)).map((dataset) => [dataset.name, dataset.cases.length])).toEqual([
      ['one', 1],
      ['two', 1],
    ]);
    expect((await loadDatasets(folder, 'two'))[0]?.cases[0]?.id).toBe('second');
    await expect(loadDatasets(folder, 'three')).rejects.toThrow('there is no dataset three');
  });
});
