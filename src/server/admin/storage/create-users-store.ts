/**
 * Console users, the sites each may see, and their sessions. Removing a user
 * removes their sessions and site grants in one transaction, and a session
 * is only ever found through its user, so a removed user is signed out at once.
 */
import { sql } from 'kysely';
import type { ConsoleDatabase } from './console-database';

/** A user as `samtal-server user list` shows them. */
export interface ConsoleUserSummary {
  email: string;
  sites: string[];
  createdAt: number;
  activeSessions: number;
}

/** The user behind a valid session. */
export interface SessionUser {
  userId: string;
  email: string;
  sites: string[];
  createdAt: number;
  lastSeenAt: number;
}

export interface UsersStore {
  /** Adds a user; false when the address already has an account. */
  addUser(
    user: { id: string; email: string; passwordHash: string; sites: readonly string[] },
    now: number,
  ): Promise<boolean>;
  /** Removes a user, their site grants and every session; false when there was none. */
  removeUser(email: string): Promise<boolean>;
  listUsers(): Promise<ConsoleUserSummary[]>;
  findCredentials(email: string): Promise<{ userId: string; passwordHash: string } | null>;
  setPasswordHash(userId: string, passwordHash: string, now: number): Promise<void>;
  createSession(session: { tokenHash: string; userId: string }, now: number): Promise<void>;
  /** The session's user, or null when the token is unknown or the user gone. */
  findSession(tokenHash: string): Promise<SessionUser | null>;
  touchSession(tokenHash: string, now: number): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Deletes sessions idle since `idleBefore` or begun before `startedBefore`. */
  deleteExpiredSessions(idleBefore: number, startedBefore: number): Promise<number>;
}

export function createUsersStore({ db }: ConsoleDatabase): UsersStore {
  async function sitesOf(userId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('console_user_sites')
      .select('site')
      .where('user_id', '=', userId)
      .orderBy('site')
      .execute();
    return rows.map((row) => row.site);
  }

  return {
    async addUser(user, now) {
      return db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('console_users')
          .select('id')
          .where('email', '=', user.email)
          .executeTakeFirst();
        if (existing) return false;
        await trx
          .insertInto('console_users')
          .values({
            id: user.id,
            email: user.email,
            password_hash: user.passwordHash,
            created_at: now,
            password_changed_at: now,
          })
          .execute();
        if (user.sites.length > 0) {
          await trx
            .insertInto('console_user_sites')
            .values([...new Set(user.sites)].map((site) => ({ user_id: user.id, site })))
            .execute();
        }
        return true;
      });
    },

    async removeUser(email) {
      return db.transaction().execute(async (trx) => {
        const user = await trx
          .selectFrom('console_users')
          .select('id')
          .where('email', '=', email)
          .executeTakeFirst();
        if (!user) return false;
        await trx.deleteFrom('console_sessions').where('user_id', '=', user.id).execute();
        await trx.deleteFrom('console_user_sites').where('user_id', '=', user.id).execute();
        await trx.deleteFrom('console_users').where('id', '=', user.id).execute();
        return true;
      });
    },

    async listUsers() {
      const users = await db
        .selectFrom('console_users as u')
        .leftJoin('console_sessions as s', 's.user_id', 'u.id')
        .select([
          'u.id',
          'u.email',
          'u.created_at',
          sql<number>`count(s.token_hash)`.as('sessions'),
        ])
        .groupBy(['u.id', 'u.email', 'u.created_at'])
        .orderBy('u.email')
        .execute();
      return Promise.all(
        users.map(async (user) => ({
          email: user.email,
          sites: await sitesOf(user.id),
          createdAt: Number(user.created_at),
          activeSessions: Number(user.sessions),
        })),
      );
    },

    async findCredentials(email) {
      const row = await db
        .selectFrom('console_users')
        .select(['id', 'password_hash'])
        .where('email', '=', email)
        .executeTakeFirst();
      return row ? { userId: row.id, passwordHash: row.password_hash } : null;
    },

    async setPasswordHash(userId, passwordHash, now) {
      await db
        .updateTable('console_users')
        .set({ password_hash: passwordHash, password_changed_at: now })
        .where('id', '=', userId)
        .execute();
    },

    async createSession({ tokenHash, userId }, now) {
      await db
        .insertInto('console_sessions')
        .values({ token_hash: tokenHash, user_id: userId, created_at: now, last_seen_at: now })
        .execute();
    },

    async findSession(tokenHash) {
      const row = await db
        .selectFrom('console_sessions as s')
        .innerJoin('console_users as u', 'u.id', 's.user_id')
        .select(['u.id as userId', 'u.email', 's.created_at', 's.last_seen_at'])
        .where('s.token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (!row) return null;
      return {
        userId: row.userId,
        email: row.email,
        sites: await sitesOf(row.userId),
        createdAt: Number(row.created_at),
        lastSeenAt: Number(row.last_seen_at),
      };
    },

    async touchSession(tokenHash, now) {
      await db
        .updateTable('console_sessions')
        .set({ last_seen_at: now })
        .where('token_hash', '=', tokenHash)
        .execute();
    },

    async deleteSession(tokenHash) {
      await db.deleteFrom('console_sessions').where('token_hash', '=', tokenHash).execute();
    },

    async deleteExpiredSessions(idleBefore, startedBefore) {
      const result = await db
        .deleteFrom('console_sessions')
        .where((eb) =>
          eb.or([eb('last_seen_at', '<', idleBefore), eb('created_at', '<', startedBefore)]),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
