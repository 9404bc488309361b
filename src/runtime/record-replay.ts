/** Record a run against a real model, replay it later with no model and no network. */
export { withRecording } from './recording/with-recording.js';
export { createReplayRuntime, type ReplaySettings } from './recording/replay-runtime.js';
export { RecordingSchema, type Recording, type RecordedRequest } from './recording/recording-file.js';
export {
  identifyCall,
  recordingKey,
  type CallIdentity,
  type CallEndpoint,
} from './recording/recording-key.js';
export { inRepetition, inSample } from './recording/call-slot.js';
export { createResponseCache, type ResponseCache, type CacheStats } from './recording/with-response-cache.js';
