package main

import (
	"context"
	"fmt"
	"net"
	"path/filepath"
	"strconv"

	"github.com/spf13/pflag"
	utilerrors "k8s.io/apimachinery/pkg/util/errors"
	"k8s.io/client-go/rest"
	basecompatibility "k8s.io/component-base/compatibility"
	logsapi "k8s.io/component-base/logs/api/v1"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
	"k8s.io/kubernetes/cmd/kube-apiserver/app/options"
)

const saIssuer = "https://kubernetes.default.svc.cluster.local"

// runAPIServer runs the real kube-apiserver (the code behind the kube-apiserver binary) until ctx is done.
// It is configured through its own command-line flags, so the set-up reads like a kube-apiserver invocation;
// only the listener is handed over directly, which lets --port=0 pick a free port without a race.
func runAPIServer(ctx context.Context, ln net.Listener, dir, etcdURL string, p *pki, extra []string) error {
	s := options.NewServerRunOptions()
	fs := pflag.NewFlagSet("kube-apiserver", pflag.ContinueOnError)
	for _, f := range s.Flags().FlagSets {
		fs.AddFlagSet(f)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	args := append([]string{
		"--bind-address=127.0.0.1",
		"--advertise-address=127.0.0.1",
		"--secure-port=" + strconv.Itoa(port),
		"--cert-dir=" + filepath.Join(dir, "certs"),
		"--tls-cert-file=" + p.servingCert,
		"--tls-private-key-file=" + p.servKey,
		"--client-ca-file=" + p.caCert,
		"--etcd-servers=" + etcdURL,
		"--authorization-mode=Node,RBAC",
		"--service-account-issuer=" + saIssuer,
		"--service-account-key-file=" + p.saKey,
		"--service-account-signing-key-file=" + p.saKey,
		"--service-cluster-ip-range=10.0.0.0/16",
		// One server, loopback address: there is no Endpoints object for other masters to reconcile.
		"--endpoint-reconciler-type=none",
		"--allow-privileged=true",
		// How the API server reaches a real kubelet (--node) for logs, exec and port-forward: as admin, checking
		// the kubelet's serving certificate against the same CA.
		"--kubelet-client-certificate=" + p.adminCert,
		"--kubelet-client-key=" + p.adminKey,
		"--kubelet-certificate-authority=" + p.caCert,
		"--kubelet-preferred-address-types=InternalIP",
	}, extra...)
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("kube-apiserver flags: %w", err)
	}
	s.SecureServing.Listener = ln
	if err := s.GenericServerRunOptions.ComponentGlobalsRegistry.Set(); err != nil {
		return err
	}
	// The server's own loopback clients must not log warnings it issues to itself (as the real binary does).
	rest.SetDefaultWarningHandler(rest.NoWarnings{})
	featureGate := s.GenericServerRunOptions.ComponentGlobalsRegistry.FeatureGateFor(basecompatibility.DefaultKubeComponent)
	if err := logsapi.ValidateAndApply(s.Logs, featureGate); err != nil {
		return err
	}
	completed, err := s.Complete(ctx)
	if err != nil {
		return fmt.Errorf("kube-apiserver options: %w", err)
	}
	if errs := completed.Validate(); len(errs) != 0 {
		return fmt.Errorf("kube-apiserver options: %w", utilerrors.NewAggregate(errs))
	}
	return app.Run(ctx, completed)
}
