package auth

import (
	"net/http"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
)

// isRejection reports whether err means the credentials themselves were
// refused (as opposed to a network failure, a timeout or a 5xx, which may
// pass).
func isRejection(err error) bool {
	e, ok := leigaapi.AsError(err)
	if !ok {
		return false
	}
	switch e.Kind {
	case leigaapi.KindAuth, leigaapi.KindEnvelope:
		return true
	case leigaapi.KindHTTP:
		s := e.HTTPStatus
		return s >= 400 && s < 500 && s != http.StatusRequestTimeout && s != http.StatusTooManyRequests
	}
	return false
}
