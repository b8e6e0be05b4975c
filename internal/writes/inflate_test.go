package writes

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"io"
	"math/rand"
	"strings"
	"testing"
)

// TestInflate: guard's DEFLATE decoder gives back what compress/flate and
// compress/gzip write, at every level, for every kind of data.
func TestInflate(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	random := make([]byte, 200000)
	rng.Read(random)
	text := []byte(strings.Repeat("the quick brown fox jumps over the lazy dog; ", 5000))
	var mixed []byte
	for i := 0; i < 3000; i++ {
		if rng.Intn(3) == 0 {
			mixed = append(mixed, random[rng.Intn(1000):][:rng.Intn(50)]...)
		} else {
			mixed = append(mixed, text[rng.Intn(1000):][:rng.Intn(300)]...)
		}
	}
	inputs := map[string][]byte{"empty": nil, "one": {'x'}, "random": random, "text": text, "mixed": mixed,
		"zeros": make([]byte, 1<<20)}
	for name, data := range inputs {
		for _, level := range []int{flate.NoCompression, flate.BestSpeed, 5, flate.BestCompression, flate.HuffmanOnly} {
			var b bytes.Buffer
			w, _ := flate.NewWriter(&b, level)
			w.Write(data)
			w.Close()
			got, err := io.ReadAll(newInflater(bufio.NewReader(&b)))
			if err != nil || !bytes.Equal(got, data) {
				t.Errorf("%s at level %d: %v, %d bytes, want %d", name, level, err, len(got), len(data))
			}
			var g bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&g, level)
			zw.Name = "name.tar"
			zw.Comment = "a comment"
			zw.Write(data)
			zw.Close()
			// A second member, as cat a.gz b.gz makes.
			zw, _ = gzip.NewWriterLevel(&g, level)
			zw.Write([]byte("second"))
			zw.Close()
			r, err := newGunzip(&g)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			got, err = io.ReadAll(r)
			if err != nil || !bytes.Equal(got, append(append([]byte(nil), data...), "second"...)) {
				t.Errorf("gzip %s at level %d: %v, %d bytes", name, level, err, len(got))
			}
		}
	}
	// Damaged streams end in an error, not a panic or a hang.
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, 5)
	w.Write(mixed)
	w.Close()
	good := b.Bytes()
	for i := 0; i < 300; i++ {
		bad := append([]byte(nil), good...)
		bad[rng.Intn(len(bad))] ^= byte(1 + rng.Intn(255))
		bad = bad[:rng.Intn(len(bad))]
		io.Copy(io.Discard, io.LimitReader(newInflater(bufio.NewReader(bytes.NewReader(bad))), 1<<22))
	}
}

func BenchmarkInflate(b *testing.B) {
	data := []byte(strings.Repeat("the quick brown fox jumps over the lazy dog; 0123456789\n", 20000))
	var z bytes.Buffer
	w, _ := flate.NewWriter(&z, 6)
	w.Write(data)
	w.Close()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		io.Copy(io.Discard, newInflater(bufio.NewReader(bytes.NewReader(z.Bytes()))))
	}
}
