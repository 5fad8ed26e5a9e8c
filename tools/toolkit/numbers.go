package toolkit

import "strconv"

// parseInt reads a JSON number's raw bytes as an int (a float is cut).
func parseInt(raw []byte) (int, error) {
	if n, err := strconv.ParseInt(string(raw), 10, 64); err == nil {
		return int(n), nil
	}
	f, err := strconv.ParseFloat(string(raw), 64)
	return int(f), err
}
