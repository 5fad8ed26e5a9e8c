package deploy

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
	"sigs.k8s.io/yaml"

	appsv1 "k8s.io/api/apps/v1"
)

// parseDockerfile parses a Dockerfile with BuildKit's own parser and
// instruction decoder (what `docker build` runs first), with its linter
// (`docker build --check`) reporting every warning, experimental rules too.
func parseDockerfile(src []byte) ([]instructions.Stage, []string, error) {
	res, err := parser.Parse(bytes.NewReader(src))
	if err != nil {
		return nil, nil, err
	}
	var warnings []string
	for _, w := range res.Warnings {
		warnings = append(warnings, w.Short)
	}
	lint := linter.New(&linter.Config{
		ExperimentalAll: true,
		Warn: func(rule, _, _, msg string, _ []parser.Range) {
			warnings = append(warnings, rule+": "+msg)
		},
	})
	stages, _, err := instructions.Parse(res.AST, lint)
	return stages, warnings, err
}

func TestParseDockerfileRejects(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unknown instruction", "FROM scratch\nCOPPY a b\n", "unknown instruction"},
		{"bad flag", "FROM scratch\nCOPY --frm=build a b\n", "unknown flag"},
		{"no FROM", "RUN true\n", "no build stage"},
		{"lint: FROM and AS casing", "FROM scratch as build\n", "FromAsCasing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, warnings, err := parseDockerfile([]byte(tt.src))
			got := strings.Join(warnings, "\n")
			if err != nil {
				got += "\n" + err.Error()
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// releaseFlags reads the go build flags of e2e/release.sh: BUILD_FLAGS and
// LDFLAGS with $PKG expanded and the stamped values as $VERSION, $COMMIT,
// $BUILD_DATE.
func releaseFlags(t *testing.T) (buildFlags, ldflags string) {
	t.Helper()
	src, err := os.ReadFile("../e2e/release.sh")
	if err != nil {
		t.Fatal(err)
	}
	get := func(re string) string {
		m := regexp.MustCompile(re).FindSubmatch(src)
		if m == nil {
			t.Fatalf("e2e/release.sh has no line matching %s", re)
		}
		return string(m[1])
	}
	pkg := get(`(?m)^PKG=(\S+)$`)
	ldflags = strings.ReplaceAll(get(`(?m)^LDFLAGS="([^"]+)"$`), "$PKG", pkg)
	return get(`(?m)^BUILD_FLAGS=\(([^)]+)\)$`), ldflags
}

func TestDockerfile(t *testing.T) {
	src, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	stages, warnings, err := parseDockerfile(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range warnings {
		t.Errorf("lint: %s", w)
	}
	if len(stages) != 2 {
		t.Fatalf("%d stages, want 2 (build, then the runtime image)", len(stages))
	}
	build, final := stages[0], stages[1]

	var goBuild string
	for _, c := range build.Commands {
		if r, ok := c.(*instructions.RunCommand); ok && strings.Contains(strings.Join(r.CmdLine, " "), "go build") {
			goBuild = strings.Join(strings.Fields(strings.ReplaceAll(strings.Join(r.CmdLine, " "), "\\\n", " ")), " ")
		}
	}
	var user, entrypoint string
	var exposed []string
	copiesBinary := false
	for _, c := range final.Commands {
		switch c := c.(type) {
		case *instructions.UserCommand:
			user = c.User
		case *instructions.EntrypointCommand:
			entrypoint = strings.Join(c.CmdLine, " ")
		case *instructions.ExposeCommand:
			exposed = append(exposed, c.Ports...)
		case *instructions.CopyCommand:
			copiesBinary = copiesBinary || c.From == build.Name
		case *instructions.RunCommand:
			t.Errorf("the runtime stage runs %q: it has no shell, keep it to COPY", c.CmdLine)
		}
	}

	// The go build command, with the build args spelled as release.sh's variables.
	norm := strings.NewReplacer("${VERSION}", "$VERSION", "${COMMIT}", "$COMMIT", "${BUILD_DATE}", "$BUILD_DATE").Replace(goBuild)
	buildFlags, ldflags := releaseFlags(t)
	uid := regexp.MustCompile(`^(\d+)(:\d+)?$`).FindStringSubmatch(user)

	checks := []struct {
		name string
		ok   bool
		got  string
	}{
		{"the build stage is named and uses the Go image on the builder's platform", build.Name == "build" && strings.HasPrefix(build.BaseName, "golang:") && build.Platform == "$BUILDPLATFORM", build.OrigCmd},
		{"the runtime stage is distroless static or scratch", strings.HasPrefix(final.BaseName, "gcr.io/distroless/static") || final.BaseName == "scratch", final.BaseName},
		{"the runtime stage copies the binary from the build stage", copiesBinary, ""},
		{"a static build for the target platform", strings.Contains(norm, "CGO_ENABLED=0") && strings.Contains(norm, "GOOS=${TARGETOS}") && strings.Contains(norm, "GOARCH=${TARGETARCH}"), norm},
		{"release.sh's build flags (" + buildFlags + ")", strings.Contains(norm, "go build "+buildFlags+" "), norm},
		{"release.sh's -ldflags", strings.Contains(norm, `-ldflags "`+ldflags+`"`), norm + "\nwant -ldflags \"" + ldflags + "\""},
		{"USER is a numeric non-root uid", uid != nil && uid[1] != "0", user},
		{"the entrypoint is the binary", entrypoint == "/leiga-mcp", entrypoint},
		{"it exposes 8080", slices.Equal(exposed, []string{"8080"}), strings.Join(exposed, " ")},
	}
	for _, ch := range checks {
		if !ch.ok {
			t.Errorf("%s: got %s", ch.name, ch.got)
		}
	}

	// The Kubernetes pod runs as the image's user on the image's port.
	data, err := os.ReadFile("kubernetes/deployment.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var d appsv1.Deployment
	if err := yaml.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	if uid != nil && d.Spec.Template.Spec.SecurityContext != nil && d.Spec.Template.Spec.SecurityContext.RunAsUser != nil {
		if got := *d.Spec.Template.Spec.SecurityContext.RunAsUser; uid[1] != strconv.FormatInt(got, 10) {
			t.Errorf("the Deployment runs as uid %d, the image's USER is %s", got, uid[1])
		}
	}
	if ports := d.Spec.Template.Spec.Containers[0].Ports; len(ports) != 1 || ports[0].ContainerPort != 8080 {
		t.Errorf("the Deployment's container ports %+v, want the image's 8080", ports)
	}
}

// TestDockerignoreKeepsTheBuildInputs checks that Dockerfile.dockerignore,
// read with BuildKit's own reader and matcher, leaves every file the server's
// build needs in the context: the Go files and embedded files of every
// package of the main module that `go build .` compiles, go.mod and go.sum.
func TestDockerignoreKeepsTheBuildInputs(t *testing.T) {
	f, err := os.Open("Dockerfile.dockerignore")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	patterns, err := ignorefile.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	pm, err := patternmatcher.New(patterns)
	if err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "list", "-deps", "-f", `{{if .Module}}{{if .Module.Main}}{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}{{range .EmbedFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}{{end}}{{end}}`, ".")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	files := append(strings.Fields(string(out)), filepath.Join(root, "go.mod"), filepath.Join(root, "go.sum"))
	if len(files) < 50 {
		t.Fatalf("go list found only %d build inputs", len(files))
	}
	for _, file := range files {
		rel, err := filepath.Rel(root, file)
		if err != nil {
			t.Fatal(err)
		}
		excluded, err := pm.MatchesOrParentMatches(filepath.ToSlash(rel))
		if err != nil {
			t.Fatal(err)
		}
		if excluded {
			t.Errorf("Dockerfile.dockerignore excludes %s, which the build needs", rel)
		}
	}
	for _, junk := range []string{"dist/leiga-mcp-linux-amd64", "e2e/node_modules/x/index.js", ".git/HEAD", "README.md"} {
		if excluded, _ := pm.MatchesOrParentMatches(junk); !excluded {
			t.Errorf("Dockerfile.dockerignore sends %s to the builder", junk)
		}
	}
}
