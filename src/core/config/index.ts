// The config core's public surface; other modules import from here, not from the parts.
export type { Position, Problem, ProblemFix, Range, Severity } from './problem';
export { hasErrors } from './problem';
export type { ComputeType, DeploymentConfig, AutoScalerConfig } from './deployment';
export type { EnvironmentConfig, FileAccess, InferenceConfig, RegistryConfig } from './inference';
export type { AnyConfigResult, ConfigKind, ConfigResult, ParseOptions } from './parse';
export { kindFromContent, kindFromFileName, parseConfigFile, parseDeploymentConfig, parseInferenceConfig } from './parse';
export { DEPLOYMENT_FIELDS } from './deploymentFields';
export { INFERENCE_FIELDS } from './inferenceFields';
export type { FieldSpec } from './fields';
export { configProblemsForDocument } from './documentProblems';
export { MAX_CONFIG_BYTES, MAX_CONFIG_ENTRIES, tooLargeMessage } from './source';
export { SECRET_KEPT, documentFromFormValues, formFields, formValuesFromDocument, problemsByField, type FormField, type FormValues } from './formModel';
export { keysToDrop, unknownKeys, writeFormToText, type UnknownKey } from './configWriter';
export { plainDocument } from './plainDocument';
