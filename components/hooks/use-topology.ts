'use client';
// Live topology (snapshot + deltas + events) and the socket connection state.
import { useSyncExternalStore } from 'react';
import type { TopologyState } from '@/components/topology/topology-state';
import { getServerTopologyState, getTopologyState, subscribeTopology } from './topology-store';

export type { TopologyState, ConnectionState } from '@/components/topology/topology-state';

export function useTopology(): TopologyState {
  return useSyncExternalStore(subscribeTopology, getTopologyState, getServerTopologyState);
}
