package deploy

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/validation"
	"sigs.k8s.io/yaml"
)

// manifests are the decoded objects of kubernetes/*.yaml.
type manifests struct {
	deployment *appsv1.Deployment
	service    *corev1.Service
	hpa        *autoscalingv2.HorizontalPodAutoscaler
	secret     *corev1.Secret
}

// newObject returns the typed Kubernetes object for an apiVersion and kind.
func newObject(apiVersion, kind string) (any, error) {
	switch apiVersion + " " + kind {
	case "apps/v1 Deployment":
		return &appsv1.Deployment{}, nil
	case "v1 Service":
		return &corev1.Service{}, nil
	case "autoscaling/v2 HorizontalPodAutoscaler":
		return &autoscalingv2.HorizontalPodAutoscaler{}, nil
	case "v1 Secret":
		return &corev1.Secret{}, nil
	}
	return nil, fmt.Errorf("unexpected object %s %s", apiVersion, kind)
}

// decodeObject decodes one YAML document into its Kubernetes API type,
// strictly: a field the type does not have (a typo, a wrong nesting), a
// duplicate key or a value of the wrong type is an error.
func decodeObject(doc []byte) (any, error) {
	var tm metav1.TypeMeta
	if err := yaml.Unmarshal(doc, &tm); err != nil {
		return nil, err
	}
	obj, err := newObject(tm.APIVersion, tm.Kind)
	if err != nil {
		return nil, err
	}
	if err := yaml.UnmarshalStrict(doc, obj); err != nil {
		return nil, fmt.Errorf("%s: %w", tm.Kind, err)
	}
	return obj, nil
}

// loadManifests decodes every document of kubernetes/*.yaml with decodeObject.
func loadManifests(t *testing.T) manifests {
	t.Helper()
	files, err := filepath.Glob("kubernetes/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no manifests in kubernetes/: %v", err)
	}
	var m manifests
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for i, doc := range bytes.Split(data, []byte("\n---\n")) {
			obj, err := decodeObject(doc)
			if err != nil {
				t.Fatalf("%s document %d: %v", file, i+1, err)
			}
			switch o := obj.(type) {
			case *appsv1.Deployment:
				m.deployment = o
			case *corev1.Service:
				m.service = o
			case *autoscalingv2.HorizontalPodAutoscaler:
				m.hpa = o
			case *corev1.Secret:
				m.secret = o
			}
		}
	}
	if m.deployment == nil || m.service == nil || m.hpa == nil || m.secret == nil {
		t.Fatalf("want a Deployment, a Service, a HorizontalPodAutoscaler and a Secret; got %+v", m)
	}
	return m
}

func TestDecodeObjectIsStrict(t *testing.T) {
	tests := []struct {
		name, doc, wantErr string
	}{
		{"valid", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n    - port: 80\n", ""},
		{"unknown field", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replica: 2\n", `unknown field "replica"`},
		{"wrong nesting", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nports:\n  - port: 80\n", `unknown field "ports"`},
		{"wrong type", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports: 80\n", "cannot unmarshal number"},
		{"duplicate key", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  name: t\n", `key "name" already set`},
		{"unexpected kind", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n", "unexpected object v1 ConfigMap"},
		{"old API version", "apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\n", "unexpected object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeObject([]byte(tt.doc))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestManifestsDecodeStrictly(t *testing.T) {
	m := loadManifests(t)
	objects := []struct {
		kind string
		meta metav1.ObjectMeta
	}{
		{"Deployment", m.deployment.ObjectMeta},
		{"Service", m.service.ObjectMeta},
		{"HorizontalPodAutoscaler", m.hpa.ObjectMeta},
		{"Secret", m.secret.ObjectMeta},
	}
	for _, o := range objects {
		t.Run(o.kind, func(t *testing.T) {
			for _, msg := range validation.IsDNS1123Label(o.meta.Name) {
				t.Errorf("name %q: %s", o.meta.Name, msg)
			}
			if o.meta.Namespace != "" {
				t.Errorf("namespace %q: leave it to kubectl -n", o.meta.Namespace)
			}
			if o.meta.Labels["app.kubernetes.io/name"] != "leiga-mcp" {
				t.Errorf("labels %v lack app.kubernetes.io/name: leiga-mcp", o.meta.Labels)
			}
			for k, v := range o.meta.Labels {
				for _, msg := range append(validation.IsQualifiedName(k), validation.IsValidLabelValue(v)...) {
					t.Errorf("label %s=%s: %s", k, v, msg)
				}
			}
		})
	}
}

// The container the Deployment runs.
func container(t *testing.T, d *appsv1.Deployment) corev1.Container {
	t.Helper()
	if n := len(d.Spec.Template.Spec.Containers); n != 1 {
		t.Fatalf("%d containers, want 1", n)
	}
	return d.Spec.Template.Spec.Containers[0]
}

// env returns the container's env var name, or fails.
func env(t *testing.T, c corev1.Container, name string) corev1.EnvVar {
	t.Helper()
	for _, e := range c.Env {
		if e.Name == name {
			return e
		}
	}
	t.Fatalf("container has no env var %s", name)
	return corev1.EnvVar{}
}

func TestDeploymentWiring(t *testing.T) {
	m := loadManifests(t)
	d := m.deployment
	c := container(t, d)
	podLabels := d.Spec.Template.Labels

	sel, err := metav1.LabelSelectorAsSelector(d.Spec.Selector)
	if err != nil {
		t.Fatal(err)
	}
	port := func(name string) *corev1.ContainerPort {
		for i := range c.Ports {
			if c.Ports[i].Name == name {
				return &c.Ports[i]
			}
		}
		return nil
	}
	probe := func(p *corev1.Probe) string {
		if p == nil || p.HTTPGet == nil {
			return "<none>"
		}
		return p.HTTPGet.Path + " on " + p.HTTPGet.Port.String()
	}
	secretKeys := func(name string) []string {
		if name != m.secret.Name {
			return nil
		}
		var keys []string
		for k := range m.secret.StringData {
			keys = append(keys, k)
		}
		for k := range m.secret.Data {
			keys = append(keys, k)
		}
		return keys
	}

	checks := []struct {
		name string
		ok   bool
		got  any
	}{
		{"the selector matches the pod template's labels", sel.Matches(labels.Set(podLabels)), d.Spec.Selector},
		{"the Service selects the pods", labelsSubset(m.service.Spec.Selector, podLabels), m.service.Spec.Selector},
		{"the Service's targetPort names a container port", port(m.service.Spec.Ports[0].TargetPort.String()) != nil, m.service.Spec.Ports[0].TargetPort.String()},
		{"the HPA scales this Deployment", m.hpa.Spec.ScaleTargetRef == autoscalingv2.CrossVersionObjectReference{APIVersion: "apps/v1", Kind: "Deployment", Name: d.Name}, m.hpa.Spec.ScaleTargetRef},
		{"the HPA keeps at least 2 replicas", m.hpa.Spec.MinReplicas != nil && *m.hpa.Spec.MinReplicas >= 2 && m.hpa.Spec.MaxReplicas > *m.hpa.Spec.MinReplicas, m.hpa.Spec},
		{"liveness probe: GET /healthz on the http port", probe(c.LivenessProbe) == "/healthz on http" && port("http") != nil, probe(c.LivenessProbe)},
		{"readiness probe: GET /readyz on the http port", probe(c.ReadinessProbe) == "/readyz on http", probe(c.ReadinessProbe)},
		{"serves streamable HTTP on all interfaces at the http port", slices.Contains(c.Args, "--transport=http") && port("http") != nil && slices.Contains(c.Args, "--addr=0.0.0.0:"+strconv.Itoa(int(port("http").ContainerPort))), c.Args},
		{"runs stateless, so that any replica answers any request", slices.Contains(c.Args, "--stateless"), c.Args},
		{"the Service has no session affinity (the replicas are stateless)", m.service.Spec.SessionAffinity == "" || m.service.Spec.SessionAffinity == corev1.ServiceAffinityNone, m.service.Spec.SessionAffinity},
		{"the image has a version tag", regexp.MustCompile(`:v\d+\.\d+\.\d+$`).MatchString(c.Image), c.Image},
	}
	for _, ref := range []string{"LEIGA_CLIENT_ID", "LEIGA_SECRET", "LEIGA_MCP_AUTH_TOKEN"} {
		e := env(t, c, ref)
		ok := e.Value == "" && e.ValueFrom != nil && e.ValueFrom.SecretKeyRef != nil &&
			slices.Contains(secretKeys(e.ValueFrom.SecretKeyRef.Name), e.ValueFrom.SecretKeyRef.Key)
		checks = append(checks, struct {
			name string
			ok   bool
			got  any
		}{ref + " comes from a key of the Secret", ok, e.ValueFrom})
	}
	for _, ch := range checks {
		if !ch.ok {
			t.Errorf("%s: got %+v", ch.name, ch.got)
		}
	}
	for k, v := range m.secret.StringData {
		if !strings.HasPrefix(v, "REPLACE-") {
			t.Errorf("Secret key %s holds %q: commit only REPLACE-… placeholders", k, v)
		}
	}
}

func TestDeploymentSecurity(t *testing.T) {
	m := loadManifests(t)
	pod := m.deployment.Spec.Template.Spec
	c := container(t, m.deployment)
	sc := c.SecurityContext
	if sc == nil || pod.SecurityContext == nil {
		t.Fatal("pod and container need a securityContext")
	}
	tests := []struct {
		name string
		ok   bool
	}{
		{"pod runAsNonRoot", pod.SecurityContext.RunAsNonRoot != nil && *pod.SecurityContext.RunAsNonRoot},
		{"pod runs as a non-zero uid", pod.SecurityContext.RunAsUser != nil && *pod.SecurityContext.RunAsUser != 0},
		{"container runAsNonRoot", sc.RunAsNonRoot != nil && *sc.RunAsNonRoot},
		{"readOnlyRootFilesystem", sc.ReadOnlyRootFilesystem != nil && *sc.ReadOnlyRootFilesystem},
		{"no privilege escalation", sc.AllowPrivilegeEscalation != nil && !*sc.AllowPrivilegeEscalation},
		{"all capabilities dropped", sc.Capabilities != nil && slices.Contains(sc.Capabilities.Drop, "ALL")},
		{"RuntimeDefault seccomp profile", pod.SecurityContext.SeccompProfile != nil && pod.SecurityContext.SeccompProfile.Type == corev1.SeccompProfileTypeRuntimeDefault},
		{"no service account token", pod.AutomountServiceAccountToken != nil && !*pod.AutomountServiceAccountToken},
		{"no token cache file on the read-only filesystem", env(t, c, "LEIGA_TOKEN_CACHE").Value == "off"},
	}
	for _, tt := range tests {
		if !tt.ok {
			t.Errorf("%s: no", tt.name)
		}
	}
}

func TestDeploymentResources(t *testing.T) {
	c := container(t, loadManifests(t).deployment)
	r := c.Resources
	for _, name := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
		if _, ok := r.Requests[name]; !ok {
			t.Errorf("no %s request", name)
		}
		if _, ok := r.Limits[name]; !ok {
			t.Errorf("no %s limit", name)
		}
	}
	req, lim := r.Requests[corev1.ResourceMemory], r.Limits[corev1.ResourceMemory]
	// Sized from the measured RSS (see deployment.yaml): request about 2x
	// the steady RSS, limit about 4x, so the limit is twice the request.
	if lim.Value() != 2*req.Value() {
		t.Errorf("memory limit %s is not twice the request %s", lim.String(), req.String())
	}
	if min := resource.MustParse("52Mi"); req.Cmp(min) < 0 {
		t.Errorf("memory request %s is below 52Mi, under about 2x the measured steady RSS (~28 MiB with the metrics library)", req.String())
	}
	goMemLimit := env(t, c, "GOMEMLIMIT").Value
	n, err := parseGoMemLimit(goMemLimit)
	if err != nil {
		t.Fatal(err)
	}
	if n >= lim.Value() || n < req.Value() {
		t.Errorf("GOMEMLIMIT %s (%d bytes) should lie between the memory request %s and the limit %s", goMemLimit, n, req.String(), lim.String())
	}
}

// parseGoMemLimit parses a GOMEMLIMIT value: bytes with an optional B, KiB,
// MiB, GiB or TiB suffix.
func parseGoMemLimit(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   int64
	}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"B", 1}}
	mult := int64(1)
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSuffix(s, u.suffix), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("GOMEMLIMIT %q: %v", s, err)
	}
	return n * mult, nil
}

func TestParseGoMemLimit(t *testing.T) {
	tests := []struct {
		in      string
		want    int64
		wantErr bool
	}{
		{"80MiB", 80 << 20, false},
		{"1GiB", 1 << 30, false},
		{"1048576", 1 << 20, false},
		{"512B", 512, false},
		{"80MB", 0, true},
		{"", 0, true},
	}
	for _, tt := range tests {
		got, err := parseGoMemLimit(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("parseGoMemLimit(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

// labelsSubset reports whether every label of sub is in set.
func labelsSubset(sub, set map[string]string) bool {
	if len(sub) == 0 {
		return false
	}
	for k, v := range sub {
		if set[k] != v {
			return false
		}
	}
	return true
}
