import type { Order } from './order.js';
import type { OrderEventName, OrderEvents } from './ports.js';

/**
 * One `OrderEvents` for the engine that hands every event to each of `sinks` (metrics, admin
 * alerts...). A sink that throws is skipped: an event must never break the payment path.
 */
export function combineOrderEvents(...sinks: Array<OrderEvents | undefined>): OrderEvents {
  const present = sinks.filter((sink): sink is OrderEvents => sink !== undefined);
  return {
    emit(event: OrderEventName, order: Order, detail?: string) {
      for (const sink of present) {
        try {
          sink.emit(event, order, detail);
        } catch {
          // Sinks are told never to throw; if one does anyway, the others still hear the event.
        }
      }
    },
  };
}
