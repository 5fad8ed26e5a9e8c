package mcpserver

import (
	"context"
	"io"
	"log/slog"

	"github.com/mark3labs/mcp-go/server"
)

// stdioWorkers is how many stdio requests are handled at once.
const stdioWorkers = 32

// ServeStdio serves s over stdin/stdout until in closes or ctx is done.
// stdout carries protocol messages only; errors go to logger.
func ServeStdio(ctx context.Context, s *server.MCPServer, in io.Reader, out io.Writer, logger *slog.Logger) error {
	stdio := server.NewStdioServer(s)
	// Enough workers that concurrent calls from one client do not queue
	// behind each other while they wait on Leiga.
	server.WithWorkerPoolSize(stdioWorkers)(stdio)
	server.WithQueueSize(4 * stdioWorkers)(stdio)
	stdio.SetErrorLogger(slog.NewLogLogger(logger.Handler(), slog.LevelError))
	err := stdio.Listen(ctx, in, out)
	if err == nil || err == context.Canceled || err == io.EOF {
		return nil
	}
	return err
}
