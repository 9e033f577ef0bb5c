// The local engine's public surface. Bundled on its own (dist/local.js) and loaded on first use.
export { localSpecForFolder, modelReferenceFor, serviceNameFor, type FolderSpecResult } from './modelFolderSpec';
export { startProcessService } from './processRunner';
export { buildLocalImage, startDockerService } from './dockerRunner';
export { sendTestRequest, type TestRequestResult } from './testRequest';
export { attachEndpoint, BUILTIN_DEBUG_TYPE, debugpyAttachConfiguration, type AttachDebugType, type DebugpyAttachConfiguration } from './debugConfig';
export { LocalServiceError } from './localServiceError';
export type { LocalMode, LocalService } from './localService';
export type { LocalServiceSpec } from './localServiceSpec';
export type { LocalServiceEvent } from './serviceEvents';
export { localStorageDir } from './storage';
export { imageContent, type ImageContent } from './imageContent';
export { publishImage, type PublishedImage, type PublishOptions, type PublishProgress } from './publishImage';
export { trainModel, type TrainOptions, type TrainResult } from './training';
export { modelMissing, trainingFor, TRAIN_SCRIPT } from './trainingScript';
