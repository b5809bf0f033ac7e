// Owns SQL for each region's digest settings and recipient list.
import type { Db } from "../db/connection";
import { DEFAULT_SCHEDULE } from "../mail/schedule.rules";

export type DigestSettings = {
  regionId: number;
  contactName: string;
  contactEmail: string;
  marketNews: string;
  autoSend: boolean;
  weekday: number;
  sendTime: string;
  reminderDaysBefore: number;
  reminderTime: string;
  /** False until a coordinator saves the settings once. */
  saved: boolean;
};
export type DigestSettingsWrite = Omit<DigestSettings, "regionId" | "saved">;

type SettingsDb = Omit<DigestSettings, "autoSend" | "saved"> & { autoSend: number };

export const defaultSettings = (regionId: number): DigestSettings => ({
  regionId,
  contactName: "",
  contactEmail: "",
  marketNews: "",
  autoSend: true,
  weekday: DEFAULT_SCHEDULE.weekday,
  sendTime: DEFAULT_SCHEDULE.time,
  reminderDaysBefore: DEFAULT_SCHEDULE.reminderDaysBefore,
  reminderTime: DEFAULT_SCHEDULE.reminderTime,
  saved: false,
});

export function digestRepo(db: Db) {
  const s = {
    settings: db.prepare<[number], SettingsDb>(
      `SELECT region_id AS regionId, contact_name AS contactName, contact_email AS contactEmail,
       market_news AS marketNews, auto_send AS autoSend, weekday, send_time AS sendTime,
       reminder_days_before AS reminderDaysBefore, reminder_time AS reminderTime
       FROM digest_settings WHERE region_id = ?`,
    ),
    upsert:
      db.prepare(`INSERT INTO digest_settings (region_id, contact_name, contact_email, market_news, auto_send,
      weekday, send_time, reminder_days_before, reminder_time, updated_at)
      VALUES (@regionId, @contactName, @contactEmail, @marketNews, @autoSend, @weekday, @sendTime,
      @reminderDaysBefore, @reminderTime, @now)
      ON CONFLICT (region_id) DO UPDATE SET contact_name = excluded.contact_name,
      contact_email = excluded.contact_email, market_news = excluded.market_news, auto_send = excluded.auto_send,
      weekday = excluded.weekday, send_time = excluded.send_time,
      reminder_days_before = excluded.reminder_days_before, reminder_time = excluded.reminder_time,
      updated_at = excluded.updated_at`),
    recipients: db.prepare<[number], { email: string }>(
      "SELECT email FROM digest_recipient WHERE region_id = ? ORDER BY position",
    ),
    deleteRecipients: db.prepare("DELETE FROM digest_recipient WHERE region_id = ?"),
    insertRecipient: db.prepare("INSERT INTO digest_recipient (region_id, email, position) VALUES (?, ?, ?)"),
  };
  return {
    settings(regionId: number): DigestSettings {
      const r = s.settings.get(regionId);
      return r ? { ...r, autoSend: r.autoSend === 1, saved: true } : defaultSettings(regionId);
    },
    saveSettings: (regionId: number, w: DigestSettingsWrite, now: string) =>
      s.upsert.run({ ...w, regionId, autoSend: w.autoSend ? 1 : 0, now }),
    recipients: (regionId: number) => s.recipients.all(regionId).map((r) => r.email),
    replaceRecipients(regionId: number, emails: string[]) {
      s.deleteRecipients.run(regionId);
      emails.forEach((email, i) => {
        s.insertRecipient.run(regionId, email, i);
      });
    },
  };
}
export type DigestRepo = ReturnType<typeof digestRepo>;
