package tools

// assistantTools are the tools that work by names instead of ids.
func assistantTools() []Tool {
	return nil
}
