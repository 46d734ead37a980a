// The background's command batches: what one task queued goes as one batch once the task is done,
// or at once when a bound is reached.
import { describe, expect, it } from 'vitest';
import { createBatcher } from '../../../../lib/extension/bridge/batch';
import { tick } from './fakes';

function batcher(maxItems = 3, maxChars = 10) {
  const batches: string[][] = [];
  const queue = createBatcher<string>((batch) => batches.push(batch), { maxItems, maxChars, charsOf: (item) => item.length });
  return { batches, queue };
}

describe('createBatcher', () => {
  it('hands on what one task queued, its microtasks included, as one batch after the task', async () => {
    const { batches, queue } = batcher(10, 100);
    queue.push('a');
    await Promise.resolve();
    queue.push('b');
    expect(batches).toEqual([]);
    await tick();
    queue.push('c');
    await tick();
    expect(batches).toEqual([['a', 'b'], ['c']]);
  });

  it('hands a full batch on at once (items), and the rest after the task', async () => {
    const { batches, queue } = batcher(2, 100);
    for (const item of ['a', 'b', 'c']) queue.push(item);
    expect(batches).toEqual([['a', 'b']]);
    await tick();
    expect(batches).toEqual([['a', 'b'], ['c']]);
  });

  it('starts a new batch before an item would take it over the character bound; a large item goes alone', async () => {
    const { batches, queue } = batcher(10, 10);
    for (const item of ['aaaa', 'bbbb', 'cccc', 'x'.repeat(25), 'd']) queue.push(item);
    await tick();
    expect(batches).toEqual([['aaaa', 'bbbb'], ['cccc'], ['x'.repeat(25)], ['d']]);
  });

  it('flush() hands on what waits now, and nothing twice', async () => {
    const { batches, queue } = batcher();
    queue.push('a');
    queue.flush();
    queue.flush();
    await tick();
    expect(batches).toEqual([['a']]);
  });
});
