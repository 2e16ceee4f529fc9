/**
 * The Telegram purchase conversation's pure core, as the Telegraf glue uses it. Nothing here does
 * I/O: the glue keeps the session, runs effects and renders views (see README.md in this folder).
 */
export {
  CALLBACK_DATA_MAX_BYTES,
  type CallbackData,
  decodeCallbackData,
  encodeCallbackData,
} from './callback-data.js';
export { filterOptions } from './flow/catalog.js';
export type { ErrorKind, FlowEffect, RequestEffect, ToastKey } from './flow/effects.js';
export { requestFailedEvent } from './flow/errors.js';
export { buttonEvent, FLOW_COMMANDS, type FlowCommand, type FlowEvent, parseCommand } from './flow/events.js';
export { reduceFlow } from './flow/reducer.js';
export {
  createFlowState,
  type Display,
  FLOW_STATE_VERSION,
  type FlowState,
  restoreFlowState,
  type Screen,
} from './flow/state.js';
export type { FlowContext, FlowResult } from './flow/transition.js';
export { type Locale, localeFromLanguageCode } from './i18n/locale.js';
export { type ChatPolicy, type ChatUpdateFacts, chatPolicy } from './private-chat.js';
export { renderPrivateOnly, renderToast } from './views/misc-views.js';
export { renderOrderStatus } from './views/order-views.js';
export { renderScreen } from './views/screen.js';
export {
  type Button,
  type InlineKeyboardMarkup,
  type Keyboard,
  toInlineKeyboardMarkup,
  type View,
} from './views/view.js';
