// Command lipo joins Mach-O executables for different CPUs (darwin/amd64 and
// darwin/arm64) into one universal ("fat") binary, as Apple's lipo -create
// does, so that the macOS build runs natively on Intel and Apple silicon Macs.
// e2e/release.sh uses it for the .mcpb bundle, whose platform_overrides pick a
// binary by operating system only, not by CPU.
//
//	go run ./e2e/lipo -o OUT IN...
//
// Each slice is copied unchanged (an arm64 slice keeps the ad-hoc signature the
// Go linker gives it) at an offset aligned to its CPU's page size; the output
// is read back with debug/macho and compared with its inputs before it is kept.
package main

import (
	"bytes"
	"debug/macho"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
)

// fatMagic is the big-endian magic number of a universal binary.
const fatMagic = 0xcafebabe

// slice is one architecture's executable.
type slice struct {
	cpu    macho.Cpu
	subCpu uint32
	align  uint32 // log2 of the offset alignment
	data   []byte
}

// readSlice reads a thin 64-bit Mach-O executable.
func readSlice(name string) (slice, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return slice{}, err
	}
	f, err := macho.NewFile(bytes.NewReader(data))
	if err != nil {
		return slice{}, fmt.Errorf("%s: %w", name, err)
	}
	defer f.Close()
	s := slice{cpu: f.Cpu, subCpu: f.SubCpu, data: data}
	switch f.Cpu {
	case macho.CpuAmd64:
		s.align = 12 // 4 KiB pages
	case macho.CpuArm64:
		s.align = 14 // 16 KiB pages
	default:
		return slice{}, fmt.Errorf("%s: CPU %v: only amd64 and arm64 are supported", name, f.Cpu)
	}
	return s, nil
}

// join writes the universal binary of slices to w: the fat header, one
// fat_arch record per slice, then the slices at aligned offsets.
func join(w io.Writer, slices []slice) error {
	if len(slices) < 2 {
		return errors.New("need at least two executables")
	}
	sort.Slice(slices, func(i, j int) bool { return slices[i].cpu < slices[j].cpu })
	for i := 1; i < len(slices); i++ {
		if slices[i].cpu == slices[i-1].cpu {
			return fmt.Errorf("two executables for CPU %v", slices[i].cpu)
		}
	}
	var header bytes.Buffer
	put := func(v uint32) { _ = binary.Write(&header, binary.BigEndian, v) }
	put(fatMagic)
	put(uint32(len(slices)))
	offset := uint64(8 + 20*len(slices))
	offsets := make([]uint64, len(slices))
	for i, s := range slices {
		a := uint64(1) << s.align
		offset = (offset + a - 1) / a * a
		if offset+uint64(len(s.data)) > 1<<32-1 {
			return errors.New("universal binary larger than 4 GiB")
		}
		offsets[i] = offset
		put(uint32(s.cpu))
		put(s.subCpu)
		put(uint32(offset))
		put(uint32(len(s.data)))
		put(s.align)
		offset += uint64(len(s.data))
	}
	written := uint64(header.Len())
	if _, err := w.Write(header.Bytes()); err != nil {
		return err
	}
	for i, s := range slices {
		if _, err := w.Write(make([]byte, offsets[i]-written)); err != nil {
			return err
		}
		if _, err := w.Write(s.data); err != nil {
			return err
		}
		written = offsets[i] + uint64(len(s.data))
	}
	return nil
}

// check reads the universal binary back and compares each slice with its input.
func check(fat []byte, slices []slice) error {
	ff, err := macho.NewFatFile(bytes.NewReader(fat))
	if err != nil {
		return fmt.Errorf("reading the result back: %w", err)
	}
	defer ff.Close()
	if len(ff.Arches) != len(slices) {
		return fmt.Errorf("result has %d slices, want %d", len(ff.Arches), len(slices))
	}
	for _, s := range slices {
		found := false
		for _, a := range ff.Arches {
			if a.Cpu == s.cpu {
				found = true
				if a.SubCpu != s.subCpu || !bytes.Equal(fat[a.Offset:a.Offset+a.Size], s.data) {
					return fmt.Errorf("slice %v differs from its input", s.cpu)
				}
			}
		}
		if !found {
			return fmt.Errorf("result lacks CPU %v", s.cpu)
		}
	}
	return nil
}

func run(out string, inputs []string) error {
	var slices []slice
	for _, in := range inputs {
		s, err := readSlice(in)
		if err != nil {
			return err
		}
		slices = append(slices, s)
	}
	var buf bytes.Buffer
	if err := join(&buf, slices); err != nil {
		return err
	}
	if err := check(buf.Bytes(), slices); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o755)
}

func main() {
	out := flag.String("o", "", "output file")
	flag.Parse()
	if *out == "" || flag.NArg() < 2 {
		fmt.Fprintln(os.Stderr, "usage: lipo -o OUT IN IN...")
		os.Exit(2)
	}
	if err := run(*out, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "lipo:", err)
		os.Exit(1)
	}
}
