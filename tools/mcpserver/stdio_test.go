package mcpserver

import (
	"bufio"
	"context"
	"io"
	"strings"
	"testing"
	"time"
)

// stdioPeer is a client on the other end of ServeStdio.
type stdioPeer struct {
	t    *testing.T
	in   *io.PipeWriter
	out  *bufio.Reader
	done chan error
}

// startStdio serves testMCPServer over pipes until the test ends.
func startStdio(t *testing.T, cfg StdioConfig) *stdioPeer {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	p := &stdioPeer{t: t, in: inW, out: bufio.NewReader(outR), done: make(chan error, 1)}
	go func() {
		p.done <- ServeStdio(ctx, testMCPServer(0), inR, outW, cfg)
		outW.Close()
	}()
	t.Cleanup(func() {
		inW.Close()
		cancel()
		select {
		case <-p.done:
		case <-time.After(10 * time.Second):
			t.Error("ServeStdio did not return")
		}
	})
	return p
}

// send writes one line.
func (p *stdioPeer) send(msg string) {
	p.t.Helper()
	if _, err := io.WriteString(p.in, msg+"\n"); err != nil {
		p.t.Fatal(err)
	}
}

// recv reads one line, failing after 10 s.
func (p *stdioPeer) recv() []byte {
	p.t.Helper()
	type line struct {
		b   []byte
		err error
	}
	c := make(chan line, 1)
	go func() {
		b, err := p.out.ReadBytes('\n')
		c <- line{b, err}
	}()
	select {
	case l := <-c:
		if l.err != nil {
			p.t.Fatalf("reading stdout: %v", l.err)
		}
		return l.b
	case <-time.After(10 * time.Second):
		p.t.Fatal("no reply within 10 s")
		return nil
	}
}

func TestStdioEdgeCases(t *testing.T) {
	p := startStdio(t, StdioConfig{})
	p.send(initBody)
	if id, code := replyParts(t, p.recv()); id != "1" || code != 0 {
		t.Fatalf("initialize: id %s code %d", id, code)
	}
	for _, tt := range edgeCases {
		t.Run(tt.name, func(t *testing.T) {
			p.t = t
			p.send(tt.msg)
			reply := p.recv()
			id, code := replyParts(t, reply)
			if id != tt.wantID || code != tt.code {
				t.Errorf("reply %s: id %s code %d, want id %s code %d", reply, id, code, tt.wantID, tt.code)
			}
		})
	}
}

func TestStdioRefusesRequestsBeforeInitialize(t *testing.T) {
	p := startStdio(t, StdioConfig{})
	p.send(callMsg)
	reply := p.recv()
	if id, code := replyParts(t, reply); id != "3" || code != codeInvalidRequest || !strings.Contains(string(reply), "send initialize first") {
		t.Errorf("tools/call before initialize answered %s", reply)
	}
	p.send(pingMsg)
	if id, code := replyParts(t, p.recv()); id != "2" || code != 0 {
		t.Errorf("ping before initialize: id %s code %d", id, code)
	}
	p.send(initBody)
	p.recv()
	p.send(callMsg)
	if reply := p.recv(); !strings.Contains(string(reply), `"text":"ran"`) {
		t.Errorf("tools/call after initialize answered %s", reply)
	}
}

func TestStdioMessageSizeLimit(t *testing.T) {
	p := startStdio(t, StdioConfig{MaxMessage: 1024})
	p.send(initBody)
	p.recv()
	big := `{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"echo","arguments":{"pad":"` + strings.Repeat("x", 2048) + `"}}}`
	p.send(big)
	reply := p.recv()
	if id, code := replyParts(t, reply); id != "null" || code != codeInvalidRequest || !strings.Contains(string(reply), "larger than 1024 bytes") {
		t.Errorf("oversized message answered %s", reply)
	}
	// The stream goes on with the next message.
	p.send(callMsg)
	if reply := p.recv(); !strings.Contains(string(reply), `"text":"ran"`) {
		t.Errorf("next call answered %s", reply)
	}
}
