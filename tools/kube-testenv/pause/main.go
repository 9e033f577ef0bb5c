// pause is the pod sandbox ("pause") image's only program for kube-testenv --node: no sandbox image can be pulled
// here, so kube-testenv packs this static binary into an image and imports it into its containerd. It holds the
// pod's namespaces open until it is told to stop.
package main

import (
	"os"
	"os/signal"
	"syscall"
)

func main() {
	c := make(chan os.Signal, 1)
	// As PID 1 of the sandbox, signals without a handler are ignored: handle them, or stopping a pod waits for
	// its grace period and then SIGKILL.
	signal.Notify(c, syscall.SIGTERM, syscall.SIGINT)
	<-c
}
