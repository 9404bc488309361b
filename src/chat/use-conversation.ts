import { useSyncExternalStore } from 'react';
import type { ChatController } from './chat-controller.js';
import type { ChatState } from './chat-state.js';

/** The chat's state for React: the controller owns it, components only read it. */
export function useConversation(controller: ChatController): ChatState {
  return useSyncExternalStore(controller.subscribe, controller.getState);
}
