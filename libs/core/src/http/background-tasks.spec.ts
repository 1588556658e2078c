import { RequestContext } from '../context/request-context';
import { BackgroundTasks } from './background-tasks';

describe('BackgroundTasks', () => {
  it('runs nothing until the response is done, then every task in order inside the request context', async () => {
    let respond: () => void = () => undefined;
    const seen: string[] = [];
    await RequestContext.run({ requestId: 'req-12345678' }, async () => {
      const tasks = new BackgroundTasks((start) => (respond = start));
      tasks.add('first', async () => seen.push(`first:${RequestContext.requestId()}`));
      tasks.add('second', async () => seen.push('second'));
    });
    expect(seen).toEqual([]);
    respond();
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['first:req-12345678', 'second']);
  });

  it('keeps going after a failing task', async () => {
    let respond: () => void = () => undefined;
    const seen: string[] = [];
    const tasks = new BackgroundTasks((start) => (respond = start));
    tasks.add('boom', () => Promise.reject(new Error('smtp down')));
    tasks.add('after', async () => seen.push('after'));
    respond();
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['after']);
  });
});
