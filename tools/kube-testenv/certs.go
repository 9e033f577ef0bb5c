package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// pki holds the file paths of everything the API server and its clients need. One throw-away CA signs the
// serving certificate and the admin client certificate, so a kubeconfig needs only that one CA.
type pki struct {
	caCert, caKey        string
	servingCert, servKey string
	adminCert, adminKey  string
	saKey                string
	// Only for --node: the kubelet's identity towards the API server (system:node:<name>, so the Node authorizer
	// applies as on a real cluster) and its serving certificate, which the API server verifies for logs,
	// exec and port-forward.
	nodeCert, nodeKey       string
	kubeletCert, kubeletKey string
}

func writePEM(path, typ string, der []byte) error {
	return os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600)
}

func newKey() (*ecdsa.PrivateKey, []byte, error) {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	der, err := x509.MarshalECPrivateKey(k)
	return k, der, err
}

func serial() *big.Int {
	n, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	return n.Add(n, big.NewInt(1))
}

func makePKI(dir string) (*pki, error) {
	p := &pki{
		caCert: filepath.Join(dir, "ca.crt"), caKey: filepath.Join(dir, "ca.key"),
		servingCert: filepath.Join(dir, "apiserver.crt"), servKey: filepath.Join(dir, "apiserver.key"),
		adminCert: filepath.Join(dir, "admin.crt"), adminKey: filepath.Join(dir, "admin.key"),
		saKey:    filepath.Join(dir, "sa.key"),
		nodeCert: filepath.Join(dir, "node.crt"), nodeKey: filepath.Join(dir, "node.key"),
		kubeletCert: filepath.Join(dir, "kubelet.crt"), kubeletKey: filepath.Join(dir, "kubelet.key"),
	}
	now := time.Now().Add(-time.Hour)
	caKey, caKeyDER, err := newKey()
	if err != nil {
		return nil, err
	}
	caTmpl := &x509.Certificate{
		SerialNumber: serial(), Subject: pkix.Name{CommonName: "kube-testenv-ca"},
		NotBefore: now, NotAfter: now.Add(10 * 365 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true, IsCA: true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, caKey.Public(), caKey)
	if err != nil {
		return nil, err
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		return nil, err
	}
	if err := writePEM(p.caCert, "CERTIFICATE", caDER); err != nil {
		return nil, err
	}
	if err := writePEM(p.caKey, "EC PRIVATE KEY", caKeyDER); err != nil {
		return nil, err
	}
	leaf := func(certPath, keyPath string, tmpl *x509.Certificate) error {
		k, kDER, err := newKey()
		if err != nil {
			return err
		}
		tmpl.SerialNumber, tmpl.NotBefore, tmpl.NotAfter = serial(), now, now.Add(10*365*24*time.Hour)
		tmpl.KeyUsage = x509.KeyUsageDigitalSignature
		der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, k.Public(), caKey)
		if err != nil {
			return err
		}
		if err := writePEM(certPath, "CERTIFICATE", der); err != nil {
			return err
		}
		return writePEM(keyPath, "EC PRIVATE KEY", kDER)
	}
	if err := leaf(p.servingCert, p.servKey, &x509.Certificate{
		Subject:     pkix.Name{CommonName: "kube-apiserver"},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:    []string{"localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc"},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1), net.IPv4(10, 0, 0, 1)},
	}); err != nil {
		return nil, fmt.Errorf("serving cert: %w", err)
	}
	// system:masters is the group the API server always authorizes, so this identity is admin under RBAC.
	if err := leaf(p.adminCert, p.adminKey, &x509.Certificate{
		Subject:     pkix.Name{CommonName: "kube-testenv-admin", Organization: []string{"system:masters"}},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}); err != nil {
		return nil, fmt.Errorf("admin cert: %w", err)
	}
	if err := leaf(p.nodeCert, p.nodeKey, &x509.Certificate{
		Subject:     pkix.Name{CommonName: "system:node:" + nodeName, Organization: []string{"system:nodes"}},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}); err != nil {
		return nil, fmt.Errorf("node cert: %w", err)
	}
	// Service-account tokens are signed with a key made per start: tokens never outlive the environment.
	_, saDER, err := newKey()
	if err != nil {
		return nil, err
	}
	if err := writePEM(p.saKey, "EC PRIVATE KEY", saDER); err != nil {
		return nil, err
	}
	return p, nil
}

// issueKubeletServingCert signs the kubelet's serving certificate for the node's address, known only once the
// node has its pod subnet (the kubelet listens on the bridge's gateway address; see node.go).
func issueKubeletServingCert(p *pki, ip net.IP) error {
	return signLeaf(p.caCert, p.caKey, p.kubeletCert, p.kubeletKey, &x509.Certificate{
		Subject:     pkix.Name{CommonName: nodeName},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:    []string{nodeName},
		IPAddresses: []net.IP{ip},
	})
}

// signLeaf issues a certificate from the CA in caCert/caKey.
func signLeaf(caCert, caKey, certPath, keyPath string, tmpl *x509.Certificate) error {
	caPair, err := tls.LoadX509KeyPair(caCert, caKey)
	if err != nil {
		return err
	}
	ca, err := x509.ParseCertificate(caPair.Certificate[0])
	if err != nil {
		return err
	}
	k, kDER, err := newKey()
	if err != nil {
		return err
	}
	now := time.Now().Add(-time.Hour)
	tmpl.SerialNumber, tmpl.NotBefore, tmpl.NotAfter = serial(), now, now.Add(10*365*24*time.Hour)
	tmpl.KeyUsage = x509.KeyUsageDigitalSignature
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, k.Public(), caPair.PrivateKey)
	if err != nil {
		return err
	}
	if err := writePEM(certPath, "CERTIFICATE", der); err != nil {
		return err
	}
	return writePEM(keyPath, "EC PRIVATE KEY", kDER)
}
