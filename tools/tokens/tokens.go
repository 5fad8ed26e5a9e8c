// Package tokens counts model tokens with the o200k_base encoding, offline,
// to keep the server's context footprint measured rather than guessed.
package tokens

import (
	"sync"

	tiktoken "github.com/pkoukk/tiktoken-go"
	loader "github.com/pkoukk/tiktoken-go-loader"
)

// Encoding is the tokenizer used for every budget figure.
const Encoding = "o200k_base"

var (
	once sync.Once
	enc  *tiktoken.Tiktoken
	err  error
)

// Count returns the number of o200k_base tokens in text.
func Count(text string) (int, error) {
	once.Do(func() {
		tiktoken.SetBpeLoader(loader.NewOfflineLoader())
		enc, err = tiktoken.GetEncoding(Encoding)
	})
	if err != nil {
		return 0, err
	}
	return len(enc.Encode(text, nil, nil)), nil
}
