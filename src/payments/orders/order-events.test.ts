import { describe, expect, it } from 'vitest';
import { money } from '../money.js';
import type { Order } from './order.js';
import { combineOrderEvents } from './order-events.js';
import type { OrderEvents } from './ports.js';

const order = { refid: 'R-1', request: { amount: money(100, 'MYR') } } as unknown as Order;

describe('combining order event sinks', () => {
  it('hands every event to each sink, in order, even when one throws', () => {
    const heard: string[] = [];
    const sink = (name: string): OrderEvents => ({
      emit: (event, o, detail) => heard.push(`${name}:${event}:${o.refid}:${detail ?? ''}`),
    });
    const broken: OrderEvents = {
      emit: () => {
        throw new Error('sink bug');
      },
    };
    const events = combineOrderEvents(sink('metrics'), broken, undefined, sink('alerts'));
    expect(() => events.emit('provider_error', order, 'timeout')).not.toThrow();
    events.emit('finalized', order);
    expect(heard).toEqual([
      'metrics:provider_error:R-1:timeout',
      'alerts:provider_error:R-1:timeout',
      'metrics:finalized:R-1:',
      'alerts:finalized:R-1:',
    ]);
  });
});
