package main

// --node: one real node — containerd (Debian's, from docker.io) + runc + CNI bridge + the real kubelet built from
// the same k8s.io/kubernetes modules as the API server. Everything lives under <dir>/node; the README explains
// every setting. Shutdown order: kubelet (so it restarts nothing), every pod sandbox through the CRI (which stops
// its containers, tears its network down and lets its shim exit), containerd, then mounts, bridge and files.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	cri "k8s.io/cri-api/pkg/apis/runtime/v1"
)

const (
	nodeName     = "kube-testenv-node"
	sandboxImage = "kube-testenv.local/pause:1"
	cniBinDir    = "/usr/lib/cni"
)

type node struct {
	dir        string
	sock       string
	bridge     string
	netLock    string
	containerd *exec.Cmd
	kubelet    *exec.Cmd
	// exited is closed when the named process ends; err says which and how.
	exited chan namedErr
	log    *os.File
}

// nodeInfo is what the ready line reports for --node.
type nodeInfo struct {
	Name string `json:"name"`
	// RegistryHostsDir is containerd's hosts directory: a test that runs a plain-HTTP registry writes
	// <dir>/<host:port>/hosts.toml there (containerd reads it at every pull).
	RegistryHostsDir string `json:"registryHostsDir"`
	PodSubnet        string `json:"podSubnet"`
	ContainerdSocket string `json:"containerdSocket"`
	LogFile          string `json:"logFile"`
	// IP is the node's InternalIP: the bridge's gateway address, where the kubelet listens.
	IP string `json:"ip"`
}

// makeBridge creates the pod bridge with the subnet's first address (what the CNI bridge plugin would give it
// as gateway) and returns that address.
func makeBridge(bridge, subnet string) (net.IP, error) {
	_, ipnet, err := net.ParseCIDR(subnet)
	if err != nil {
		return nil, err
	}
	gw := slices.Clone(ipnet.IP.To4())
	gw[3] = 1
	ones, _ := ipnet.Mask.Size()
	for _, args := range [][]string{
		{"link", "add", bridge, "type", "bridge"},
		{"addr", "add", fmt.Sprintf("%s/%d", gw, ones), "dev", bridge},
		{"link", "set", bridge, "up"},
	} {
		if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
			return nil, fmt.Errorf("ip %s: %v: %s", strings.Join(args, " "), err, out)
		}
	}
	return gw, nil
}

func lookBinaries(names ...string) error {
	var missing []string
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("--node needs %s on PATH (Debian: apt-get install docker.io containernetworking-plugins; tools/setup/setup.mjs does it)", strings.Join(missing, ", "))
	}
	if _, err := os.Stat(filepath.Join(cniBinDir, "bridge")); err != nil {
		return fmt.Errorf("--node needs the CNI plugins in %s (apt-get install containernetworking-plugins): %v", cniBinDir, err)
	}
	return nil
}

// startNode starts containerd and the kubelet and waits until the Node is Ready in the API server.
func startNode(ctx context.Context, dir, server string, p *pki, kubeletBin, pauseBin string, ready time.Duration) (n *node, info nodeInfo, err error) {
	if err := lookBinaries("containerd", "containerd-shim-runc-v2", "runc", "ctr", "ip"); err != nil {
		return nil, info, err
	}
	for _, f := range []string{kubeletBin, pauseBin} {
		if _, err := os.Stat(f); err != nil {
			return nil, info, fmt.Errorf("--node: %v (tools/kube-testenv/ensureBuilt.mjs builds it next to kube-testenv)", err)
		}
	}
	root := filepath.Join(dir, "node")
	n = &node{dir: root, sock: filepath.Join(root, "containerd", "containerd.sock"), exited: make(chan namedErr, 2)}
	defer func() {
		if err != nil {
			n.stop()
		}
	}()
	for _, d := range []string{"containerd/certs.d", "cni/net.d", "cni/ipam", "kubelet", "pod-logs"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o700); err != nil {
			return n, info, err
		}
	}
	if n.log, err = os.Create(filepath.Join(root, "node.log")); err != nil {
		return n, info, err
	}
	subnet, bridge, lock, err := pickPodSubnet()
	if err != nil {
		return n, info, err
	}
	n.bridge, n.netLock = bridge, lock
	// The kubelet refuses a loopback node IP (and the Node then has no address the API server can use for logs
	// and port-forward), so the node's address is the bridge's gateway: a local address, made before any pod.
	nodeIP, err := makeBridge(bridge, subnet)
	if err != nil {
		return n, info, err
	}
	if err := issueKubeletServingCert(p, nodeIP); err != nil {
		return n, info, fmt.Errorf("kubelet serving cert: %w", err)
	}
	if err := writeNodeConfigs(root, n.sock, subnet, bridge, p); err != nil {
		return n, info, err
	}
	n.containerd = n.spawn("containerd", "containerd", "--config", filepath.Join(root, "containerd", "config.toml"))
	if err := n.containerd.Start(); err != nil {
		return n, info, fmt.Errorf("containerd: %w", err)
	}
	go n.wait("containerd", n.containerd)
	if err := n.waitContainerd(ctx, 30*time.Second); err != nil {
		return n, info, err
	}
	if err := importPauseImage(ctx, root, n.sock, pauseBin); err != nil {
		return n, info, err
	}
	port, err := freePort()
	if err != nil {
		return n, info, err
	}
	if err := writeKubeletConfig(root, server, n.sock, nodeIP.String(), port, p); err != nil {
		return n, info, err
	}
	n.kubelet = n.spawn("kubelet", kubeletBin,
		"--config="+filepath.Join(root, "kubelet", "config.yaml"),
		"--kubeconfig="+filepath.Join(root, "kubelet", "kubeconfig"),
		"--root-dir="+filepath.Join(root, "kubelet"),
		"--hostname-override="+nodeName,
		"--node-ip="+nodeIP.String(),
		"--v=1",
	)
	if err := n.kubelet.Start(); err != nil {
		return n, info, fmt.Errorf("kubelet: %w", err)
	}
	go n.wait("kubelet", n.kubelet)
	info = nodeInfo{Name: nodeName, RegistryHostsDir: filepath.Join(root, "containerd", "certs.d"), PodSubnet: subnet,
		ContainerdSocket: n.sock, LogFile: n.log.Name(), IP: nodeIP.String()}
	return n, info, n.waitNodeReady(ctx, server, p, ready)
}

// spawn prepares a child whose output goes to node.log and who is killed if kube-testenv dies without cleaning up.
func (n *node) spawn(name, bin string, args ...string) *exec.Cmd {
	c := exec.Command(bin, args...)
	c.Stdout, c.Stderr = n.log, n.log
	c.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	fmt.Fprintf(n.log, "kube-testenv: starting %s: %s %s\n", name, bin, strings.Join(args, " "))
	return c
}

func (n *node) wait(name string, c *exec.Cmd) {
	n.exited <- namedErr{name, c.Wait()}
}

func (n *node) waitContainerd(ctx context.Context, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if conn, err := net.Dial("unix", n.sock); err == nil {
			conn.Close()
			return nil
		}
		select {
		case e := <-n.exited:
			n.exited <- e
			return fmt.Errorf("containerd exited before it listened (%v); see %s", e.err, n.log.Name())
		case <-ctx.Done():
			return errors.New("interrupted")
		case <-time.After(100 * time.Millisecond):
		}
	}
	return fmt.Errorf("containerd did not listen on %s within %s; see %s", n.sock, timeout, n.log.Name())
}

func (n *node) waitNodeReady(ctx context.Context, server string, p *pki, timeout time.Duration) error {
	c, err := adminHTTPClient(p)
	if err != nil {
		return err
	}
	deadline := time.Now().Add(timeout)
	last := "not registered yet"
	for time.Now().Before(deadline) {
		select {
		case e := <-n.exited:
			n.exited <- e
			return fmt.Errorf("%s exited before the node was Ready (%v); see %s", e.name, e.err, n.log.Name())
		case <-ctx.Done():
			return errors.New("interrupted")
		case <-time.After(250 * time.Millisecond):
		}
		resp, err := c.Get(server + "/api/v1/nodes/" + nodeName)
		if err != nil {
			last = err.Error()
			continue
		}
		var obj struct {
			Spec struct {
				Taints []struct{ Key string } `json:"taints"`
			} `json:"spec"`
			Status struct {
				Conditions []struct{ Type, Status, Message string } `json:"conditions"`
			} `json:"status"`
		}
		err = json.NewDecoder(resp.Body).Decode(&obj)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 {
			last = fmt.Sprintf("GET node: %d %v", resp.StatusCode, err)
			continue
		}
		for _, cond := range obj.Status.Conditions {
			if cond.Type == "Ready" {
				last = fmt.Sprintf("Ready=%s: %s", cond.Status, cond.Message)
				// Ready and untainted (the node lifecycle controller lifts not-ready): pods can schedule.
				if cond.Status == "True" && len(obj.Spec.Taints) == 0 {
					return nil
				}
				if cond.Status == "True" {
					last = fmt.Sprintf("Ready, still tainted %v", obj.Spec.Taints)
				}
			}
		}
	}
	return fmt.Errorf("node %s not Ready within %s: %s; see %s", nodeName, timeout, last, n.log.Name())
}

// stop ends everything startNode started, in order, and never fails: what it cannot undo it reports.
func (n *node) stop() {
	say := func(format string, args ...any) { fmt.Fprintf(os.Stderr, "kube-testenv: node: "+format+"\n", args...) }
	stopProc := func(name string, c *exec.Cmd, grace time.Duration) {
		if c == nil || c.Process == nil {
			return
		}
		_ = c.Process.Signal(syscall.SIGTERM)
		deadline := time.After(grace)
		for {
			select {
			case e := <-n.exited:
				if e.name == name {
					return
				}
				continue
			case <-deadline:
				say("%s did not stop within %s; killing it", name, grace)
				_ = c.Process.Kill()
				<-n.exited
				return
			}
		}
	}
	stopProc("kubelet", n.kubelet, 15*time.Second)
	if n.containerd != nil && n.containerd.ProcessState == nil {
		if err := removeAllSandboxes(n.sock); err != nil {
			say("removing pod sandboxes: %v", err)
		}
	}
	stopProc("containerd", n.containerd, 15*time.Second)
	unmountUnder(n.dir, say)
	if n.bridge != "" {
		// The bridge plugin made it; nothing deletes it when the last pod goes.
		if out, err := exec.Command("ip", "link", "del", n.bridge).CombinedOutput(); err != nil && !strings.Contains(string(out), "Cannot find") {
			say("ip link del %s: %v %s", n.bridge, err, out)
		}
	}
	if n.netLock != "" {
		os.Remove(n.netLock)
	}
	if n.log != nil {
		n.log.Close()
	}
}

// removeAllSandboxes stops and removes every pod sandbox (and so its containers) through containerd's CRI.
func removeAllSandboxes(sock string) error {
	conn, err := grpc.NewClient("unix://"+sock, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer conn.Close()
	rt := cri.NewRuntimeServiceClient(conn)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	list, err := rt.ListPodSandbox(ctx, &cri.ListPodSandboxRequest{})
	if err != nil {
		return err
	}
	var errs []error
	for _, s := range list.Items {
		if _, err := rt.StopPodSandbox(ctx, &cri.StopPodSandboxRequest{PodSandboxId: s.Id}); err != nil {
			errs = append(errs, fmt.Errorf("stop %s: %w", s.Metadata.GetName(), err))
		}
		if _, err := rt.RemovePodSandbox(ctx, &cri.RemovePodSandboxRequest{PodSandboxId: s.Id}); err != nil {
			errs = append(errs, fmt.Errorf("remove %s: %w", s.Metadata.GetName(), err))
		}
	}
	return errors.Join(errs...)
}

// unmountUnder lazily unmounts whatever the kubelet (secret/projected tmpfs volumes) and containerd (rootfs
// overlays, sandbox shm) left mounted under dir, deepest first, so the directory can be removed.
func unmountUnder(dir string, say func(string, ...any)) {
	b, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		return
	}
	var mounts []string
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) > 4 && (f[4] == dir || strings.HasPrefix(f[4], dir+"/")) {
			mounts = append(mounts, f[4])
		}
	}
	for i := len(mounts) - 1; i >= 0; i-- {
		if err := syscall.Unmount(mounts[i], syscall.MNT_DETACH); err != nil && !errors.Is(err, syscall.EINVAL) {
			say("unmount %s: %v", mounts[i], err)
		}
	}
}

// pickPodSubnet gives this node a /24 in 10.244.0.0/16 and a bridge name no other kube-testenv on the machine
// uses: a lock file per subnet (left by a dead pid = free) plus a look at the routing table.
func pickPodSubnet() (subnet, bridge, lock string, err error) {
	routes, _ := exec.Command("ip", "-4", "route").Output()
	start := os.Getpid() % 250
	for i := 0; i < 250; i++ {
		x := (start + i) % 250
		subnet = fmt.Sprintf("10.244.%d.0/24", x)
		if strings.Contains(string(routes), subnet) {
			continue
		}
		lock = filepath.Join(os.TempDir(), fmt.Sprintf("kube-testenv-net-%d.lock", x))
		f, err := os.OpenFile(lock, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			if b, rerr := os.ReadFile(lock); rerr == nil {
				var pid int
				if _, serr := fmt.Sscan(string(b), &pid); serr == nil && pid > 0 && syscall.Kill(pid, 0) == nil {
					continue
				}
				os.Remove(lock)
				if f, err = os.OpenFile(lock, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600); err != nil {
					continue
				}
			} else {
				continue
			}
		}
		fmt.Fprintf(f, "%d", os.Getpid())
		f.Close()
		return subnet, fmt.Sprintf("ktenv%d", x), lock, nil
	}
	return "", "", "", errors.New("no free /24 in 10.244.0.0/16 for pods")
}
