package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/pflag"
	kcm "k8s.io/kubernetes/cmd/kube-controller-manager/app"
	kcmoptions "k8s.io/kubernetes/cmd/kube-controller-manager/app/options"
	scheduler "k8s.io/kubernetes/cmd/kube-scheduler/app"
	scheduleroptions "k8s.io/kubernetes/cmd/kube-scheduler/app/options"
	nodefast "sigs.k8s.io/kwok/kustomize/stage/node/fast"
	nodeheartbeat "sigs.k8s.io/kwok/kustomize/stage/node/heartbeat"
	podfast "sigs.k8s.io/kwok/kustomize/stage/pod/fast"
	kwokconfig "sigs.k8s.io/kwok/pkg/config"
	kwokcmd "sigs.k8s.io/kwok/pkg/kwok/cmd"
)

// The controllers a model deployment touches; the rest of kube-controller-manager stays off to keep starts fast.
var controllers = []string{
	"deployment-controller",
	"replicaset-controller",
	"horizontal-pod-autoscaler-controller",
	"garbage-collector-controller",
	"serviceaccount-controller",
	"serviceaccount-token-controller",
	"root-ca-certificate-publisher-controller",
	"clusterrole-aggregation-controller",
	"namespace-controller",
	"pod-garbage-collector-controller",
	// Removes the node.kubernetes.io/not-ready taint that admission puts on every new Node once kwok reports
	// it Ready; without it nothing schedules.
	"node-lifecycle-controller",
	// Endpoints and EndpointSlices of Services: the API server's service proxy (services/<name>:<port>/proxy)
	// routes to their ready addresses, the only Service routing on the real node (no kube-proxy runs).
	"endpoints-controller",
	"endpointslice-controller",
}

// runControllerManager runs the real kube-controller-manager in this process, as admin, without leader election
// and without its own HTTPS port (it would otherwise listen on 0.0.0.0:10257).
func runControllerManager(ctx context.Context, kubeconfig string, p *pki) error {
	s, err := kcmoptions.NewKubeControllerManagerOptions()
	if err != nil {
		return err
	}
	fs := pflag.NewFlagSet("kube-controller-manager", pflag.ContinueOnError)
	named := s.Flags(kcm.KnownControllers(), kcm.ControllersDisabledByDefault(), kcm.ControllerAliases())
	s.ParsedFlags = &named
	for _, f := range named.FlagSets {
		fs.AddFlagSet(f)
	}
	if err := fs.Parse(append([]string{
		"--kubeconfig=" + kubeconfig,
		"--leader-elect=false",
		"--secure-port=0",
		"--controllers=" + strings.Join(controllers, ","),
		"--service-account-private-key-file=" + p.saKey,
		"--root-ca-file=" + p.caCert,
		"--use-service-account-credentials=false",
		// HPA: there is no metrics server; a short sync period still makes its status conditions appear quickly.
		"--horizontal-pod-autoscaler-sync-period=2s",
		"--concurrent-deployment-syncs=2",
	}, kcmExtraFlags...)); err != nil {
		return fmt.Errorf("kube-controller-manager flags: %w", err)
	}
	if err := s.ComponentGlobalsRegistry.Set(); err != nil {
		return err
	}
	c, err := s.Config(ctx, kcm.KnownControllers(), kcm.ControllersDisabledByDefault(), kcm.ControllerAliases())
	if err != nil {
		return fmt.Errorf("kube-controller-manager config: %w", err)
	}
	return kcm.Run(ctx, c.Complete())
}

// runScheduler runs the real kube-scheduler in this process (no leader election, no HTTPS port).
func runScheduler(ctx context.Context, kubeconfig string) error {
	opts := scheduleroptions.NewOptions()
	fs := pflag.NewFlagSet("kube-scheduler", pflag.ContinueOnError)
	for _, f := range opts.Flags.FlagSets {
		fs.AddFlagSet(f)
	}
	if err := fs.Parse([]string{"--kubeconfig=" + kubeconfig, "--leader-elect=false", "--secure-port=0"}); err != nil {
		return fmt.Errorf("kube-scheduler flags: %w", err)
	}
	cc, sched, err := scheduler.Setup(ctx, opts)
	if err != nil {
		return fmt.Errorf("kube-scheduler setup: %w", err)
	}
	return scheduler.Run(ctx, cc, sched)
}

// runKwok runs sigs.k8s.io/kwok's controller: it plays kubelet for every Node (marks it Ready, heartbeats)
// and moves pods scheduled there to Running, so Deployments roll out without containers.
// With allNodes false (--node) it leaves the real node alone and plays kubelet only for Nodes annotated
// kwok.x-k8s.io/node=fake (test/support/kwokNode.ts adds that annotation).
func runKwok(ctx context.Context, kubeconfig, dir string, allNodes bool) error {
	stages := strings.Join([]string{nodefast.DefaultNodeInit, nodeheartbeat.DefaultNodeHeartbeat,
		podfast.DefaultPodReady, podfast.DefaultPodComplete, podfast.DefaultPodDelete}, "\n---\n")
	stagesFile := dir + "/kwok-stages.yaml"
	if err := os.WriteFile(stagesFile, []byte(stages), 0o600); err != nil {
		return err
	}
	// kwok reads its configuration from the process arguments; hand it only the stages file.
	fs := pflag.NewFlagSet("kwok", pflag.ContinueOnError)
	fs.ParseErrorsAllowlist.UnknownFlags = true
	saved := os.Args
	os.Args = []string{saved[0], "--config=" + stagesFile}
	ctx, err := kwokconfig.InitFlags(ctx, fs)
	os.Args = saved
	if err != nil {
		return fmt.Errorf("kwok config: %w", err)
	}
	cmd := kwokcmd.NewCommand(ctx)
	// cobra's --version handling trips over the kube components' global --version flag (a different type).
	cmd.Version = ""
	manage := []string{"--manage-all-nodes=true"}
	if !allNodes {
		manage = []string{"--manage-all-nodes=false", "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake"}
	}
	cmd.SetArgs(append([]string{"--kubeconfig=" + kubeconfig, "--server-address=", "--node-ip=127.0.0.1"}, manage...))
	return cmd.ExecuteContext(ctx)
}
