package main

// --metrics-server: the real metrics-server (sigs.k8s.io/metrics-server, built by ensureBuilt.mjs from its own
// module in ./metrics-server, since it pins older k8s.io libraries than this module) as a host process, served
// to the API server's aggregation layer so the HPA controller gets real CPU metrics from the real kubelet.
// README.md ("Metrics and autoscaling") explains every setting.

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

const (
	metricsServiceName = "metrics-server"
	metricsAPIService  = "v1beta1.metrics.k8s.io"
	frontProxyUser     = "front-proxy-client"
)

// kcmExtraFlags are appended to kube-controller-manager's flags (--controller-manager-flag, repeatable).
var kcmExtraFlags []string

// frontProxy is the aggregation layer's identity: a CA of its own (not the cluster CA, so no ordinary client
// certificate can assert X-Remote-User headers) and the client certificate the API server proxies with.
type frontProxy struct {
	caCert, caKey, clientCert, clientKey string
}

func makeFrontProxyPKI(dir string) (*frontProxy, error) {
	fp := &frontProxy{
		caCert: filepath.Join(dir, "front-proxy-ca.crt"), caKey: filepath.Join(dir, "front-proxy-ca.key"),
		clientCert: filepath.Join(dir, "front-proxy-client.crt"), clientKey: filepath.Join(dir, "front-proxy-client.key"),
	}
	k, kDER, err := newKey()
	if err != nil {
		return nil, err
	}
	now := time.Now().Add(-time.Hour)
	tmpl := &x509.Certificate{
		SerialNumber: serial(), Subject: pkix.Name{CommonName: "kube-testenv-front-proxy-ca"},
		NotBefore: now, NotAfter: now.Add(10 * 365 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true, IsCA: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, k.Public(), k)
	if err != nil {
		return nil, err
	}
	if err := writePEM(fp.caCert, "CERTIFICATE", der); err != nil {
		return nil, err
	}
	if err := writePEM(fp.caKey, "EC PRIVATE KEY", kDER); err != nil {
		return nil, err
	}
	return fp, signLeaf(fp.caCert, fp.caKey, fp.clientCert, fp.clientKey, &x509.Certificate{
		Subject:     pkix.Name{CommonName: frontProxyUser},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	})
}

// aggregatorFlags turn on kube-apiserver's aggregation layer for metrics.k8s.io.
func aggregatorFlags(fp *frontProxy) []string {
	return []string{
		"--requestheader-client-ca-file=" + fp.caCert,
		"--requestheader-allowed-names=" + frontProxyUser,
		"--requestheader-username-headers=X-Remote-User",
		"--requestheader-group-headers=X-Remote-Group",
		"--requestheader-extra-headers-prefix=X-Remote-Extra-",
		"--proxy-client-cert-file=" + fp.clientCert,
		"--proxy-client-key-file=" + fp.clientKey,
		// No kube-proxy: a Service's ClusterIP does not route, so the API server dials the endpoint itself.
		"--enable-aggregator-routing=true",
	}
}

type metricsServer struct {
	cmd    *exec.Cmd
	exited chan error
	log    *os.File
}

// metricsInfo is what the ready line reports for --metrics-server.
type metricsInfo struct {
	LogFile    string `json:"logFile"`
	Resolution string `json:"resolution"`
}

// startMetricsServer runs metrics-server on the node's address (an endpoint may not be loopback), registers it
// with the aggregation layer and waits until the node's metrics are served through the API server.
func startMetricsServer(ctx context.Context, dir, server string, p *pki, bin, nodeIP string, resolution, timeout time.Duration) (ms *metricsServer, info metricsInfo, err error) {
	if _, err := os.Stat(bin); err != nil {
		return nil, info, fmt.Errorf("--metrics-server: %v (tools/kube-testenv/ensureBuilt.mjs builds it next to kube-testenv)", err)
	}
	pkiDir := filepath.Join(dir, "pki")
	crt, key := filepath.Join(pkiDir, "metrics-server.crt"), filepath.Join(pkiDir, "metrics-server.key")
	host := metricsServiceName + ".kube-system.svc"
	if err := signLeaf(p.caCert, p.caKey, crt, key, &x509.Certificate{
		Subject:     pkix.Name{CommonName: host},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:    []string{host},
		IPAddresses: []net.IP{net.ParseIP(nodeIP)},
	}); err != nil {
		return nil, info, fmt.Errorf("metrics-server serving cert: %w", err)
	}
	port, err := freePort()
	if err != nil {
		return nil, info, err
	}
	ms = &metricsServer{exited: make(chan error, 1)}
	defer func() {
		if err != nil {
			ms.stop()
		}
	}()
	if ms.log, err = os.Create(filepath.Join(dir, "metrics-server.log")); err != nil {
		return ms, info, err
	}
	kubeconfig := filepath.Join(dir, "kubeconfig")
	args := []string{
		"--bind-address=" + nodeIP,
		"--secure-port=" + strconv.Itoa(port),
		"--tls-cert-file=" + crt,
		"--tls-private-key-file=" + key,
		"--kubeconfig=" + kubeconfig,
		"--authentication-kubeconfig=" + kubeconfig,
		"--authorization-kubeconfig=" + kubeconfig,
		"--kubelet-certificate-authority=" + p.caCert,
		"--kubelet-client-certificate=" + p.adminCert,
		"--kubelet-client-key=" + p.adminKey,
		"--kubelet-preferred-address-types=InternalIP",
		"--kubelet-use-node-status-port",
		"--metric-resolution=" + resolution.String(),
		"--v=1",
	}
	ms.cmd = exec.Command(bin, args...)
	ms.cmd.Stdout, ms.cmd.Stderr = ms.log, ms.log
	ms.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	fmt.Fprintf(ms.log, "kube-testenv: starting metrics-server: %s %s\n", bin, strings.Join(args, " "))
	if err := ms.cmd.Start(); err != nil {
		return ms, info, fmt.Errorf("metrics-server: %w", err)
	}
	go func() { ms.exited <- ms.cmd.Wait() }()
	info = metricsInfo{LogFile: ms.log.Name(), Resolution: resolution.String()}
	c, err := adminHTTPClient(p)
	if err != nil {
		return ms, info, err
	}
	ca, err := os.ReadFile(p.caCert)
	if err != nil {
		return ms, info, err
	}
	if err := registerMetricsAPI(c, server, nodeIP, port, ca); err != nil {
		return ms, info, err
	}
	return ms, info, ms.waitServing(ctx, c, server, timeout)
}

// registerMetricsAPI creates the selector-less Service, its EndpointSlice (the aggregator resolves endpoints
// from EndpointSlices; no controller manages this one) and the APIService pointing at it.
func registerMetricsAPI(c *http.Client, server, ip string, port int, ca []byte) error {
	objs := []struct{ path, body string }{
		{"/api/v1/namespaces/kube-system/services", fmt.Sprintf(`{"apiVersion":"v1","kind":"Service",
			"metadata":{"name":%[1]q,"namespace":"kube-system"},
			"spec":{"ports":[{"name":"https","port":443,"targetPort":%[2]d,"protocol":"TCP"}]}}`, metricsServiceName, port)},
		{"/apis/discovery.k8s.io/v1/namespaces/kube-system/endpointslices", fmt.Sprintf(`{"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice",
			"metadata":{"name":%[1]q,"namespace":"kube-system","labels":{"kubernetes.io/service-name":%[1]q,"endpointslice.kubernetes.io/managed-by":"kube-testenv"}},
			"addressType":"IPv4","endpoints":[{"addresses":[%[2]q],"conditions":{"ready":true}}],
			"ports":[{"name":"https","port":%[3]d,"protocol":"TCP"}]}`, metricsServiceName, ip, port)},
		{"/apis/apiregistration.k8s.io/v1/apiservices", fmt.Sprintf(`{"apiVersion":"apiregistration.k8s.io/v1","kind":"APIService",
			"metadata":{"name":%[1]q},
			"spec":{"group":"metrics.k8s.io","version":"v1beta1","service":{"name":%[2]q,"namespace":"kube-system","port":443},
			"caBundle":%[3]q,"groupPriorityMinimum":100,"versionPriority":100}}`, metricsAPIService, metricsServiceName, base64.StdEncoding.EncodeToString(ca))},
	}
	for _, o := range objs {
		resp, err := c.Post(server+o.path, "application/json", bytes.NewBufferString(o.body))
		if err != nil {
			return fmt.Errorf("POST %s: %w", o.path, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusCreated {
			return fmt.Errorf("POST %s: %d %s", o.path, resp.StatusCode, strings.TrimSpace(string(b)))
		}
	}
	return nil
}

// waitServing waits until GET /apis/metrics.k8s.io/v1beta1/nodes lists the node: the aggregator reaches
// metrics-server and metrics-server has scraped the kubelet at least once.
func (ms *metricsServer) waitServing(ctx context.Context, c *http.Client, server string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	last := "no answer yet"
	for time.Now().Before(deadline) {
		select {
		case err := <-ms.exited:
			ms.exited <- err
			return fmt.Errorf("metrics-server exited before serving (%v); see %s", err, ms.log.Name())
		case <-ctx.Done():
			return errors.New("interrupted")
		case <-time.After(500 * time.Millisecond):
		}
		resp, err := c.Get(server + "/apis/metrics.k8s.io/v1beta1/nodes")
		if err != nil {
			last = err.Error()
			continue
		}
		var list struct {
			Items []json.RawMessage `json:"items"`
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			last = fmt.Sprintf("%d %s", resp.StatusCode, strings.TrimSpace(string(b)))
			continue
		}
		if err := json.Unmarshal(b, &list); err == nil && len(list.Items) > 0 {
			return nil
		}
		last = "no node metrics yet"
	}
	return fmt.Errorf("metrics.k8s.io not serving node metrics within %s: %s; see %s", timeout, last, ms.log.Name())
}

func (ms *metricsServer) stop() {
	if ms == nil {
		return
	}
	if ms.cmd != nil && ms.cmd.Process != nil {
		_ = ms.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-ms.exited:
		case <-time.After(10 * time.Second):
			fmt.Fprintln(os.Stderr, "kube-testenv: metrics-server did not stop within 10s; killing it")
			_ = ms.cmd.Process.Kill()
			<-ms.exited
		}
	}
	if ms.log != nil {
		ms.log.Close()
	}
}
