/** Record a run against a real model, replay it later with no model and no network. */
export { withRecording } from './recording/with-recording.js';
export { createReplayRuntime, type ReplaySettings } from './recording/replay-runtime.js';
export { RecordingSchema, type Recording, type RecordedRequest } from './recording/recording-file.js';
export { identifyCall, recordingKey, type CallIdentity } from './recording/recording-key.js';
