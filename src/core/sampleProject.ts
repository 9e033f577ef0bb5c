// The sample model project: an Azure ML v1 style scikit-learn model. The model file is not shipped: train.py makes it.
export interface ProjectFile {
  readonly path: string;
  readonly content: string;
}

export const SAMPLE_PROJECT_NAME = 'sklearn-iris';

const trainPy = `"""Trains the sample model: logistic regression on the Iris data that ships with scikit-learn (no download)."""
import os

import joblib
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression


def main():
    features, labels = load_iris(return_X_y=True)
    model = LogisticRegression(max_iter=1000).fit(features, labels)
    out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "model")
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "model.pkl")
    joblib.dump(model, path)
    print(f"saved {path} (training accuracy {model.score(features, labels):.3f})")


if __name__ == "__main__":
    main()
`;

const scorePy = `"""Entry script in the Azure ML v1 style: init() once, run(raw_data) per request."""
import glob
import json
import os

import joblib
import numpy as np

CLASSES = ["setosa", "versicolor", "virginica"]
model = None


def init():
    global model
    # AZUREML_MODEL_DIR points at the registered model's folder; locally it may be this folder.
    model_dir = os.getenv("AZUREML_MODEL_DIR", os.path.dirname(os.path.abspath(__file__)))
    found = sorted(glob.glob(os.path.join(model_dir, "**", "model.pkl"), recursive=True))
    if not found:
        raise FileNotFoundError(f"model.pkl not found under {model_dir}; run train.py first")
    model = joblib.load(found[0])


def run(raw_data):
    rows = np.array(json.loads(raw_data)["data"], dtype=float)
    predictions = model.predict(rows).tolist()
    return {"predictions": predictions, "classes": [CLASSES[p] for p in predictions]}
`;

const condaYml = `name: sklearn-iris
channels:
  - conda-forge
dependencies:
  - python=3.11
  - pip
  - pip:
      - azureml-inference-server-http
      - scikit-learn
      - joblib
      - numpy
`;

const inferenceConfig = {
  entryScript: 'score.py',
  sourceDirectory: '.',
  environment: {
    name: 'sklearn-iris',
    python: { condaDependenciesFile: 'conda.yml' },
  },
};

const deploymentConfig = {
  computeType: 'aks',
  autoScaler: { autoscaleEnabled: true, minReplicas: 1, maxReplicas: 4, targetUtilization: 70, refreshPeriodInSeconds: 1 },
  authEnabled: true,
  containerResourceRequirements: { cpu: 0.5, memoryInGB: 1 },
  scoringTimeoutMs: 60000,
  maxConcurrentRequestsPerContainer: 1,
};

const sampleRequest = { data: [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]] };

const readme = `# Sample model: ${SAMPLE_PROJECT_NAME}

An Azure ML v1 style model project, as \`az ml model deploy\` used to take it:

| file | what it is |
|---|---|
| \`train.py\` | trains a scikit-learn classifier on the Iris data and writes \`model/model.pkl\` |
| \`score.py\` | the entry script: \`init()\` loads the model, \`run(raw_data)\` predicts |
| \`conda.yml\` | the Python environment of the scoring container |
| \`inferenceconfig.json\` | entry script + environment |
| \`deploymentconfig.json\` | AKS deployment: autoscale 1–4 replicas at 70 %, key auth, 0.5 CPU, 1 GB |
| \`sample-request.json\` | a request body for \`/score\` |

1. Train: **Train Model** on this folder in the AKS Model Deploy view runs \`train.py\` with the project's own
   environment (the one Run Locally builds from \`conda.yml\`); or run \`python train.py\` where scikit-learn and joblib are installed.
2. Debug locally, then deploy, from the AKS Model Deploy view.

Expected answer for \`sample-request.json\`: \`{"predictions": [0, 2], "classes": ["setosa", "virginica"]}\`.
`;

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function sampleProjectFiles(): readonly ProjectFile[] {
  return [
    { path: 'README.md', content: readme },
    { path: 'train.py', content: trainPy },
    { path: 'score.py', content: scorePy },
    { path: 'conda.yml', content: condaYml },
    { path: 'inferenceconfig.json', content: json(inferenceConfig) },
    { path: 'deploymentconfig.json', content: json(deploymentConfig) },
    { path: 'sample-request.json', content: json(sampleRequest) },
  ];
}

/** The first of `name`, `name-2`, `name-3`... that `exists` says is free, so nothing on disk is overwritten. */
export async function freeFolderName(name: string, exists: (candidate: string) => Promise<boolean>): Promise<string> {
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? name : `${name}-${i}`;
    if (!(await exists(candidate))) return candidate;
  }
}
