// Every inferenceconfig.json field v1 knew (see shared/reference/azureml-v1.md), plus the Azure ML Environment
// block it embeds. Fields v1's Environment JSON also carried but AKS never used are listed so they read quietly.
import type { FieldSpec } from './fields';

const registryFields: FieldSpec[] = [
  { name: 'address', type: 'string', description: 'Registry address, e.g. myregistry.azurecr.io.' },
  { name: 'username', type: 'string', description: 'Registry user name.' },
  { name: 'password', type: 'string', description: 'Registry password.' },
  { name: 'registryIdentity', type: 'freeObject', description: 'Managed identity for the registry (read, not used).' },
];

const pythonFields: FieldSpec[] = [
  { name: 'condaDependencies', type: 'freeObject', description: 'An inline conda specification (name, channels, dependencies).' },
  { name: 'condaDependenciesFile', type: 'string', isPath: true, description: 'Conda YAML file, relative to sourceDirectory.' },
  { name: 'userManagedDependencies', type: 'boolean', description: 'The image already holds every package; no conda environment is built.', default: false },
  { name: 'interpreterPath', type: 'string', description: 'Python interpreter inside the image.', default: 'python' },
  { name: 'baseCondaEnvironment', type: 'string', description: 'Conda environment to start from.' },
];

const dockerFields: FieldSpec[] = [
  { name: 'baseImage', type: 'string', description: 'Base image; cannot be combined with baseDockerfile.' },
  { name: 'baseDockerfile', type: 'string', description: 'Dockerfile text (or a file relative to sourceDirectory) for the base image; cannot be combined with baseImage.' },
  { name: 'baseImageRegistry', type: 'objectOrString', description: 'Registry of the base image: {address, username, password} or an address.', fields: registryFields },
  { name: 'enabled', type: 'boolean', description: 'Run in Docker (always true for AKS).', default: true },
  { name: 'shmSize', type: 'string', description: 'Shared memory size, e.g. "2g".' },
  { name: 'arguments', type: 'stringArray', description: 'Extra docker run arguments.' },
  { name: 'sharedVolumes', type: 'boolean', description: 'Read, not used for AKS.' },
  { name: 'platform', type: 'freeObject', description: 'Read, not used for AKS.' },
];

export const ENVIRONMENT_FIELDS: readonly FieldSpec[] = [
  { name: 'name', type: 'string', description: 'Environment name.' },
  { name: 'version', type: 'string', acceptNumber: true, description: 'Environment version.' },
  { name: 'environmentVariables', type: 'stringMap', description: 'Variables set in the scoring container.' },
  { name: 'python', type: 'object', description: 'Python and conda settings.', fields: pythonFields },
  { name: 'docker', type: 'object', description: 'Docker image settings.', fields: dockerFields },
  { name: 'inferencingStackVersion', type: 'string', description: 'Inference stack version (e.g. "latest").' },
  { name: 'spark', type: 'freeObject', description: 'Read, not used for AKS.' },
  { name: 'databricks', type: 'freeObject', description: 'Read, not used for AKS.' },
  { name: 'r', type: 'freeObject', description: 'Read, not used for AKS.' },
];

export const INFERENCE_FIELDS: readonly FieldSpec[] = [
  { name: 'entryScript', type: 'string', required: true, isPath: true, schemaDefault: 'score.py', defaultText: 'none, required (completion offers "score.py")', description: 'The scoring script (init() and run()), a .py file relative to sourceDirectory.' },
  { name: 'sourceDirectory', type: 'string', isPath: true, description: 'Folder holding the scoring files; other paths are relative to it.', schemaDefault: '.', defaultText: "the config file's folder" },
  { name: 'environment', type: 'object', absentWhenUnset: true, description: 'An Azure ML environment; excludes runtime, condaFile, extraDockerfileSteps, enableGpu, cudaVersion and baseImage.', fields: ENVIRONMENT_FIELDS },
  { name: 'runtime', type: 'string', enum: ['python', 'spark-py', 'python-slim'], description: 'Legacy form: the runtime ("python" or "spark-py"; v1 also took the undocumented "python-slim").' },
  { name: 'condaFile', type: 'string', isPath: true, description: 'Legacy form: conda YAML file, relative to sourceDirectory.' },
  { name: 'extraDockerfileSteps', type: 'string', isPath: true, description: 'Legacy form: a file of extra Dockerfile steps, relative to sourceDirectory.' },
  {
    name: 'extraDockerFileSteps',
    type: 'string',
    deprecated: 'Azure ML v1 ignored "extraDockerFileSteps" (its docs spell it so, its code read "extraDockerfileSteps"), so these steps are not used here either; rename it to extraDockerfileSteps to use them.',
    description: 'Docs spelling of extraDockerfileSteps, which v1 ignored.',
  },
  { name: 'enableGpu', type: 'boolean', description: 'Legacy form: build a GPU image.', default: false },
  { name: 'cudaVersion', type: 'string', enum: ['9.0', '9.1', '10.0'], description: 'Legacy form: CUDA version for a GPU image, as text ("10.0"; v1 failed on a number, and checked it even without enableGpu).', schemaDefault: '9.1', defaultText: '"9.1" when enableGpu is true' },
  { name: 'baseImage', type: 'string', description: 'Legacy form: base image.' },
  { name: 'baseImageRegistry', type: 'objectOrString', description: 'Legacy form: registry of the base image.', fields: registryFields },
  { name: 'description', type: 'string', description: 'Free text.' },
  { name: 'schemaFile', type: 'string', isPath: true, deprecated: 'schemaFile comes from older SDKs and is ignored; use @input_schema/@output_schema in the entry script.', description: 'Legacy: a schema file.' },
  { name: 'dependencies', type: 'stringArray', deprecated: 'dependencies comes from older SDKs; put the files in sourceDirectory instead.', description: 'Legacy: extra files to package.' },
];
