package main

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// writeNodeConfigs writes containerd's config.toml and the CNI conflist. Why each setting: README.md.
func writeNodeConfigs(root, sock, subnet, bridge string, p *pki) error {
	cd := filepath.Join(root, "containerd")
	config := fmt.Sprintf(`version = 2
root = %[1]q
state = %[2]q
[grpc]
  address = %[3]q
[ttrpc]
  address = %[4]q
[debug]
  address = ""
[metrics]
  address = ""
[plugins."io.containerd.internal.v1.opt"]
  path = %[5]q
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = %[6]q
  restrict_oom_score_adj = true
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  enable_selinux = false
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = %[7]q
    conf_dir = %[8]q
    max_conf_num = 1
  [plugins."io.containerd.grpc.v1.cri".registry]
    config_path = %[9]q
`, filepath.Join(cd, "root"), filepath.Join(cd, "state"), sock, sock+".ttrpc", filepath.Join(cd, "opt"),
		sandboxImage, cniBinDir, filepath.Join(root, "cni", "net.d"), filepath.Join(cd, "certs.d"))
	if err := os.WriteFile(filepath.Join(cd, "config.toml"), []byte(config), 0o600); err != nil {
		return err
	}
	conflist := map[string]any{
		"cniVersion": "0.4.0",
		"name":       "kube-testenv",
		"plugins": []any{
			map[string]any{
				"type": "bridge", "bridge": bridge, "isGateway": true, "ipMasq": false, "hairpinMode": true,
				"ipam": map[string]any{
					"type":    "host-local",
					"ranges":  [][]map[string]string{{{"subnet": subnet}}},
					"routes":  []map[string]string{{"dst": "0.0.0.0/0"}},
					"dataDir": filepath.Join(root, "cni", "ipam"),
				},
			},
		},
	}
	b, _ := json.MarshalIndent(conflist, "", "  ")
	return os.WriteFile(filepath.Join(root, "cni", "net.d", "10-kube-testenv.conflist"), b, 0o600)
}

func writeKubeletConfig(root, server, sock, address string, port int, p *pki) error {
	kd := filepath.Join(root, "kubelet")
	config := fmt.Sprintf(`apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: %[7]s
port: %[1]d
readOnlyPort: 0
healthzPort: 0
tlsCertFile: %[2]q
tlsPrivateKeyFile: %[3]q
authentication:
  anonymous:
    enabled: false
  webhook:
    enabled: false
  x509:
    clientCAFile: %[4]q
authorization:
  mode: AlwaysAllow
containerRuntimeEndpoint: unix://%[5]s
imageServiceEndpoint: unix://%[5]s
podLogsDir: %[6]q
failCgroupV1: false
cgroupDriver: cgroupfs
cgroupsPerQOS: false
enforceNodeAllocatable: []
failSwapOn: false
makeIPTablesUtilChains: false
protectKernelDefaults: false
registerNode: true
rotateCertificates: false
serverTLSBootstrap: false
serializeImagePulls: false
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard:
  memory.available: "0%%"
  nodefs.available: "0%%"
  nodefs.inodesFree: "0%%"
  imagefs.available: "0%%"
nodeStatusUpdateFrequency: 2s
nodeStatusReportFrequency: 10s
syncFrequency: 5s
runtimeRequestTimeout: 5m
shutdownGracePeriod: 0s
staticPodPath: ""
`, port, p.kubeletCert, p.kubeletKey, p.caCert, sock, filepath.Join(root, "pod-logs"), address)
	if err := os.WriteFile(filepath.Join(kd, "config.yaml"), []byte(config), 0o600); err != nil {
		return err
	}
	return writeKubeconfigFor(filepath.Join(kd, "kubeconfig"), server, p.caCert, p.nodeCert, p.nodeKey, "kubelet")
}

// importPauseImage packs the pause binary as a one-layer OCI image named sandboxImage and imports it with ctr:
// containerd would otherwise try to pull the sandbox image from the internet for the first pod.
func importPauseImage(ctx context.Context, root, sock, pauseBin string) error {
	bin, err := os.ReadFile(pauseBin)
	if err != nil {
		return err
	}
	layer := tarOf(map[string][]byte{"pause": bin}, 0o755)
	layerDigest := digest(layer)
	cfg, _ := json.Marshal(map[string]any{
		"architecture": "amd64", "os": "linux",
		"config": map[string]any{"Entrypoint": []string{"/pause"}},
		"rootfs": map[string]any{"type": "layers", "diff_ids": []string{layerDigest}},
	})
	manifest, _ := json.Marshal(map[string]any{
		"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
		"config": map[string]any{"mediaType": "application/vnd.oci.image.config.v1+json", "digest": digest(cfg), "size": len(cfg)},
		"layers": []any{map[string]any{"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": layerDigest, "size": len(layer)}},
	})
	index, _ := json.Marshal(map[string]any{
		"schemaVersion": 2,
		"manifests": []any{map[string]any{
			"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": digest(manifest), "size": len(manifest),
			"platform":    map[string]string{"architecture": "amd64", "os": "linux"},
			"annotations": map[string]string{"io.containerd.image.name": sandboxImage, "org.opencontainers.image.ref.name": "1"},
		}},
	})
	blob := func(b []byte) string { return "blobs/sha256/" + strings.TrimPrefix(digest(b), "sha256:") }
	archive := tarOf(map[string][]byte{
		"oci-layout": []byte(`{"imageLayoutVersion":"1.0.0"}`), "index.json": index,
		blob(layer): layer, blob(cfg): cfg, blob(manifest): manifest,
	}, 0o644)
	file := filepath.Join(root, "pause-image.tar")
	if err := os.WriteFile(file, archive, 0o600); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "ctr", "--address", sock, "--namespace", "k8s.io", "images", "import", file).CombinedOutput()
	if err != nil {
		return fmt.Errorf("ctr images import %s: %v: %s", file, err, out)
	}
	return nil
}

func digest(b []byte) string {
	s := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(s[:])
}

// tarOf makes a tar with the given files (and their parent directories) in a stable order.
func tarOf(files map[string][]byte, mode int64) []byte {
	var names []string
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	seen := map[string]bool{}
	for _, n := range names {
		for d := filepath.Dir(n); d != "."; d = filepath.Dir(d) {
			if !seen[d] {
				seen[d] = true
				_ = tw.WriteHeader(&tar.Header{Name: d + "/", Mode: 0o755, Typeflag: tar.TypeDir})
			}
		}
		_ = tw.WriteHeader(&tar.Header{Name: n, Mode: mode, Size: int64(len(files[n])), Typeflag: tar.TypeReg})
		_, _ = tw.Write(files[n])
	}
	_ = tw.Close()
	return buf.Bytes()
}

func writeKubeconfigFor(path, server, ca, cert, key, user string) error {
	cfg := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: kube-testenv
  cluster:
    server: %s
    certificate-authority: %s
users:
- name: %s
  user:
    client-certificate: %s
    client-key: %s
contexts:
- name: kube-testenv
  context:
    cluster: kube-testenv
    user: %s
current-context: kube-testenv
`, server, strconv.Quote(ca), user, strconv.Quote(cert), strconv.Quote(key), user)
	return os.WriteFile(path, []byte(cfg), 0o600)
}
