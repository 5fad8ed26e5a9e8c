package deploy

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	apiv0 "github.com/modelcontextprotocol/registry/pkg/api/v0"
	"github.com/modelcontextprotocol/registry/pkg/model"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// registrySchema compiles the published server.json schema of the given
// version. The MCP registry module (a dependency of this module: its Go types
// decode server.json below) carries the released schemas, synced from
// static.modelcontextprotocol.io, in internal/validators/schemas/; they are
// read from the module cache, so the check runs offline.
func registrySchema(t *testing.T, version string) *jsonschema.Schema {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/modelcontextprotocol/registry").Output()
	if err != nil {
		t.Fatalf("locating the registry module: %v", err)
	}
	path := filepath.Join(strings.TrimSpace(string(out)), "internal", "validators", "schemas", version+".json")
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("the registry module has no schema %s: %v", version, err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(path, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// serverJSONFiles are the entries to check: the template in registry/, and
// the one a release build generated when SERVER_JSON names it
// (e2e/release-check.sh sets it).
func serverJSONFiles() []string {
	files := []string{"registry/server.json"}
	if f := os.Getenv("SERVER_JSON"); f != "" {
		files = append(files, f)
	}
	return files
}

// mcpbManifest is the part of mcpb/manifest.json the registry entry must agree with.
type mcpbManifest struct {
	Server struct {
		MCPConfig struct {
			Env map[string]string `json:"env"`
		} `json:"mcp_config"`
	} `json:"server"`
	UserConfig map[string]struct {
		Required  bool `json:"required"`
		Sensitive bool `json:"sensitive"`
	} `json:"user_config"`
}

func TestServerJSON(t *testing.T) {
	var manifest mcpbManifest
	data, err := os.ReadFile("mcpb/manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &manifest); err != nil {
		t.Fatal(err)
	}
	githubRelease := regexp.MustCompile(`^https://github\.com/([^/]+)/([^/]+)/releases/download/[^/]+/[^/]+\.mcpb$`)

	for _, file := range serverJSONFiles() {
		t.Run(file, func(t *testing.T) {
			raw, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			// The registry's own Go type, strictly: no field it does not know.
			var s apiv0.ServerJSON
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&s); err != nil {
				t.Fatalf("decoding into the registry's ServerJSON: %v", err)
			}
			// The published JSON schema it names, which must be the registry's current one.
			if s.Schema != model.CurrentSchemaURL {
				t.Errorf("$schema %s, want the registry's current %s", s.Schema, model.CurrentSchemaURL)
			}
			m := regexp.MustCompile(`/schemas/([A-Za-z0-9_~.-]+)/server\.schema\.json$`).FindStringSubmatch(s.Schema)
			if m == nil {
				t.Fatalf("$schema %q is not a registry schema URL", s.Schema)
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			if err := registrySchema(t, m[1]).Validate(inst); err != nil {
				t.Errorf("against the %s schema: %v", m[1], err)
			}

			// The registry's publishing rules (internal/validators in the
			// registry) that the schema does not express.
			if s.Repository == nil {
				t.Fatal("no repository")
			}
			repo, err := url.Parse(s.Repository.URL)
			if err != nil {
				t.Fatalf("repository %+v: %v", s.Repository, err)
			}
			owner := strings.Split(strings.Trim(repo.Path, "/"), "/")[0]
			if want := "io.github." + owner + "/"; !strings.HasPrefix(s.Name, want) {
				t.Errorf("name %s: publishing with GitHub sign-in needs the prefix %s", s.Name, want)
			}
			if len(s.Packages) != 1 || s.Packages[0].RegistryType != model.RegistryTypeMCPB {
				t.Fatalf("packages %+v, want the one .mcpb bundle", s.Packages)
			}
			p := s.Packages[0]
			if g := githubRelease.FindStringSubmatch(p.Identifier); g == nil || g[1] != owner || !strings.Contains(strings.ToLower(p.Identifier), "mcp") {
				t.Errorf("identifier %s: an .mcpb must be a release asset of %s, with \"mcp\" in its URL", p.Identifier, s.Repository.URL)
			}
			if p.RegistryBaseURL != "" || p.FileSHA256 == "" || p.Transport.Type != model.TransportTypeStdio {
				t.Errorf("an .mcpb package needs fileSha256, a stdio transport and no registryBaseUrl: %+v", p)
			}
			if p.Version != s.Version {
				t.Errorf("package version %s, server version %s", p.Version, s.Version)
			}

			// The bundle's environment, as the registry describes it.
			declared := map[string]model.KeyValueInput{}
			for _, e := range p.EnvironmentVariables {
				declared[e.Name] = e
			}
			if len(declared) != len(manifest.Server.MCPConfig.Env) {
				t.Errorf("server.json declares %d environment variables, the bundle sets %d", len(declared), len(manifest.Server.MCPConfig.Env))
			}
			for name, value := range manifest.Server.MCPConfig.Env {
				key := strings.TrimSuffix(strings.TrimPrefix(value, "${user_config."), "}")
				uc, ok := manifest.UserConfig[key]
				e, declaredOK := declared[name]
				switch {
				case !ok:
					t.Errorf("manifest env %s=%s names no user_config field", name, value)
				case !declaredOK:
					t.Errorf("server.json does not declare %s", name)
				case e.IsRequired != uc.Required || e.IsSecret != uc.Sensitive:
					t.Errorf("%s: server.json isRequired=%v isSecret=%v, manifest required=%v sensitive=%v", name, e.IsRequired, e.IsSecret, uc.Required, uc.Sensitive)
				}
			}
		})
	}
}
