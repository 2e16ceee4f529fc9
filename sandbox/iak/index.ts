/** The IAK sandbox: a local HTTP stand-in for IAK's prepaid API (v2). */
export { callbackBody } from './callbacks.js';
export { IAK_CONTROL_PREFIX } from './control-plane.js';
export type {
  CustomerIdRule,
  IakFulfilmentKind,
  IakSandboxProduct,
  OperatorName,
  PlnMeter,
  TestOutcome,
} from './fixtures.js';
export {
  findIakProduct,
  GAME_FIXTURES,
  IAK_SANDBOX_FIXTURES,
  IAK_SANDBOX_PRODUCTS,
  IAK_TEST_NUMBERS,
  OPERATOR_PREFIXES,
  OVO_VALID_ACCOUNT,
  operatorOf,
  PLN_VALID_METER,
} from './fixtures.js';
export type { IakTransactionData } from './ledger.js';
export type { IakSandbox, IakSandboxOptions, IakSandboxTransaction, SandboxFault } from './server.js';
export { startIakSandbox } from './server.js';
export { RC_MESSAGES } from './wire.js';
