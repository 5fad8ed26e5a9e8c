// Package deploy checks the deployment files in this directory offline, with
// the real decoders and schemas of the tools that consume them: the
// Kubernetes manifests (kubernetes/) with the Kubernetes API types, the
// container build file (Dockerfile) with BuildKit's Dockerfile parser, and
// the MCP registry entry (registry/server.json) with the registry's own types
// and published JSON schema. It is a module of its own so that the server's
// module does not depend on any of them. Run: cd deploy && go test ./...
package deploy
