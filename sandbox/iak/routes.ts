import type { SandboxResponse } from '../kit/http-io.js';
import {
  findIakProduct,
  GAME_FIXTURES,
  IAK_SANDBOX_PRODUCTS,
  IAK_TEST_NUMBERS,
  type IakSandboxProduct,
  OVO_VALID_ACCOUNT,
  operatorOf,
  PLN_VALID_METER,
} from './fixtures.js';
import type { IakLedger } from './ledger.js';
import { badRequest, dataResponse, RC_MESSAGES, rcResponse } from './wire.js';

/**
 * The prepaid v2 endpoints (spec §5), each described by the body fields it requires and the value
 * its sign covers. The server checks fields and sign before a handler runs, so handlers only
 * implement behaviour.
 */

export interface IakRoute {
  /** Body fields besides `username` and `sign` that must be non-empty strings. */
  required: readonly string[];
  /** `additional` in md5(username + api_key + additional), from the checked body. */
  signInput(body: Readonly<Record<string, string>>): string;
  handle(body: Readonly<Record<string, string>>, params: readonly string[]): SandboxResponse;
}

export interface IakRoutes {
  /** The route for a path, with the path's parameters (price list type and operator). */
  match(path: string): { route: IakRoute; params: string[] } | undefined;
}

const MAX_REF_ID_LENGTH = 100;

/** What a customer id is worth for a product: an rc refusing it, or undefined when it may be used. */
function checkCustomerId(product: IakSandboxProduct, customerId: string): string | undefined {
  const digits = customerId.replace(/\s+/g, '');
  switch (product.customerId) {
    case 'msisdn':
    case 'phone': {
      if (/^\d{15,}$/.test(digits)) return '203';
      if (!/^08\d{8,12}$/.test(digits)) return '14';
      if (IAK_TEST_NUMBERS[digits] !== undefined) return undefined;
      if (product.customerId === 'msisdn' && operatorOf(digits) !== product.prefixOperator) return '16';
      return undefined;
    }
    case 'meter':
      if (/^\d{15,}$/.test(digits)) return '203';
      return digits === PLN_VALID_METER.customerId ? undefined : '14';
    case 'any':
      return customerId.length > 64 ? '203' : undefined;
  }
}

function topUp(ledger: IakLedger): IakRoute {
  return {
    required: ['ref_id', 'customer_id', 'product_code'],
    signInput: (body) => body.ref_id ?? '',
    handle(body) {
      const refId = body.ref_id ?? '';
      const customerId = body.customer_id ?? '';
      const productCode = body.product_code ?? '';
      if (refId.length > MAX_REF_ID_LENGTH) {
        return badRequest({
          ref_id: [`The ref id may not be greater than ${MAX_REF_ID_LENGTH} characters.`],
        });
      }
      // A used ref_id is never processed again: the answer is that transaction's current state,
      // whatever product or number this request names (spec §5.1).
      const existing = ledger.current(refId);
      if (existing !== undefined) return dataResponse(existing);

      const product = findIakProduct(productCode);
      if (product === undefined)
        return dataResponse(ledger.refuse(refId, undefined, productCode, customerId, '20'));
      if (product.status !== 'active') {
        return dataResponse(ledger.refuse(refId, product, productCode, customerId, '106'));
      }
      const refusal = checkCustomerId(product, customerId);
      if (refusal !== undefined)
        return dataResponse(ledger.refuse(refId, product, productCode, customerId, refusal));
      const test = product.customerId === 'meter' ? undefined : IAK_TEST_NUMBERS[customerId];
      if (test?.kind === 'immediate') {
        return dataResponse(ledger.refuse(refId, product, productCode, customerId, test.rc));
      }
      if (ledger.balance() < product.price) {
        return dataResponse(ledger.refuse(refId, product, productCode, customerId, '17'));
      }
      const plan = test === undefined ? { rc: '00' } : test.kind === 'held' ? 'held' : { rc: test.rc };
      return dataResponse(ledger.accept(refId, product, customerId, plan));
    },
  };
}

function checkStatus(ledger: IakLedger): IakRoute {
  return {
    required: ['ref_id'],
    signInput: (body) => body.ref_id ?? '',
    handle(body) {
      const refId = body.ref_id ?? '';
      const current = ledger.current(refId);
      return current === undefined ? rcResponse('06', 200, { ref_id: refId }) : dataResponse(current);
    },
  };
}

function checkBalance(ledger: IakLedger): IakRoute {
  return {
    required: [],
    signInput: () => 'bl',
    handle: () => dataResponse({ balance: ledger.balance(), message: 'SUCCESS', rc: '00' }),
  };
}

function priceListItem(product: IakSandboxProduct) {
  return {
    product_code: product.code,
    product_description: product.description,
    product_nominal: product.nominal,
    product_details: product.details,
    product_price: product.price,
    product_type: product.type,
    active_period: product.activePeriod,
    status: product.status,
    icon_url: product.iconUrl,
    product_category: product.category,
  };
}

/**
 * api/pricelist[/:type[/:operator]] answers `{"data":{"pricelist":[...],"message","rc"}}`, the shape
 * the attribute table and third-party clients describe (spec §5.4); an unknown type or operator is
 * rc 20 with no list.
 */
function priceList(): IakRoute {
  return {
    required: [],
    signInput: () => 'pl',
    handle(body, params) {
      const [type, operator] = params;
      const wanted = (body.status ?? 'all').toLowerCase();
      if (!['all', 'active', 'non active'].includes(wanted)) {
        return badRequest({ status: ['The selected status is invalid.'] });
      }
      const matching = IAK_SANDBOX_PRODUCTS.filter(
        (p) =>
          (type === undefined || p.type === type || p.category === type) &&
          (operator === undefined || p.operator === operator),
      );
      if (matching.length === 0) return dataResponse({ message: RC_MESSAGES['20'], rc: '20' });
      const listed = matching.filter((p) => wanted === 'all' || p.status === wanted);
      return dataResponse({ pricelist: listed.map(priceListItem), message: 'SUCCESS', rc: '00' });
    },
  };
}

/** Spec §5.6 and §9.1: every value is a string; only the sandbox meter is known. */
function inquiryPln(): IakRoute {
  return {
    required: ['customer_id'],
    signInput: (body) => body.customer_id ?? '',
    handle(body) {
      const customerId = body.customer_id ?? '';
      if (customerId === PLN_VALID_METER.customerId) {
        return dataResponse({
          status: '1',
          customer_id: customerId,
          meter_no: PLN_VALID_METER.meterNo,
          subscriber_id: PLN_VALID_METER.subscriberId,
          name: PLN_VALID_METER.name,
          segment_power: PLN_VALID_METER.segmentPower,
          message: 'SUCCESS',
          rc: '00',
        });
      }
      return dataResponse({
        status: '2',
        customer_id: customerId,
        meter_no: '',
        subscriber_id: '',
        name: '',
        segment_power: '',
        message: RC_MESSAGES['14'],
        rc: '14',
      });
    },
  };
}

function inquiryOvo(): IakRoute {
  return {
    required: ['customer_id'],
    signInput: (body) => body.customer_id ?? '',
    handle(body) {
      const customerId = body.customer_id ?? '';
      return customerId === OVO_VALID_ACCOUNT.customerId
        ? dataResponse({
            status: '1',
            customer_id: customerId,
            name: OVO_VALID_ACCOUNT.name,
            message: 'SUCCESS',
            rc: '00',
          })
        : dataResponse({
            status: '2',
            customer_id: customerId,
            name: '',
            message: RC_MESSAGES['14'],
            rc: '14',
          });
    },
  };
}

/** Game answers carry `status` as a number (spec §4). */
function gameFailure(rc: string): SandboxResponse {
  return dataResponse({ status: 2, message: RC_MESSAGES[rc] ?? 'FAILED', rc });
}

function inquiryGame(): IakRoute {
  return {
    required: ['game_code', 'customer_id'],
    signInput: (body) => body.game_code ?? '',
    handle(body) {
      if (body.game_code !== GAME_FIXTURES.playerGameCode) return gameFailure('20');
      if (body.customer_id !== GAME_FIXTURES.playerCustomerId) return gameFailure('14');
      return dataResponse({ username: GAME_FIXTURES.playerName, status: 1, message: 'SUCCESS', rc: '00' });
    },
  };
}

function gameFormat(): IakRoute {
  return {
    required: ['game_code'],
    signInput: (body) => body.game_code ?? '',
    handle(body) {
      const code = body.game_code ?? '';
      const format = GAME_FIXTURES.formats[code];
      if (format !== undefined)
        return dataResponse({ formatGameId: format, status: 1, message: 'SUCCESS', rc: '00' });
      return gameFailure(code === GAME_FIXTURES.inquiryNotNeeded ? '143' : '20');
    },
  };
}

function gameServers(): IakRoute {
  return {
    required: ['game_code'],
    signInput: (body) => body.game_code ?? '',
    handle(body) {
      const servers = GAME_FIXTURES.servers[body.game_code ?? ''];
      return servers === undefined
        ? gameFailure('20')
        : dataResponse({ servers, status: 1, message: 'SUCCESS', rc: '00' });
    },
  };
}

function checkOperator(): IakRoute {
  return {
    required: ['customer_id'],
    signInput: () => 'op',
    handle(body) {
      const operator = operatorOf((body.customer_id ?? '').replace(/\s+/g, ''));
      return operator === undefined
        ? rcResponse('14')
        : dataResponse({ operator: operator === 'by.U' ? 'by.U' : operator, message: 'SUCCESS', rc: '00' });
    },
  };
}

/** The v2 paths this sandbox serves (spec §11; v1 `legacy/index` and postpaid are not simulated). */
export function createIakRoutes(ledger: IakLedger): IakRoutes {
  const exact = new Map<string, IakRoute>([
    ['/api/top-up', topUp(ledger)],
    ['/api/check-status', checkStatus(ledger)],
    ['/api/check-balance', checkBalance(ledger)],
    ['/api/inquiry-pln', inquiryPln()],
    ['/api/inquiry-ovo', inquiryOvo()],
    ['/api/inquiry-game', inquiryGame()],
    ['/api/inquiry-game-server', gameServers()],
    ['/api/game/format', gameFormat()],
    ['/api/check-operator', checkOperator()],
  ]);
  const prices = priceList();
  return {
    match(path) {
      const route = exact.get(path);
      if (route !== undefined) return { route, params: [] };
      const list = /^\/api\/pricelist(?:\/([^/]+))?(?:\/([^/]+))?\/?$/.exec(path);
      if (list === null) return undefined;
      const params = [list[1], list[2]].filter((p): p is string => p !== undefined).map(safeDecode);
      return params.includes('') ? undefined : { route: prices, params };
    },
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}
