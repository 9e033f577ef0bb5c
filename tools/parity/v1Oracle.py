"""Azure ML v1's own verdict on config files, for the parity test.

Reads a JSON list of cases on stdin: {"id", "cwd", "inference"?: path, "deployment"?: path} (paths as given to
`az ml model deploy --ic/--dc`, relative to cwd). Writes a JSON list of {"id", "accept", "message"} on stdout.
Each file goes through what v1 ran: the CLI's loader (yaml.safe_load, then json.loads; azure-cli-ml and
azureml-contrib-mir `file_stream_to_object`), then for inference files `file_to_inference_config`'s steps
(Environment._deserialize_and_add_to_object + InferenceConfig(...), which validates), for deployment files
deploy_config_dict_to_obj (whose *DeploymentConfiguration constructors call validate_configuration()).
One process for the whole batch: importing azureml.core takes seconds.
"""
import json
import logging
import os
import sys
import warnings

import yaml

real_stdout = sys.stdout
sys.stdout = sys.stderr  # v1 prints; keep our answer alone on stdout
warnings.simplefilter('ignore')
logging.disable(logging.CRITICAL)

from azureml.core.environment import Environment  # noqa: E402
from azureml.core.model import InferenceConfig  # noqa: E402
from azureml._model_management._util import deploy_config_dict_to_obj  # noqa: E402


def file_stream_to_object(file_stream):
    """v1 CLI's loader, as published in azureml-contrib-mir (_mircli/_util.py) and azure-cli-ml."""
    file_data = file_stream.read()
    try:
        return yaml.safe_load(file_data)
    except Exception:
        pass
    try:
        return json.loads(file_data)
    except Exception as ex:
        raise ValueError('Error while parsing file. Must be valid JSON or YAML file. ' + str(ex))


def load_inference(path):
    """file_to_inference_config without the workspace (the CLI passes no environment_input for a file)."""
    with open(path) as stream:
        obj = file_stream_to_object(stream)
        env_dict = obj.get('environment')
        environment = None
        if env_dict is not None:
            environment = Environment._deserialize_and_add_to_object(env_dict)
        return InferenceConfig(
            entry_script=obj.get('entryScript'),
            runtime=obj.get('runtime'),
            conda_file=obj.get('condaFile'),
            extra_docker_file_steps=obj.get('extraDockerfileSteps'),
            source_directory=obj.get('sourceDirectory'),
            enable_gpu=obj.get('enableGpu'),
            base_image=obj.get('baseImage'),
            base_image_registry=obj.get('baseImageRegistry'),
            cuda_version=obj.get('cudaVersion'),
            environment=environment,
            description=None)


def load_deployment(path):
    with open(path, 'r') as stream:
        obj = file_stream_to_object(stream)
    return deploy_config_dict_to_obj(obj, None, None, None)


def describe(ex):
    parts = []
    while ex is not None and len(parts) < 4:
        msg = getattr(ex, 'message', None) or str(ex)
        parts.append('%s: %s' % (type(ex).__name__, msg.strip().replace('\n', ' ')))
        ex = ex.__cause__ or ex.__context__
    return ' <- '.join(parts)


def judge(case):
    home = os.getcwd()
    try:
        os.chdir(case['cwd'])
        if case.get('inference'):
            load_inference(case['inference'])
        if case.get('deployment'):
            load_deployment(case['deployment'])
        return {'id': case['id'], 'accept': True, 'message': ''}
    except BaseException as ex:  # v1 turned every failure into a CLI error
        if isinstance(ex, KeyboardInterrupt):
            raise
        return {'id': case['id'], 'accept': False, 'message': describe(ex)[:600]}
    finally:
        os.chdir(home)


def main():
    cases = json.load(sys.stdin)
    results = [judge(c) for c in cases]
    real_stdout.write(json.dumps(results))
    real_stdout.flush()


if __name__ == '__main__':
    main()
