import { MemoryLevel } from 'memory-level';
import { describe, expect, it } from 'vitest';
import { closeLevelIteratorsOnReturn } from './close-level-iterators.ts';

describe('closeLevelIteratorsOnReturn', () => {
  it("closes a level iterator when dynalite calls its return(), as dynalite's queries do when they have enough", async () => {
    closeLevelIteratorsOnReturn();
    const db = new MemoryLevel<string, string>();
    await db.batch([
      { type: 'put', key: 'a', value: '1' },
      { type: 'put', key: 'b', value: '2' },
    ]);
    for (const iterator of [db.iterator(), db.keys(), db.values()]) {
      await iterator.next();
      await (iterator as unknown as { return: () => Promise<void> }).return();
      // A closed iterator refuses to go on: its LevelDB resources are released.
      await expect(iterator.next()).rejects.toMatchObject({ code: 'LEVEL_ITERATOR_NOT_OPEN' });
    }
    await db.close();
  });
});
