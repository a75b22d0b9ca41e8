'use client';
// Live open findings and the health light (socket snapshot + deltas).
import { useSyncExternalStore } from 'react';
import type { FindingsState } from '@/components/findings/findings-state';
import { getFindingsState, getServerFindingsState, subscribeFindings } from './findings-store';

export type { FindingsState } from '@/components/findings/findings-state';

export function useFindings(): FindingsState {
  return useSyncExternalStore(subscribeFindings, getFindingsState, getServerFindingsState);
}
