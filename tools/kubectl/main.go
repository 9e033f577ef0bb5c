// kubectl built from its Go module (k8s.io/kubectl), the same way tools/kube-testenv builds the API server, so
// the apply bench can compare against `kubectl apply --server-side` without a system kubectl.
// This is k8s.io/kubernetes/cmd/kubectl/kubectl.go.
package main

import (
	_ "k8s.io/client-go/plugin/pkg/client/auth"
	"k8s.io/component-base/cli"
	"k8s.io/kubectl/pkg/cmd"
	"k8s.io/kubectl/pkg/cmd/util"
)

func main() {
	command := cmd.NewDefaultKubectlCommand()
	if err := cli.RunNoErrOutput(command); err != nil {
		util.CheckErr(err)
	}
}
