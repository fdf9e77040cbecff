/** The admin client and the signed-in account, handed down to every view. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AdminAccount } from '../../protocol/admin';
import type { AdminClient } from './create-admin-client';

export const ClientContext = createContext<AdminClient | null>(null);

/** The one admin client; views call the API only through it. */
export function useClient(): AdminClient {
  const client = useContext(ClientContext);
  if (client === null) throw new Error('useClient outside <ClientContext.Provider>');
  return client;
}

export interface AccountState {
  account: AdminAccount;
  /** Reads the account again: badges change when leads are opened or handled. */
  refresh: () => void;
}

export const AccountContext = createContext<AccountState | null>(null);

export function useAccount(): AccountState {
  const state = useContext(AccountContext);
  if (state === null) throw new Error('useAccount outside <AccountContext.Provider>');
  return state;
}
