package sandbox

// day is one day in milliseconds.
const day = 24 * 60 * 60 * 1000

// ceilDays converts a millisecond span to whole days, rounding up.
func ceilDays(ms int64) int64 {
	d := ms / day
	if ms%day > 0 {
		d++
	}
	return d
}

// checkDateOrder rejects an end date before startDate when both are set;
// endName is the end date's parameter name.
func checkDateOrder(start, end int64, endName string) error {
	if start != 0 && end != 0 && end < start {
		return badRequest("%s must not be before startDate", endName)
	}
	return nil
}
