// kube-testenv starts an embedded etcd and the real kube-apiserver on 127.0.0.1 for integration tests,
// writes an admin kubeconfig and prints one JSON line {"kubeconfig": ..., "server": ...} once /readyz is OK.
// SIGTERM/SIGINT (or stdin closing, with --exit-on-stdin-close) stops everything and removes the temp dir.
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

func main() {
	os.Exit(run())
}

func run() int {
	port := flag.Int("port", 0, "API server port on 127.0.0.1 (0 = pick a free one)")
	dataDir := flag.String("data-dir", "", "directory for etcd data, certificates and the kubeconfig; kept on exit (default: a temp dir, removed on exit)")
	stdinClose := flag.Bool("exit-on-stdin-close", false, "shut down when stdin reaches EOF (so a parent that dies never leaves the server running)")
	readyTimeout := flag.Duration("ready-timeout", 120*time.Second, "how long to wait for /readyz")
	controlPlane := flag.Bool("control-plane", false, "also run kube-controller-manager (deployment, replicaset, HPA, GC, service-account controllers), kube-scheduler and kwok (fake kubelet) so Deployments roll out to Running pods")
	withNode := flag.Bool("node", false, "also run one real node: containerd + runc + CNI bridge + the real kubelet (implies --control-plane; kwok then plays kubelet only for Nodes annotated kwok.x-k8s.io/node=fake)")
	kubeletBin := flag.String("kubelet", besideSelf("kubelet"), "kubelet binary for --node (ensureBuilt.mjs builds it from the same modules)")
	pauseBin := flag.String("pause", besideSelf("pause"), "static pause binary packed into the sandbox image for --node")
	var apiFlags multiFlag
	flag.Var(&apiFlags, "apiserver-flag", "extra kube-apiserver flag, e.g. --apiserver-flag=--v=2 (repeatable)")
	withMetrics := flag.Bool("metrics-server", false, "also run metrics-server behind the API server's aggregation layer, so HPAs get real CPU metrics from the real node (implies --node)")
	metricsBin := flag.String("metrics-server-bin", besideSelf("metrics-server"), "metrics-server binary for --metrics-server (ensureBuilt.mjs builds it)")
	metricResolution := flag.Duration("metric-resolution", 15*time.Second, "metrics-server's scrape interval for --metrics-server (more than its kubelet request timeout, 10s)")
	var kcmFlags multiFlag
	flag.Var(&kcmFlags, "controller-manager-flag", "extra kube-controller-manager flag, e.g. --controller-manager-flag=--horizontal-pod-autoscaler-downscale-stabilization=30s (repeatable)")
	flag.Parse()
	kcmExtraFlags = kcmFlags
	if *withMetrics {
		*withNode = true
	}
	if *withNode {
		*controlPlane = true
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	// When the parent dies, our stdout/stderr pipes break. Without this the next log line would kill us with
	// SIGPIPE before the clean-up below runs, leaving the temp dir (and etcd's data) behind.
	signal.Ignore(syscall.SIGPIPE)
	if *stdinClose {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	dir := *dataDir
	if dir == "" {
		// The pid in the name lets a later start tell a directory left by a crashed run from a live one.
		d, err := os.MkdirTemp("", fmt.Sprintf("kube-testenv-%d-", os.Getpid()))
		if err != nil {
			return fail("temp dir: %v", err)
		}
		dir = d
		defer os.RemoveAll(dir)
	}
	if err := os.MkdirAll(filepath.Join(dir, "pki"), 0o700); err != nil {
		return fail("data dir: %v", err)
	}
	p, err := makePKI(filepath.Join(dir, "pki"))
	if err != nil {
		return fail("certificates: %v", err)
	}
	if *withMetrics {
		fp, err := makeFrontProxyPKI(filepath.Join(dir, "pki"))
		if err != nil {
			return fail("front-proxy certificates: %v", err)
		}
		apiFlags = append(aggregatorFlags(fp), apiFlags...)
	}
	etcd, etcdURL, err := startEtcd(filepath.Join(dir, "etcd"))
	if err != nil {
		return fail("%v", err)
	}
	defer func() {
		etcd.Close()
		<-etcd.Server.StopNotify()
	}()

	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", *port))
	if err != nil {
		return fail("listen: %v", err)
	}
	server := fmt.Sprintf("https://%s", ln.Addr().String())
	// Not derived from the signal context: on SIGTERM the controllers must stop while the API server is still
	// up (otherwise a controller can exit the process mid-shutdown, before the temp dir is removed).
	apiCtx, cancelAPI := context.WithCancel(context.Background())
	defer cancelAPI()
	apiDone := make(chan error, 1)
	go func() { apiDone <- runAPIServer(apiCtx, ln, dir, etcdURL, p, apiFlags) }()

	client, err := adminHTTPClient(p)
	if err != nil {
		return fail("admin client: %v", err)
	}
	if err := waitReady(ctx, client, server, *readyTimeout, apiDone); err != nil {
		cancelAPI()
		waitStopped(apiDone)
		return fail("%v", err)
	}
	kubeconfig := filepath.Join(dir, "kubeconfig")
	if err := writeKubeconfig(kubeconfig, server, p); err != nil {
		return fail("kubeconfig: %v", err)
	}
	// The controllers stop before the API server they talk to.
	ctrlCtx, cancelCtrl := context.WithCancel(ctx)
	defer cancelCtrl()
	ctrlDone := make(chan namedErr, 3)
	var running []string
	if *controlPlane {
		start := func(name string, f func() error) {
			running = append(running, name)
			go func() { ctrlDone <- namedErr{name, f()} }()
		}
		start("kube-controller-manager", func() error { return runControllerManager(ctrlCtx, kubeconfig, p) })
		start("kube-scheduler", func() error { return runScheduler(ctrlCtx, kubeconfig) })
		start("kwok", func() error { return runKwok(ctrlCtx, kubeconfig, dir, !*withNode) })
	}
	ready := map[string]any{"kubeconfig": kubeconfig, "server": server}
	var nd *node
	nodeDone := make(chan namedErr, 1)
	if *withNode {
		n, info, err := startNode(ctx, dir, server, p, *kubeletBin, *pauseBin, *readyTimeout)
		if err != nil {
			cancelCtrl()
			cancelAPI()
			waitStopped(apiDone)
			return fail("node: %v", err)
		}
		nd = n
		ready["node"] = info
		go func() { e := <-nd.exited; nd.exited <- e; nodeDone <- e }()
	}
	var ms *metricsServer
	if *withMetrics {
		m, info, err := startMetricsServer(ctx, dir, server, p, *metricsBin, ready["node"].(nodeInfo).IP, *metricResolution, *readyTimeout)
		if err != nil {
			nd.stop()
			cancelCtrl()
			cancelAPI()
			waitStopped(apiDone)
			return fail("metrics-server: %v", err)
		}
		ms = m
		ready["metricsServer"] = info
		go func() { e := <-ms.exited; ms.exited <- e; nodeDone <- namedErr{"metrics-server", e} }()
	}
	line, _ := json.Marshal(ready)
	fmt.Println(string(line))

	code := 0
	select {
	case <-ctx.Done():
		fmt.Fprintln(os.Stderr, "kube-testenv: shutting down")
	case err := <-apiDone:
		return fail("kube-apiserver stopped: %v", err)
	case e := <-ctrlDone:
		code = fail("%s stopped: %v", e.name, e.err)
		running = slices.DeleteFunc(running, func(n string) bool { return n == e.name })
	case e := <-nodeDone:
		code = fail("%s stopped: %v (node log: %s)", e.name, e.err, nd.log.Name())
	}
	ms.stop()
	// The node goes first, while the API server it reports to is still up.
	if nd != nil {
		nd.stop()
	}
	cancelCtrl()
	for range running {
		select {
		case <-ctrlDone:
		case <-time.After(10 * time.Second):
			fmt.Fprintln(os.Stderr, "kube-testenv: a controller did not stop within 10s")
		}
	}
	cancelAPI()
	waitStopped(apiDone)
	return code
}

// besideSelf is the path of a file next to this binary (ensureBuilt.mjs puts the kubelet and pause there).
func besideSelf(name string) string {
	exe, err := os.Executable()
	if err != nil {
		return name
	}
	return filepath.Join(filepath.Dir(exe), name)
}

type namedErr struct {
	name string
	err  error
}

func fail(format string, args ...any) int {
	fmt.Fprintf(os.Stderr, "kube-testenv: "+format+"\n", args...)
	return 1
}

func waitStopped(apiDone <-chan error) {
	select {
	case err := <-apiDone:
		if err != nil {
			fmt.Fprintf(os.Stderr, "kube-testenv: kube-apiserver: %v\n", err)
		}
	case <-time.After(30 * time.Second):
		fmt.Fprintln(os.Stderr, "kube-testenv: kube-apiserver did not stop within 30s")
	}
}

func adminHTTPClient(p *pki) (*http.Client, error) {
	cert, err := tls.LoadX509KeyPair(p.adminCert, p.adminKey)
	if err != nil {
		return nil, err
	}
	caPEM, err := os.ReadFile(p.caCert)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(caPEM)
	return &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: pool, Certificates: []tls.Certificate{cert}},
	}}, nil
}

func waitReady(ctx context.Context, c *http.Client, server string, timeout time.Duration, apiDone <-chan error) error {
	deadline := time.Now().Add(timeout)
	last := "no answer yet"
	for time.Now().Before(deadline) {
		select {
		case err := <-apiDone:
			return fmt.Errorf("kube-apiserver exited before ready: %v", err)
		case <-ctx.Done():
			return fmt.Errorf("interrupted before ready")
		case <-time.After(100 * time.Millisecond):
		}
		resp, err := c.Get(server + "/readyz")
		if err != nil {
			last = err.Error()
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			return nil
		}
		last = fmt.Sprintf("%d %s", resp.StatusCode, strings.TrimSpace(string(body)))
	}
	return fmt.Errorf("/readyz not OK after %s: %s", timeout, last)
}

func writeKubeconfig(path, server string, p *pki) error {
	b64 := func(f string) (string, error) {
		b, err := os.ReadFile(f)
		return base64.StdEncoding.EncodeToString(b), err
	}
	ca, err := b64(p.caCert)
	if err != nil {
		return err
	}
	crt, err := b64(p.adminCert)
	if err != nil {
		return err
	}
	key, err := b64(p.adminKey)
	if err != nil {
		return err
	}
	cfg := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: kube-testenv
  cluster:
    server: %s
    certificate-authority-data: %s
users:
- name: kube-testenv-admin
  user:
    client-certificate-data: %s
    client-key-data: %s
contexts:
- name: kube-testenv
  context:
    cluster: kube-testenv
    user: kube-testenv-admin
current-context: kube-testenv
`, server, ca, crt, key)
	return os.WriteFile(path, []byte(cfg), 0o600)
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, " ") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }
