// The client-node clients one service operation needs, made once per operation from the caller's KubeConfig.
import { AppsV1Api, AuthenticationV1Api, CoreV1Api, CustomObjectsApi, type KubeConfig, KubernetesObjectApi, RbacAuthorizationV1Api, AutoscalingV2Api } from '@kubernetes/client-node';

export interface KubeClients {
  kubeConfig: KubeConfig;
  objects: KubernetesObjectApi;
  core: CoreV1Api;
  apps: AppsV1Api;
  rbac: RbacAuthorizationV1Api;
  autoscaling: AutoscalingV2Api;
  authn: AuthenticationV1Api;
  custom: CustomObjectsApi;
}

export function kubeClients(kubeConfig: KubeConfig): KubeClients {
  return {
    kubeConfig,
    // The generic object API resolves kinds through discovery once and caches it, like kubectl does.
    objects: KubernetesObjectApi.makeApiClient(kubeConfig),
    core: kubeConfig.makeApiClient(CoreV1Api),
    apps: kubeConfig.makeApiClient(AppsV1Api),
    rbac: kubeConfig.makeApiClient(RbacAuthorizationV1Api),
    autoscaling: kubeConfig.makeApiClient(AutoscalingV2Api),
    authn: kubeConfig.makeApiClient(AuthenticationV1Api),
    custom: kubeConfig.makeApiClient(CustomObjectsApi),
  };
}
