package mcpserver

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"

	"github.com/mark3labs/mcp-go/server"
)

// stdioWorkers is how many stdio requests are handled at once.
const stdioWorkers = 32

// DefaultMaxMessage is the largest message accepted on stdio: room for the
// largest file_upload (25 MiB) sent as base64.
const DefaultMaxMessage = 40 << 20

// StdioConfig configures ServeStdio.
type StdioConfig struct {
	Logger     *slog.Logger // errors go here, never to stdout
	MaxMessage int64        // largest message in bytes; DefaultMaxMessage when 0
}

// ServeStdio serves s over stdin/stdout until in closes or ctx is done.
// stdout carries protocol messages only; errors go to cfg.Logger. Every
// message passes the JSON-RPC gate first (see rpcGate); one larger than
// cfg.MaxMessage is refused with a JSON-RPC error and skipped.
func ServeStdio(ctx context.Context, s *server.MCPServer, in io.Reader, out io.Writer, cfg StdioConfig) error {
	if cfg.MaxMessage <= 0 {
		cfg.MaxMessage = DefaultMaxMessage
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	gate := newRPCGate(true)
	w := &gatedWriter{w: out, gate: gate}
	r := &gatedReader{src: bufio.NewReaderSize(in, 64<<10), gate: gate, replies: w, max: cfg.MaxMessage}
	stdio := server.NewStdioServer(s)
	// Enough workers that concurrent calls from one client do not queue
	// behind each other while they wait on Leiga.
	server.WithWorkerPoolSize(stdioWorkers)(stdio)
	server.WithQueueSize(4 * stdioWorkers)(stdio)
	stdio.SetErrorLogger(slog.NewLogLogger(logger.Handler(), slog.LevelError))
	err := stdio.Listen(ctx, r, w)
	if err == nil || err == context.Canceled || err == io.EOF {
		return nil
	}
	return err
}

// gatedReader hands mcp-go the stdin messages the gate admits, one line
// each, and answers the others itself.
type gatedReader struct {
	src     *bufio.Reader
	gate    *rpcGate
	replies *gatedWriter
	max     int64
	buf     []byte // the admitted line being read, newline included
	err     error  // the input's error, returned once buf is drained
}

// errTooLarge marks a line longer than the message limit.
var errTooLarge = errors.New("message too large")

// Read implements io.Reader.
func (r *gatedReader) Read(p []byte) (int, error) {
	for len(r.buf) == 0 {
		if r.err != nil {
			return 0, r.err
		}
		line, err := r.line()
		switch {
		case errors.Is(err, errTooLarge):
			r.replies.reply(&rpcError{Code: codeInvalidRequest, Message: fmt.Sprintf("Invalid Request: message larger than %d bytes", r.max)})
			continue
		case err != nil:
			r.err = err
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		a, rej := r.gate.admit(line)
		if rej != nil {
			r.replies.reply(rej)
			continue
		}
		r.buf = append(liftBlobs(a.message, a.out), '\n')
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	if len(r.buf) == 0 {
		r.buf = nil // let a large message go
	}
	return n, nil
}

// line reads one line without its newline. A line over the limit is read
// to its end and dropped: errTooLarge.
func (r *gatedReader) line() ([]byte, error) {
	var line []byte
	tooLarge := false
	for {
		chunk, err := r.src.ReadSlice('\n')
		if !tooLarge {
			if int64(len(line)+len(bytes.TrimRight(chunk, "\r\n"))) > r.max {
				tooLarge, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if tooLarge {
			if err != nil {
				r.err = err
			}
			return nil, errTooLarge
		}
		return bytes.TrimRight(line, "\r\n"), err
	}
}

// gatedWriter writes mcp-go's messages to stdout with big ids restored, and
// the gate's own replies; each Write is one whole message.
type gatedWriter struct {
	mu   sync.Mutex
	w    io.Writer
	gate *rpcGate
}

// Write implements io.Writer.
func (w *gatedWriter) Write(p []byte) (int, error) {
	out := w.gate.restore(p)
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, err := w.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// reply writes the gate's error reply as one line.
func (w *gatedWriter) reply(e *rpcError) {
	w.mu.Lock()
	defer w.mu.Unlock()
	_, _ = w.w.Write(append(e.reply(), '\n'))
}
