// authproxy-standin is a STAND-IN for kube-rbac-proxy, the auth sidecar AKS Model Deploy renders: neither its image
// nor its Go module can be obtained on these machines, so the real-node tests run this instead. It does what
// kube-rbac-proxy does for the flags we render, with the same k8s.io/apiserver building blocks and the same cache
// times: a bearer token is checked by TokenReview with the --auth-token-audiences (delegating authenticator,
// anonymous off, results cached 2 min), then authorized by a SubjectAccessReview with the --config-file's
// resourceAttributes and the verb from the HTTP method (delegating authorizer, allow cached 5 min, deny 30 s).
// --ignore-paths are proxied without either. The Authorization header is not passed upstream.
// Flags it does not know make it exit, so a flag the product starts rendering cannot pass unnoticed.
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"flag"
	"fmt"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"path"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/apiserver/pkg/apis/apiserver"
	"k8s.io/apiserver/pkg/authentication/authenticator"
	"k8s.io/apiserver/pkg/authentication/authenticatorfactory"
	"k8s.io/apiserver/pkg/authorization/authorizer"
	"k8s.io/apiserver/pkg/authorization/authorizerfactory"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/yaml"
)

// The API server address a pod can reach. kube-testenv's node has no kube-proxy, so the `kubernetes` Service's
// ClusterIP (what in-cluster config uses) does not route; the test bakes a reachable address into the image.
const apiServerEnv = "AUTHPROXY_STANDIN_APISERVER"

// The name the API server's certificate is checked against when apiServerEnv is used (a SAN of its certificate).
const apiServerNameEnv = "AUTHPROXY_STANDIN_APISERVER_NAME"

type resourceAttributes struct {
	Namespace   string `json:"namespace,omitempty"`
	APIGroup    string `json:"apiGroup,omitempty"`
	APIVersion  string `json:"apiVersion,omitempty"`
	Resource    string `json:"resource,omitempty"`
	Subresource string `json:"subresource,omitempty"`
	Name        string `json:"name,omitempty"`
}

type configFile struct {
	Authorization struct {
		ResourceAttributes *resourceAttributes `json:"resourceAttributes,omitempty"`
	} `json:"authorization"`
}

func main() {
	secure := flag.String("secure-listen-address", "", "HTTPS listen address")
	insecure := flag.String("insecure-listen-address", "", "plain HTTP listen address")
	certFile := flag.String("tls-cert-file", "", "serving certificate (PEM); self-signed when empty")
	keyFile := flag.String("tls-private-key-file", "", "serving key (PEM)")
	upstream := flag.String("upstream", "", "upstream URL")
	ignorePaths := flag.String("ignore-paths", "", "comma-separated path patterns proxied without auth")
	audiences := flag.String("auth-token-audiences", "", "comma-separated token audiences")
	config := flag.String("config-file", "", "kube-rbac-proxy configuration file")
	flag.Parse()
	if flag.NArg() > 0 {
		log.Fatalf("unexpected arguments: %v", flag.Args())
	}
	if *upstream == "" || (*secure == "" && *insecure == "") {
		log.Fatal("--upstream and a listen address are required")
	}
	handler, err := newHandler(*upstream, split(*ignorePaths), split(*audiences), *config)
	if err != nil {
		log.Fatal(err)
	}
	errs := make(chan error, 2)
	if *insecure != "" {
		go func() {
			errs <- (&http.Server{Addr: *insecure, Handler: handler, ReadHeaderTimeout: 30 * time.Second}).ListenAndServe()
		}()
		log.Printf("listening (http) on %s", *insecure)
	}
	if *secure != "" {
		cert, err := servingCert(*certFile, *keyFile)
		if err != nil {
			log.Fatal(err)
		}
		srv := &http.Server{Addr: *secure, Handler: handler, ReadHeaderTimeout: 30 * time.Second, TLSConfig: &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}}
		go func() { errs <- srv.ListenAndServeTLS("", "") }()
		log.Printf("listening (https) on %s", *secure)
	}
	log.Fatal(<-errs)
}

func split(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func clientConfig() (*rest.Config, error) {
	c, err := rest.InClusterConfig()
	if err != nil {
		return nil, err
	}
	if addr := os.Getenv(apiServerEnv); addr != "" {
		c.Host = addr
		c.TLSClientConfig.ServerName = os.Getenv(apiServerNameEnv)
	}
	return c, nil
}

func newHandler(upstream string, ignore, audiences []string, configPath string) (http.Handler, error) {
	up, err := url.Parse(upstream)
	if err != nil {
		return nil, fmt.Errorf("--upstream: %w", err)
	}
	var cfg configFile
	if configPath != "" {
		b, err := os.ReadFile(configPath)
		if err != nil {
			return nil, err
		}
		if err := yaml.UnmarshalStrict(b, &cfg); err != nil {
			return nil, fmt.Errorf("%s: %w", configPath, err)
		}
	}
	rc, err := clientConfig()
	if err != nil {
		return nil, err
	}
	client, err := kubernetes.NewForConfig(rc)
	if err != nil {
		return nil, err
	}
	// kube-rbac-proxy passes options.DefaultAuthWebhookRetryBackoff(); these are its values.
	backoff := wait.Backoff{Duration: 500 * time.Millisecond, Factor: 1.5, Jitter: 0.2, Steps: 5}
	authn, _, err := authenticatorfactory.DelegatingAuthenticatorConfig{
		Anonymous:               &apiserver.AnonymousAuthConfig{Enabled: false},
		CacheTTL:                2 * time.Minute,
		TokenAccessReviewClient: client.AuthenticationV1(),
		APIAudiences:            authenticator.Audiences(audiences),
		WebhookRetryBackoff:     &backoff,
	}.New()
	if err != nil {
		return nil, err
	}
	authz, err := authorizerfactory.DelegatingAuthorizerConfig{
		SubjectAccessReviewClient: client.AuthorizationV1(),
		AllowCacheTTL:             5 * time.Minute,
		DenyCacheTTL:              30 * time.Second,
		WebhookRetryBackoff:       &backoff,
	}.New()
	if err != nil {
		return nil, err
	}
	proxy := httputil.NewSingleHostReverseProxy(up)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, p := range ignore {
			if ok, _ := path.Match(p, r.URL.Path); ok {
				proxy.ServeHTTP(w, r)
				return
			}
		}
		ctx := r.Context()
		if len(audiences) > 0 {
			ctx = authenticator.WithAudiences(ctx, audiences)
		}
		res, ok, err := authn.AuthenticateRequest(r.WithContext(ctx))
		if err != nil || !ok {
			if err != nil {
				log.Printf("unable to authenticate the request: %v", err)
			}
			http.Error(w, "Unauthorized", http.StatusUnauthorized)
			return
		}
		attrs := attributes(res, r, cfg.Authorization.ResourceAttributes)
		decision, reason, err := authz.Authorize(ctx, attrs)
		if err != nil {
			http.Error(w, fmt.Sprintf("Authorization error (user=%s, verb=%s, resource=%s, subresource=%s)", res.User.GetName(), attrs.GetVerb(), attrs.GetResource(), attrs.GetSubresource()), http.StatusInternalServerError)
			return
		}
		if decision != authorizer.DecisionAllow {
			log.Printf("forbidden: user=%s verb=%s reason=%q", res.User.GetName(), attrs.GetVerb(), reason)
			http.Error(w, fmt.Sprintf("Forbidden (user=%s, verb=%s, resource=%s, subresource=%s)", res.User.GetName(), attrs.GetVerb(), attrs.GetResource(), attrs.GetSubresource()), http.StatusForbidden)
			return
		}
		r.Header.Del("Authorization")
		proxy.ServeHTTP(w, r)
	}), nil
}

// attributes are what kube-rbac-proxy asks about: the configured resource, or the request path when none is set.
func attributes(res *authenticator.Response, r *http.Request, ra *resourceAttributes) authorizer.AttributesRecord {
	verb := "*"
	switch r.Method {
	case http.MethodPost:
		verb = "create"
	case http.MethodGet:
		verb = "get"
	case http.MethodPut:
		verb = "update"
	case http.MethodPatch:
		verb = "patch"
	case http.MethodDelete:
		verb = "delete"
	}
	if ra == nil {
		return authorizer.AttributesRecord{User: res.User, Verb: verb, Path: r.URL.Path}
	}
	return authorizer.AttributesRecord{User: res.User, Verb: verb, Namespace: ra.Namespace, APIGroup: ra.APIGroup, APIVersion: ra.APIVersion,
		Resource: ra.Resource, Subresource: ra.Subresource, Name: ra.Name, ResourceRequest: true}
}

// servingCert loads the given pair, or makes a self-signed one as kube-rbac-proxy does without --tls-cert-file.
func servingCert(certFile, keyFile string) (tls.Certificate, error) {
	if certFile != "" {
		return tls.LoadX509KeyPair(certFile, keyFile)
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	host, _ := os.Hostname()
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: host}, NotBefore: time.Now().Add(-time.Hour),
		NotAfter: time.Now().Add(365 * 24 * time.Hour), DNSNames: []string{host}, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}
