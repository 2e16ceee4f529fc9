import type { Telegram } from 'telegraf';
import type { Logger } from '../../platform/logger.js';
import { realSleep, type Sleep } from '../../platform/sleep.js';
import { commandMenus } from '../admin/commands.js';
import type { BuyerMenuCommand } from '../flow/events.js';
import { withRetryAfter } from './telegram-io.js';

/**
 * Registers the command menus with `setMyCommands`: buyer commands (`buyerCommands`, the flow's by
 * default) for everyone, in English (the default), Malay and Indonesian; buyer plus admin commands
 * in each admin's private chat, in each language.
 * Call it once at start-up. A menu for the default scope that Telegram refuses is thrown; an admin
 * chat Telegram does not know yet (that admin never opened the bot) is logged and skipped, and its
 * id returned, so one missing admin does not stop the bot.
 */
export async function registerCommandMenus(
  telegram: Pick<Telegram, 'setMyCommands'>,
  adminUserIds: readonly number[],
  options: { logger?: Logger; sleep?: Sleep; buyerCommands?: readonly BuyerMenuCommand[] } = {},
): Promise<{ failedAdminIds: number[] }> {
  const sleep = options.sleep ?? realSleep;
  const failed = new Set<number>();
  for (const menu of commandMenus(adminUserIds, options.buyerCommands)) {
    const extra = { scope: menu.scope, ...(menu.languageCode ? { language_code: menu.languageCode } : {}) };
    try {
      await withRetryAfter(() => telegram.setMyCommands(menu.commands, extra), sleep);
    } catch (error) {
      if (menu.scope.type !== 'chat') throw error;
      failed.add(menu.scope.chat_id);
      options.logger?.warn('could not set the admin command menu', {
        adminId: menu.scope.chat_id,
        languageCode: menu.languageCode,
        err: error,
      });
    }
  }
  return { failedAdminIds: [...failed] };
}
