package main

import (
	"bytes"
	"debug/macho"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// thin returns a minimal 64-bit Mach-O executable for cpu: a header with no
// load commands, then payload.
func thin(cpu macho.Cpu, subCpu uint32, payload string) []byte {
	var b bytes.Buffer
	for _, v := range []uint32{macho.Magic64, uint32(cpu), subCpu, uint32(macho.TypeExec), 0, 0, 0, 0} {
		_ = binary.Write(&b, binary.LittleEndian, v)
	}
	b.WriteString(payload)
	return b.Bytes()
}

func TestLipo(t *testing.T) {
	amd64 := thin(macho.CpuAmd64, 3, strings.Repeat("x86", 5000))
	arm64 := thin(macho.CpuArm64, 0, strings.Repeat("arm", 7000))
	i386 := thin(macho.Cpu386, 3, "old")
	tests := []struct {
		name    string
		inputs  [][]byte
		wantErr string
		aligns  map[macho.Cpu]uint32
	}{
		{name: "amd64 and arm64", inputs: [][]byte{amd64, arm64}, aligns: map[macho.Cpu]uint32{macho.CpuAmd64: 1 << 12, macho.CpuArm64: 1 << 14}},
		{name: "input order does not matter", inputs: [][]byte{arm64, amd64}, aligns: map[macho.Cpu]uint32{macho.CpuAmd64: 1 << 12, macho.CpuArm64: 1 << 14}},
		{name: "one input", inputs: [][]byte{amd64}, wantErr: "at least two"},
		{name: "the same CPU twice", inputs: [][]byte{amd64, amd64}, wantErr: "two executables for CPU"},
		{name: "unsupported CPU", inputs: [][]byte{amd64, i386}, wantErr: "only amd64 and arm64"},
		{name: "not a Mach-O file", inputs: [][]byte{amd64, []byte("#!/bin/sh\n")}, wantErr: "invalid magic"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			var names []string
			for i, in := range tt.inputs {
				name := filepath.Join(dir, string(rune('a'+i)))
				if err := os.WriteFile(name, in, 0o644); err != nil {
					t.Fatal(err)
				}
				names = append(names, name)
			}
			out := filepath.Join(dir, "universal")
			err := run(out, names)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				if _, statErr := os.Stat(out); statErr == nil {
					t.Error("output written despite the error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			fi, err := os.Stat(out)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Perm() != 0o755 {
				t.Errorf("mode %v, want executable 0755", fi.Mode().Perm())
			}
			ff, err := macho.OpenFat(out)
			if err != nil {
				t.Fatal(err)
			}
			defer ff.Close()
			fat, _ := os.ReadFile(out)
			for _, a := range ff.Arches {
				if want := tt.aligns[a.Cpu]; 1<<a.Align != want || a.Offset%want != 0 {
					t.Errorf("%v slice at offset %d, align 2^%d: want a multiple of %d", a.Cpu, a.Offset, a.Align, want)
				}
				src := amd64
				if a.Cpu == macho.CpuArm64 {
					src = arm64
				}
				if !bytes.Equal(fat[a.Offset:a.Offset+a.Size], src) {
					t.Errorf("%v slice differs from its input", a.Cpu)
				}
			}
			if len(ff.Arches) != 2 {
				t.Errorf("%d slices, want 2", len(ff.Arches))
			}
		})
	}
}
